using System.Collections.Concurrent;
using Jinbao.Exchange.Resources;
using Jinbao.Trust.Pki;
using Org.BouncyCastle.X509;

namespace Jinbao.Exchange.Sharing;

/// <summary>
/// Validates partner organisation certificates: the path to a trusted root (SM2 signatures with ID
/// 1234567812345678), validity, signing key usage and revocation by the CRLs in a folder. A result is cached
/// per certificate until the CRL files change or <see cref="CacheLifetime"/> passes, because a path check
/// costs several SM2 verifications and every partner call needs it.
/// </summary>
public sealed class PartnerTrust
{
    private readonly ChainVerifier _verifier;
    private readonly IReadOnlyList<X509Certificate> _intermediates;
    private readonly string? _crlFolder;
    private readonly TimeProvider _time;
    private readonly TimeSpan _crlRefreshInterval;
    private readonly ConcurrentDictionary<string, CachedResult> _results = new(StringComparer.Ordinal);
    private readonly Lock _crlLock = new();
    private CrlSnapshot _crls = new([], 0, DateTimeOffset.MinValue, "");

    /// <summary>Creates the trust for partner certificates.</summary>
    /// <remarks>
    /// <paramref name="crlFolder"/>: a folder of DER or PEM files ending in <c>.crl</c>, re-read when a file changes; null checks no revocation.
    /// <paramref name="crlRefreshInterval"/>: how often the folder is looked at for changes; one minute by default.
    /// </remarks>
    public PartnerTrust(IEnumerable<X509Certificate> roots, IEnumerable<X509Certificate> intermediates, string? crlFolder, TimeProvider? time = null, TimeSpan? crlRefreshInterval = null)
    {
        _verifier = new ChainVerifier(roots) { RequireRevocationInformation = crlFolder is not null };
        _intermediates = [.. intermediates];
        _crlFolder = crlFolder;
        _time = time ?? TimeProvider.System;
        _crlRefreshInterval = crlRefreshInterval ?? TimeSpan.FromMinutes(1);
    }

    /// <summary>How long a validation result is reused when the CRLs have not changed.</summary>
    public TimeSpan CacheLifetime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Returns null when the certificate may be used now for <paramref name="use"/>, else a Chinese sentence saying why not.</summary>
    public string? Check(X509Certificate certificate, CertificateUse use = CertificateUse.Signing)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var now = _time.GetUtcNow();
        var crls = CurrentCrls(now);
        string serial = CertificateAuthority.SerialText(certificate.SerialNumber) + "/" + use;
        if (_results.TryGetValue(serial, out var cached) && cached.CrlVersion == crls.Version && cached.Until > now && certificate.NotAfter.ToUniversalTime() >= now.UtcDateTime)
        {
            return cached.Problem;
        }

        var result = _verifier.Verify(certificate, _intermediates, crls.Crls, use, now.UtcDateTime);
        string? problem = result.IsValid ? null : Text.Format(SharingText.CertificateRejected, result.Describe());
        _results[serial] = new CachedResult(problem, crls.Version, now + CacheLifetime);
        return problem;
    }

    private CrlSnapshot CurrentCrls(DateTimeOffset now)
    {
        var snapshot = Volatile.Read(ref _crls);
        if (_crlFolder is null || snapshot.CheckedAt + _crlRefreshInterval > now)
        {
            return snapshot;
        }

        lock (_crlLock)
        {
            snapshot = _crls;
            if (snapshot.CheckedAt + _crlRefreshInterval > now)
            {
                return snapshot;
            }

            var files = Directory.Exists(_crlFolder) ? Directory.GetFiles(_crlFolder, "*.crl").Order(StringComparer.Ordinal).ToArray() : [];
            string stamp = string.Join("|", files.Select(f => f + "@" + File.GetLastWriteTimeUtc(f).Ticks + "@" + new FileInfo(f).Length));
            if (stamp == snapshot.Stamp)
            {
                _crls = snapshot with { CheckedAt = now };
                return _crls;
            }

            var crls = files.Select(f => CertificateFiles.ReadCrl(File.ReadAllBytes(f), f)).ToList();
            _crls = new CrlSnapshot(crls, snapshot.Version + 1, now, stamp);
            return _crls;
        }
    }

    private sealed record CrlSnapshot(IReadOnlyList<X509Crl> Crls, long Version, DateTimeOffset CheckedAt, string Stamp);

    private sealed record CachedResult(string? Problem, long CrlVersion, DateTimeOffset Until);
}
