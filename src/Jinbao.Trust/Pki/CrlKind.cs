namespace Jinbao.Trust.Pki;

/// <summary>Whether a CRL lists every revocation or only those since the last full CRL.</summary>
public enum CrlKind
{
    /// <summary>A complete CRL, the base of later delta CRLs.</summary>
    Full,

    /// <summary>A delta CRL (RFC 5280 §5.2.4) that names its base CRL number in the delta CRL indicator.</summary>
    Delta,
}
