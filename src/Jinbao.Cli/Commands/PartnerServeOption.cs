using System.CommandLine;
using Jinbao.Exchange.Resources;
using Jinbao.Exchange.Sharing;

namespace Jinbao.Cli.Commands;

/// <summary>The <c>--partners FILE</c> option of <c>jinbao serve</c>, which turns on the partner services.</summary>
internal static class PartnerServeOption
{
    public static Option<string?> Create() => new("--partners") { Description = SharingText.ServePartnersOption };

    /// <summary>Reads the settings file; the signing key's passphrase comes from JINBAO_KEY_PASSPHRASE.</summary>
    public static PartnerServiceSettings? Load(string? path)
    {
        if (path is null)
        {
            return null;
        }

        string passphrase = TrustCommandSupport.ReadPassphrase(null, TrustCommandSupport.KeyPassphraseVariable, "--partners");
        try
        {
            return PartnerSettingsFile.Load(path, passphrase);
        }
        catch (SharingException ex)
        {
            throw new UsageException(ex.Message);
        }
    }
}
