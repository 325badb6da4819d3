namespace Jinbao.Trust.Pki;

/// <summary>The naming, limits and publication addresses of one CA, fixed when the CA is created.</summary>
public sealed record CaSettings
{
    /// <summary>The CA's common name, for example 人社部根 CA.</summary>
    public required string CommonName { get; init; }

    /// <summary>The organisation in the CA's subject (O).</summary>
    public string Organization { get; init; } = "人力资源和社会保障部";

    /// <summary>The level in the hierarchy.</summary>
    public CaLevel Level { get; init; } = CaLevel.Ministry;

    /// <summary>The maximum number of CA certificates that may follow this one in a path (basic constraints pathLenConstraint).</summary>
    public int PathLength { get; init; } = 2;

    /// <summary>The lifetime of the CA certificate.</summary>
    public TimeSpan Validity { get; init; } = TimeSpan.FromDays(3652);

    /// <summary>The address where this CA's full CRL is published, written as the CRL distribution point of what it issues; null writes none.</summary>
    public string? CrlUrl { get; init; }

    /// <summary>The OCSP responder address written in the authority information access of what this CA issues; null writes none.</summary>
    public string? OcspUrl { get; init; }

    /// <summary>
    /// The certificate policy written in issued certificates. NOTE: the default is anyPolicy (2.5.29.32.0),
    /// because Jinbao has no registered policy arc; a deployment sets the administration's OID here.
    /// </summary>
    public string PolicyOid { get; init; } = "2.5.29.32.0";
}
