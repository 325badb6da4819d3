using Jinbao.Trust.Pki;

namespace Jinbao.Trust.Cms;

/// <summary>Checks of the streaming ASN.1 parser's results, which are null or of another type when the input ends early or is damaged.</summary>
internal static class CmsParsing
{
    public static T Require<T>(object? parsed, string damagedMessage)
        where T : class
        => parsed as T ?? throw new TrustException(damagedMessage);
}
