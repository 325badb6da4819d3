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
        var command = new Command("serve", CliText.ServeDescription) { urls, data, initAdmin };
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

            var options = new ServerOptions { Urls = addresses, DataDirectory = parsed.GetValue(data)!, InitAdministrator = parsed.GetValue(initAdmin) };
            var app = ServerApplication.Build(options);
            try
            {
                app.Start();
            }
            catch (IOException ex)
            {
                // Kestrel reports an address in use or not available as an IOException with an English message.
                throw new UsageException(string.Format(CultureInfo.CurrentCulture, CliText.ServeBindFailed, addresses, ex.InnerException?.Message ?? ex.Message));
            }

            Console.WriteLine(string.Format(CultureInfo.CurrentCulture, CliText.ServeListening, addresses, Path.GetFullPath(options.DataDirectory)));
            app.WaitForShutdown();
            return ExitCodes.Success;
        }));
        return command;
    }
}
