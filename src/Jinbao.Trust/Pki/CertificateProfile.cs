namespace Jinbao.Trust.Pki;

/// <summary>The kinds of end-entity certificate the CA issues; each fixes key usages and extended key usages.</summary>
public enum CertificateProfile
{
    /// <summary>A member of staff (个人).</summary>
    Personal,

    /// <summary>A system or server (设备); the subject alternative names carry its DNS names or IP addresses.</summary>
    Device,

    /// <summary>A partner department (机构).</summary>
    Organization,

    /// <summary>A time-stamp authority; the only extended key usage is timeStamping, marked critical (RFC 3161).</summary>
    TimeStamping,
}

/// <summary>The use of the key in a dual-certificate pair.</summary>
public enum KeyPurpose
{
    /// <summary>The signing certificate; the holder generated the key.</summary>
    Signing,

    /// <summary>The encryption certificate; the CA's key centre generated the key.</summary>
    Encryption,
}

/// <summary>The level of a CA in the three-tier hierarchy.</summary>
public enum CaLevel
{
    /// <summary>The ministry root CA (部级).</summary>
    Ministry,

    /// <summary>A provincial CA (省级).</summary>
    Province,

    /// <summary>A city CA (市级).</summary>
    City,
}

/// <summary>RFC 5280 CRL reason codes that a revocation may give (certificateHold is not supported).</summary>
public enum RevocationReason
{
    Unspecified = 0,
    KeyCompromise = 1,
    CACompromise = 2,
    AffiliationChanged = 3,
    Superseded = 4,
    CessationOfOperation = 5,
    PrivilegeWithdrawn = 9,
    AACompromise = 10,
}
