using System.CommandLine;
using System.Globalization;
using Jinbao.Cli.Resources;
using Jinbao.Server;
using Microsoft.Extensions.Hosting;

namespace Jinbao.Cli.Commands;

/// <summary>
/// <c>jinbao serve</c>: runs the platform server (HTTP API and web console) until Ctrl+C. It binds
/// to 127.0.0.1 unless <c>--urls</c> names another address, and keeps its data in <c>--data</c>.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = CliText.ServeUrlsOption, DefaultValueFactory = _ => ServerOptions.DefaultUrls };
        var data = new Option<string>("--data") { Description = CliText.ServeDataOption, DefaultValueFactory = _ => "jinbao-data" };
        NonEmptyValue.Require(data, CliText.ServeDataEmpty);
        var initAdmin = new Option<bool>("--init-admin") { Description = CliText.ServeInitAdminOption };
        var maxUpload = new Option<int>("--max-upload-mb") { Description = CliText.ServeMaxUploadOption, DefaultValueFactory = _ => 512 };
        var maxJson = new Option<int>("--max-json-kb") { Description = CliText.ServeMaxJsonOption, DefaultValueFactory = _ => 64 };
        var fullIds = new Option<bool>("--show-full-id-numbers") { Description = CliText.ServeFullIdOption };
        var command = new Command("serve", CliText.ServeDescription) { urls, data, initAdmin, maxUpload, maxJson, fullIds };
        command.SetAction(parsed => CommandErrors.Run(() =>
        {
            string addresses = parsed.GetValue(urls)!;
            foreach (string url in addresses.Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                {
                    throw new UsageException(string.Format(CultureInfo.CurrentCulture, CliText.ServeUrlInvalid, url));
                }
            }

            int uploadMegabytes = parsed.GetValue(maxUpload);
            int jsonKilobytes = parsed.GetValue(maxJson);
            if (uploadMegabytes is < 1 or > 65_536 || jsonKilobytes is < 1 or > 65_536)
            {
                throw new UsageException(string.Format(CultureInfo.CurrentCulture, CliText.ServeLimitInvalid, uploadMegabytes, jsonKilobytes));
            }

            var options = new ServerOptions
            {
                Urls = addresses,
                DataDirectory = parsed.GetValue(data)!,
                InitAdministrator = parsed.GetValue(initAdmin),
                MaxUploadBytes = uploadMegabytes * 1024L * 1024,
                MaxJsonBytes = jsonKilobytes * 1024L,
                OperatorsSeeFullIdNumbers = parsed.GetValue(fullIds),
            };
            var app = ServerApplication.Build(options);
            try
            {
                app.Start();
            }
            catch (IOException)
            {
                // Kestrel reports an address in use or not available as an IOException with an English message.
                throw new UsageException(string.Format(CultureInfo.CurrentCulture, CliText.ServeBindFailed, addresses));
            }

            Console.WriteLine(string.Format(CultureInfo.CurrentCulture, CliText.ServeListening, addresses, Path.GetFullPath(options.DataDirectory)));
            app.WaitForShutdown();
            return ExitCodes.Success;
        }));
        return command;
    }
}
