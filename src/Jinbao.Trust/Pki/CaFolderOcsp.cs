namespace Jinbao.Trust.Pki;

/// <summary>
/// The OCSP responder of a CA folder that the <c>jinbao ca</c> commands keep issuing and revoking
/// in from another process. It reads the CA certificate and decrypts the CA key once, without
/// taking the folder's lock, and reads state.json and issued.log again when either has changed, looking at
/// most once a second, so an issuance or a revocation shows in the responses within about a second of being recorded.
/// </summary>
public sealed class CaFolderOcsp
{
    private static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(1);

    private readonly string _folder;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private CertificateStatusSnapshot _status;
    private (DateTime State, DateTime Log, long LogLength) _written;
    private long _nextCheck;

    private CaFolderOcsp(string folder, TimeProvider time, OcspResponderFactory create)
    {
        _folder = folder;
        _time = time;
        _written = LastWritten(folder);
        _status = CertificateAuthority.BuildSnapshot(IssuanceLog.ReadUnlocked(folder));
        Responder = create(() => CurrentStatus());
    }

    private delegate OcspResponder OcspResponderFactory(Func<CertificateStatusSnapshot> status);

    /// <summary>The responder; its responses follow the revocations recorded in the folder.</summary>
    public OcspResponder Responder { get; }

    /// <summary>Opens the CA folder at <paramref name="folder"/> for OCSP with the passphrase of its key.</summary>
    /// <exception cref="TrustException">The folder is not a CA folder, or the passphrase does not open its key; the message is Chinese.</exception>
    public static CaFolderOcsp Open(string folder, string passphrase, TimeProvider? time = null, TimeSpan? validity = null)
    {
        string stateFile = Path.Combine(folder, "state.json");
        if (!File.Exists(stateFile))
        {
            throw new TrustException(string.Format(System.Globalization.CultureInfo.CurrentCulture, Resources.TrustText.CaFolderMissing, folder));
        }

        string keyFile = Path.Combine(folder, "ca.key");
        var key = EncryptedKeyFile.Open(File.ReadAllBytes(keyFile), passphrase, keyFile);
        var certificate = CaFolder.ReadCertificate(Path.Combine(folder, "ca.cer"));
        var clock = time ?? TimeProvider.System;
        return new CaFolderOcsp(folder, clock, status => new OcspResponder(certificate, key, status, clock, validity ?? TimeSpan.FromHours(1)));
    }

    private CertificateStatusSnapshot CurrentStatus()
    {
        long now = _time.GetTimestamp();
        if (now < Volatile.Read(ref _nextCheck))
        {
            return Volatile.Read(ref _status);
        }

        lock (_gate)
        {
            _nextCheck = now + (long)(RecheckInterval.TotalSeconds * _time.TimestampFrequency);
            try
            {
                var written = LastWritten(_folder);
                if (written != _written)
                {
                    // The CA writes state.json by atomic rename, so a read gets a whole file, and the reader of
                    // issued.log skips a line that is still being appended.
                    Volatile.Write(ref _status, CertificateAuthority.BuildSnapshot(IssuanceLog.ReadUnlocked(_folder)));
                    _written = written;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or TrustException)
            {
                // Keep responding from the last state read; the next check tries again.
            }

            return _status;
        }
    }

    private static (DateTime State, DateTime Log, long LogLength) LastWritten(string folder)
    {
        var log = new FileInfo(Path.Combine(folder, IssuanceLog.FileName));
        return (File.GetLastWriteTimeUtc(Path.Combine(folder, CaFolder.StateFileName)), log.Exists ? log.LastWriteTimeUtc : default, log.Exists ? log.Length : 0);
    }
}
