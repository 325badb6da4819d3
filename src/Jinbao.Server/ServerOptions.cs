namespace Jinbao.Server;

/// <summary>Settings of the platform server (<c>jinbao serve</c>).</summary>
public sealed record ServerOptions
{
    /// <summary>The default address: loopback only, so nothing is exposed until an administrator chooses to.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>The addresses to listen on, separated by <c>;</c>.</summary>
    public string Urls { get; init; } = DefaultUrls;

    /// <summary>The data folder: the server's database, uploaded extracts and check reports.</summary>
    public string DataDirectory { get; init; } = "jinbao-data";

    /// <summary>Whether to give the <c>admin</c> account a new one-time password at start, creating it when missing.</summary>
    public bool InitAdministrator { get; init; }

    /// <summary>The largest extract upload, in bytes; 512 MiB by default.</summary>
    public long MaxUploadBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>The largest request body of a single-record check or other JSON request, in bytes; 64 KiB by default.</summary>
    public long MaxJsonBytes { get; init; } = 64 * 1024;

    /// <summary>How long a signed-in session lasts without a request; 30 minutes by default.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Failed sign-ins within <see cref="FailureWindow"/> that lock an account; 5 by default.</summary>
    public int MaxFailedSignIns { get; init; } = 5;

    /// <summary>The window in which failed sign-ins are counted; 15 minutes by default.</summary>
    public TimeSpan FailureWindow { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a locked account stays locked; 15 minutes by default.</summary>
    public TimeSpan LockoutDuration { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Sign-in requests allowed per client address and minute before 429; 30 by default.</summary>
    public int SignInRequestsPerMinute { get; init; } = 30;

    /// <summary>
    /// Whether operators see whole ID numbers in person, conflict and duplicate responses. Off by
    /// default, so every response masks the birth-date digits.
    /// </summary>
    public bool OperatorsSeeFullIdNumbers { get; init; }

    /// <summary>The clock for sessions, lock-outs and audit entries.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// The certificate sign-in, the second factor after the password. When set, a session becomes usable
    /// only after the user signs a challenge with the SM2 key of a certificate. The certificate's chain
    /// and revocation must verify, and its subject common name must be the user name.
    /// </summary>
    public Jinbao.Trust.Pki.SignInChallenges? CertificateSignIn { get; init; }

    /// <summary>
    /// Whether an account without a bound certificate is denied the certificate step. Off by default, so an
    /// unbound account signs in with any trusted certificate whose common name is its user name.
    /// </summary>
    public bool RequireCertificateBinding { get; init; }

    /// <summary>The OCSP service of a CA folder, served at <c>/ocsp</c>, or null when the server serves no CA.</summary>
    public Jinbao.Trust.Pki.CaFolderOcsp? Ocsp { get; init; }

    /// <summary>The RFC 3161 time-stamp authority served at <c>/tsa</c>, or null when the server has no time-stamp key.</summary>
    public Jinbao.Trust.Timestamps.TimeStampAuthority? TimeStamps { get; init; }

    /// <summary>The keys and trust settings of the receiving node for upward-report packages, or null when the server receives none.</summary>
    public Jinbao.Exchange.Packages.NodeTrust? PackageNode { get; init; }

    /// <summary>The partner services (query, verification, subscriptions) over mutual TLS, or null when the server offers none.</summary>
    public Jinbao.Exchange.Sharing.PartnerServiceSettings? Partners { get; init; }

    /// <summary>Where the one-time password of the first administrator is written; standard output by default.</summary>
    public TextWriter? Console { get; init; }
}
