using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Org.BouncyCastle.X509;

namespace Jinbao.Trust.Pki;

/// <summary>
/// Publishes a CA's CRLs on a schedule driven by a <see cref="TimeProvider"/>: a full CRL at start and every
/// <c>fullInterval</c>, a delta CRL at every <c>deltaInterval</c> tick in between. Each CRL is written
/// atomically as <c>full.crl</c> or <c>delta.crl</c> (DER) in the output folder. A failed publication is
/// logged and retried at the next tick; it does not stop the schedule.
/// </summary>
public sealed partial class CrlPublisher : IDisposable
{
    private readonly CertificateAuthority _ca;
    private readonly string _outputFolder;
    private readonly TimeSpan _fullInterval;
    private readonly TimeSpan _deltaInterval;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private ITimer? _timer;
    private DateTimeOffset _lastFull;

    public CrlPublisher(CertificateAuthority ca, string outputFolder, TimeSpan fullInterval, TimeSpan deltaInterval, TimeProvider time, ILogger<CrlPublisher>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(ca);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(deltaInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(fullInterval, deltaInterval);
        _ca = ca;
        _outputFolder = outputFolder;
        _fullInterval = fullInterval;
        _deltaInterval = deltaInterval;
        _time = time;
        _logger = logger ?? NullLogger<CrlPublisher>.Instance;
    }

    /// <summary>The full CRL published last, or null before the first.</summary>
    public X509Crl? LastFull { get; private set; }

    /// <summary>The delta CRL published last, or null before the first.</summary>
    public X509Crl? LastDelta { get; private set; }

    /// <summary>Publishes a full CRL now and starts the schedule.</summary>
    public void Start()
    {
        Directory.CreateDirectory(_outputFolder);
        Publish(CrlKind.Full);
        _timer = _time.CreateTimer(_ => Tick(), null, _deltaInterval, _deltaInterval);
        LogStarted(_logger, _ca.Settings.CommonName, _fullInterval, _deltaInterval);
    }

    /// <summary>Stops the schedule.</summary>
    public void Dispose()
    {
        _timer?.Dispose();
        LogStopped(_logger, _ca.Settings.CommonName);
    }

    private void Tick()
    {
        var kind = _time.GetUtcNow() - _lastFull >= _fullInterval ? CrlKind.Full : CrlKind.Delta;
        try
        {
            Publish(kind);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or TrustException)
        {
            LogFailed(_logger, ex, _ca.Settings.CommonName, kind);
        }
    }

    private void Publish(CrlKind kind)
    {
        lock (_gate)
        {
            // nextUpdate is the time of the next publication of the same kind, so relying parties know when to fetch.
            var crl = _ca.GenerateCrl(kind, kind == CrlKind.Full ? _fullInterval : _deltaInterval);
            AtomicFile.Write(Path.Combine(_outputFolder, kind == CrlKind.Full ? "full.crl" : "delta.crl"), crl.GetEncoded());
            if (kind == CrlKind.Full)
            {
                _lastFull = _time.GetUtcNow();
                LastFull = crl;
            }
            else
            {
                LastDelta = crl;
            }

            LogPublished(_logger, _ca.Settings.CommonName, kind, CrlNumbers.NumberOf(crl) ?? 0);
        }
    }

    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "CRL publisher for {Ca} started: full every {Full}, delta every {Delta}")]
    private static partial void LogStarted(ILogger logger, string ca, TimeSpan full, TimeSpan delta);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "CRL publisher for {Ca} stopped")]
    private static partial void LogStopped(ILogger logger, string ca);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Debug, Message = "CA {Ca} published a {Kind} CRL with number {Number}")]
    private static partial void LogPublished(ILogger logger, string ca, CrlKind kind, long number);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Error, Message = "CA {Ca} failed to publish a {Kind} CRL; retrying at the next tick")]
    private static partial void LogFailed(ILogger logger, Exception exception, string ca, CrlKind kind);
}
