using System.Globalization;
using Jinbao.Trust.Resources;

namespace Jinbao.Trust.Pki;

/// <summary>Chinese display names of revocation reasons and certificate uses.</summary>
public static class DisplayNames
{
    /// <summary>The name of <paramref name="reason"/> in the current UI culture.</summary>
    public static string Of(RevocationReason reason)
        => TrustText.ResourceManager.GetString("Reason" + reason, CultureInfo.CurrentUICulture) ?? ((int)reason).ToString(CultureInfo.InvariantCulture);

    /// <summary>The name of <paramref name="use"/> in the current UI culture.</summary>
    public static string Of(CertificateUse use)
        => TrustText.ResourceManager.GetString("Use" + use, CultureInfo.CurrentUICulture) ?? use.ToString();
}
