using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Jinbao.Trust.Algorithms;
using Jinbao.Trust.Resources;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;

namespace Jinbao.Trust.Pki;

/// <summary>An encryption certificate with its private key wrapped for the holder.</summary>
/// <remarks><paramref name="Certificate"/>: The encryption certificate.</remarks>
/// <remarks><paramref name="EnvelopedKey"/>: The GM/T 0009 SM2EnvelopedKey, openable only with the holder's signing key.</remarks>
public sealed record EncryptionCertificate(X509Certificate Certificate, byte[] EnvelopedKey);

/// <summary>
/// One CA of the three-tier hierarchy, backed by a CA folder. Every issued certificate and revocation is
/// written to the folder and flushed to disk before the call returns. Instances are thread-safe; the folder stays locked
/// against other processes until <see cref="Dispose"/>.
/// </summary>
public sealed partial class CertificateAuthority : IDisposable
{
    private readonly CaFolder _folder;
    private readonly Sm2PrivateKey _key;
    private readonly Sm2PublicKey _archiveKey;
    private readonly TimeProvider _time;
    private readonly CaState _state;
    private readonly HashSet<string> _serials;
    private readonly Lock _gate = new();
    private readonly IssuanceLog _log;
    private CertificateStatusSnapshot _status;

    private CertificateAuthority(CaFolder folder, IssuanceLog log, Sm2PrivateKey key, Sm2PublicKey archiveKey, X509Certificate certificate, IReadOnlyList<X509Certificate> issuerChain, CaState state, TimeProvider time)
    {
        _folder = folder;
        _log = log;
        _key = key;
        _archiveKey = archiveKey;
        Certificate = certificate;
        IssuerChain = issuerChain;
        _state = state;
        _time = time;
        _serials = [.. state.Issued.Select(e => e.Serial)];
        _status = BuildSnapshot();
        KeyIdentifier = CertificateExtensions.KeyIdentifier(key.PublicKey);
    }

    /// <summary>The CA's own certificate.</summary>
    public X509Certificate Certificate { get; }

    /// <summary>The certificates of the CAs above this one, nearest first; empty for the root.</summary>
    public IReadOnlyList<X509Certificate> IssuerChain { get; }

    /// <summary>The settings the CA was created with.</summary>
    public CaSettings Settings => _state.Settings;

    /// <summary>The folder of the CA.</summary>
    public string FolderPath => _folder.Path;

    /// <summary>The current issued and revoked serial numbers; a new object after each change.</summary>
    public CertificateStatusSnapshot Status => Volatile.Read(ref _status);

    internal Sm2PrivateKey SigningKey => _key;

    internal byte[] KeyIdentifier { get; }

    /// <summary>Creates a self-signed root CA in an empty folder.</summary>
    /// <remarks><paramref name="keyCost"/>: scrypt N for the sealed key files.</remarks>
    public static CertificateAuthority CreateRoot(string folder, CaSettings settings, string passphrase, TimeProvider? time = null, int keyCost = EncryptedKeyFile.DefaultCost)
    {
        ArgumentNullException.ThrowIfNull(settings);
        time ??= TimeProvider.System;
        RequirePathLength(settings.PathLength);
        var ca = CreateFolder(folder, passphrase, keyCost, out var key, out var archiveKey);
        try
        {
            var now = Now(time);
            var subject = SubjectOf(settings);
            var extensions = CertificateExtensions.ForCa(key.PublicKey, null, settings.PathLength, settings, isRoot: true);
            var certificate = CertificateBuilder.Build(NewSerial(), subject, subject, now, now + settings.Validity, key.PublicKey, extensions, key, Sm2.DefaultId);
            return Finish(ca, key, archiveKey, certificate, [], settings, time);
        }
        catch
        {
            ca.Dispose();
            throw;
        }
    }

    /// <summary>Creates a provincial or city CA in an empty folder, certified by this CA.</summary>
    public CertificateAuthority CreateSubordinate(string folder, CaSettings settings, string passphrase, int keyCost = EncryptedKeyFile.DefaultCost)
    {
        ArgumentNullException.ThrowIfNull(settings);
        RequirePathLength(settings.PathLength);
        if (Settings.PathLength < 1 || settings.PathLength > Settings.PathLength - 1)
        {
            throw new TrustException(Format(TrustText.PathLengthExceeded, Settings.CommonName, Settings.PathLength, settings.PathLength));
        }

        var now = Now(_time);
        CheckValidity(now, now + settings.Validity);
        var child = CreateFolder(folder, passphrase, keyCost, out var key, out var archiveKey);
        try
        {
            var extensions = CertificateExtensions.ForCa(key.PublicKey, KeyIdentifier, settings.PathLength, Settings, isRoot: false);
            var certificate = IssueAndRecord(SubjectOf(settings), now + settings.Validity, key.PublicKey, extensions, entry => entry.IsCa = true);
            return Finish(child, key, archiveKey, certificate, [Certificate, .. IssuerChain], settings, _time);
        }
        catch
        {
            child.Dispose();
            throw;
        }
    }

    /// <summary>Opens an existing CA folder; a wrong passphrase or a damaged folder throws <see cref="TrustException"/>.</summary>
    public static CertificateAuthority Open(string folder, string passphrase, TimeProvider? time = null)
    {
        var ca = CaFolder.Open(folder);
        IssuanceLog? log = null;
        try
        {
            var state = ca.ReadState();
            log = IssuanceLog.Open(ca.LogFile, state);
            var key = EncryptedKeyFile.Open(File.ReadAllBytes(ca.KeyFile), passphrase, ca.KeyFile);
            var archiveKey = EncryptedKeyFile.Open(File.ReadAllBytes(ca.ArchiveKeyFile), passphrase, ca.ArchiveKeyFile);
            var certificate = CaFolder.ReadCertificate(ca.CertificateFile);
            var chain = CertificateFiles.ReadAll(File.ReadAllBytes(ca.ChainFile), ca.ChainFile);
            if (!Sm2Signing.PublicKeyOf(certificate).ToBytes().AsSpan().SequenceEqual(key.PublicKey.ToBytes()))
            {
                throw new TrustException(Format(TrustText.CaStateInvalid, ca.CertificateFile));
            }

            return new CertificateAuthority(ca, log, key, archiveKey.PublicKey, certificate, chain, state, time ?? TimeProvider.System);
        }
        catch
        {
            log?.Dispose();
            ca.Dispose();
            throw;
        }
    }

    /// <summary>Issues a signing certificate for a checked CSR; the key stays with the holder.</summary>
    /// <remarks><paramref name="alternativeNames"/>: Subject alternative names (DNS names or IP addresses of a device), or null.</remarks>
    public X509Certificate IssueSigningCertificate(VerifiedCertificateRequest request, CertificateProfile profile, TimeSpan validity, GeneralNames? alternativeNames = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var notAfter = Now(_time) + validity;
        CheckValidity(Now(_time), notAfter);
        var extensions = CertificateExtensions.ForEndEntity(request.PublicKey, KeyIdentifier, profile, KeyPurpose.Signing, Settings, alternativeNames);
        return IssueAndRecord(request.Subject, notAfter, request.PublicKey, extensions, entry =>
        {
            entry.Profile = profile;
            entry.Purpose = KeyPurpose.Signing;
        });
    }

    /// <summary>
    /// Generates an encryption key pair in the key centre, issues its certificate to the subject of
    /// <paramref name="request"/>, archives the key encrypted to the CA's archive key, and returns the
    /// certificate with the key wrapped for the holder's signing key.
    /// </summary>
    public EncryptionCertificate IssueEncryptionCertificate(VerifiedCertificateRequest request, CertificateProfile profile, TimeSpan validity, GeneralNames? alternativeNames = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (profile == CertificateProfile.TimeStamping)
        {
            throw new TrustException(TrustText.TimeStampingHasNoEncryption);
        }

        var notAfter = Now(_time) + validity;
        CheckValidity(Now(_time), notAfter);
        var key = Sm2PrivateKey.Generate();
        var extensions = CertificateExtensions.ForEndEntity(key.PublicKey, KeyIdentifier, profile, KeyPurpose.Encryption, Settings, alternativeNames);
        var archived = EncryptionKeyEnvelope.Seal(key, _archiveKey);
        var certificate = IssueAndRecord(request.Subject, notAfter, key.PublicKey, extensions, entry =>
        {
            entry.Profile = profile;
            entry.Purpose = KeyPurpose.Encryption;
            AtomicFile.Write(_folder.ArchivedKeyFile(entry.Serial), archived);
        });
        return new EncryptionCertificate(certificate, EncryptionKeyEnvelope.Seal(key, request.PublicKey));
    }

    /// <summary>Recovers an archived encryption key (lawful recovery); needs the CA opened with its passphrase.</summary>
    public Sm2PrivateKey RecoverEncryptionKey(BigInteger serial, string passphrase)
    {
        ArgumentNullException.ThrowIfNull(serial);
        var path = _folder.ArchivedKeyFile(SerialText(serial));
        if (!File.Exists(path))
        {
            throw new TrustException(Format(TrustText.ArchivedKeyMissing, SerialText(serial)));
        }

        var archiveKey = EncryptedKeyFile.Open(File.ReadAllBytes(_folder.ArchiveKeyFile), passphrase, _folder.ArchiveKeyFile);
        return EncryptionKeyEnvelope.Open(File.ReadAllBytes(path), archiveKey);
    }

    /// <summary>Revokes a certificate this CA issued; revoking it again keeps the first revocation.</summary>
    public Revocation Revoke(BigInteger serial, RevocationReason reason)
    {
        ArgumentNullException.ThrowIfNull(serial);
        if (!Enum.IsDefined(reason))
        {
            throw new TrustException(Format(TrustText.RevocationReasonInvalid, (int)reason));
        }

        lock (_gate)
        {
            var text = SerialText(serial);
            var entry = _state.Issued.Find(e => e.Serial == text) ?? throw new TrustException(Format(TrustText.SerialNotIssued, text, Settings.CommonName));
            if (entry.RevokedAt is { } at)
            {
                return new Revocation(at, entry.Reason ?? RevocationReason.Unspecified);
            }

            entry.RevokedAt = Now(_time);
            entry.Reason = reason;
            entry.RevokedAfterCrl = _state.CrlNumber;
            try
            {
                _folder.WriteState(_state);
            }
            catch
            {
                entry.RevokedAt = null;
                entry.Reason = null;
                entry.RevokedAfterCrl = null;
                throw;
            }

            var revocation = new Revocation(entry.RevokedAt.Value, reason);
            Volatile.Write(ref _status, _status.With(serial, revocation));
            return revocation;
        }
    }

    /// <summary>Closes issued.log and releases the folder lock.</summary>
    public void Dispose()
    {
        _log.Dispose();
        _folder.Dispose();
    }

    /// <summary>The serial number as the CA folder names it: upper-case hexadecimal.</summary>
    public static string SerialText(BigInteger serial)
    {
        ArgumentNullException.ThrowIfNull(serial);
        return serial.ToString(16).ToUpperInvariant();
    }

    private X509Certificate IssueAndRecord(X509Name subject, DateTime notAfter, Sm2PublicKey subjectKey, X509Extensions extensions, Action<IssuedEntry> complete)
    {
        // The serial is reserved under the lock, and the certificate is signed and its file written outside
        // it, so concurrent issuers sign on several cores and flush their files at the same time. The entry
        // then joins a group commit to issued.log (see CommitIssued).
        BigInteger serial;
        lock (_gate)
        {
            do
            {
                serial = NewSerial();
            }
            while (!_serials.Add(SerialText(serial)));
        }

        var entry = new IssuedEntry { Serial = SerialText(serial), Subject = subject.ToString(), NotAfter = notAfter };
        try
        {
            var certificate = CertificateBuilder.Build(serial, Certificate.SubjectDN, subject, Now(_time), notAfter, subjectKey, extensions, _key, Sm2.DefaultId);
            complete(entry);
            AtomicFile.WriteText(_folder.IssuedCertificateFile(entry.Serial), CertificateFiles.ToPem(certificate));
            try
            {
                CommitIssued(entry, serial);
            }
            catch (TrustException)
            {
                // Not recorded, so not issued: remove the files written for it.
                File.Delete(_folder.IssuedCertificateFile(entry.Serial));
                File.Delete(_folder.ArchivedKeyFile(entry.Serial));
                throw;
            }

            return certificate;
        }
        catch
        {
            lock (_gate)
            {
                _serials.Remove(entry.Serial);
            }

            throw;
        }
    }

    private void CheckValidity(DateTime notBefore, DateTime notAfter)
    {
        if (notBefore < Certificate.NotBefore.ToUniversalTime() || notBefore > Certificate.NotAfter.ToUniversalTime())
        {
            throw new TrustException(Format(TrustText.CaNotValidNow, Settings.CommonName, Certificate.NotBefore.ToUniversalTime(), Certificate.NotAfter.ToUniversalTime()));
        }

        if (notAfter > Certificate.NotAfter.ToUniversalTime())
        {
            throw new TrustException(Format(TrustText.ValidityBeyondCa, notAfter, Settings.CommonName, Certificate.NotAfter.ToUniversalTime()));
        }

        if (notAfter <= notBefore)
        {
            throw new TrustException(TrustText.ValidityNotPositive);
        }
    }

    private CertificateStatusSnapshot BuildSnapshot() => BuildSnapshot(_state);

    /// <summary>Returns the issued and revoked serial numbers that a CA state records.</summary>
    internal static CertificateStatusSnapshot BuildSnapshot(CaState state) => new(state.Issued.Select(e => new KeyValuePair<BigInteger, Revocation?>(
        new BigInteger(e.Serial, 16),
        e.RevokedAt is { } at ? new Revocation(at, e.Reason ?? RevocationReason.Unspecified) : null)));

    private static CaFolder CreateFolder(string folder, string passphrase, int keyCost, out Sm2PrivateKey key, out Sm2PrivateKey archiveKey)
    {
        if (string.IsNullOrEmpty(passphrase))
        {
            throw new TrustException(TrustText.PassphraseEmpty);
        }

        var ca = CaFolder.Create(folder);
        key = Sm2PrivateKey.Generate();
        archiveKey = Sm2PrivateKey.Generate();
        AtomicFile.Write(ca.KeyFile, EncryptedKeyFile.Seal(key, passphrase, keyCost));
        AtomicFile.Write(ca.ArchiveKeyFile, EncryptedKeyFile.Seal(archiveKey, passphrase, keyCost));
        return ca;
    }

    private static CertificateAuthority Finish(CaFolder folder, Sm2PrivateKey key, Sm2PrivateKey archiveKey, X509Certificate certificate, IReadOnlyList<X509Certificate> chain, CaSettings settings, TimeProvider time)
    {
        AtomicFile.WriteText(folder.CertificateFile, CertificateFiles.ToPem(certificate));
        AtomicFile.WriteText(folder.ChainFile, string.Concat(chain.Select(CertificateFiles.ToPem)));
        var state = new CaState { Settings = settings };
        folder.WriteState(state);
        return new CertificateAuthority(folder, IssuanceLog.Open(folder.LogFile, state), key, archiveKey.PublicKey, certificate, chain, state, time);
    }

    private static void RequirePathLength(int pathLength)
    {
        if (pathLength is < 0 or > 8)
        {
            throw new TrustException(Format(TrustText.PathLengthInvalid, pathLength));
        }
    }

    private static X509Name SubjectOf(CaSettings settings)
    {
        var builder = new StringBuilder("C=CN");
        builder.Append(",O=").Append(Escape(settings.Organization));
        builder.Append(",CN=").Append(Escape(settings.CommonName));
        return new X509Name(builder.ToString());
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(",", "\\,", StringComparison.Ordinal).Replace("+", "\\+", StringComparison.Ordinal).Replace("=", "\\=", StringComparison.Ordinal);

    /// <summary>A positive 16-byte serial with 126 random bits; the second-highest bit is set so that the DER length is always 16 bytes.</summary>
    private static BigInteger NewSerial()
    {
        var bytes = RandomNumberGenerator.GetBytes(16);
        bytes[0] &= 0x7F;
        bytes[0] |= 0x01 << 6;
        return new BigInteger(1, bytes);
    }

    internal static DateTime Now(TimeProvider time)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
    }

    private static string Format(string template, params object?[] args) => string.Format(CultureInfo.CurrentCulture, template, args);
}
