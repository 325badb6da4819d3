using System.Globalization;
using System.Text.Json;
using Jinbao.Trust.Resources;
using Org.BouncyCastle.X509;

namespace Jinbao.Trust.Pki;

/// <summary>
/// The files of one CA: ca.cer, chain.pem (the issuing CAs up to the root), ca.key and archive.key (sealed
/// with the passphrase), state.json, issued.log (see <see cref="IssuanceLog"/>), certs/SERIAL.cer and archive/SERIAL.env. A lock file held while the
/// folder is open keeps a second process from issuing at the same time.
/// </summary>
internal sealed class CaFolder : IDisposable
{
    private readonly FileStream _lock;

    private CaFolder(string path, FileStream lockHandle)
    {
        Path = path;
        _lock = lockHandle;
    }

    public string Path { get; }

    public string CertificateFile => Combine("ca.cer");

    public string ChainFile => Combine("chain.pem");

    public string KeyFile => Combine("ca.key");

    public string ArchiveKeyFile => Combine("archive.key");

    /// <summary>The name of state.json in the folder.</summary>
    public const string StateFileName = "state.json";

    public string StateFile => Combine(StateFileName);

    public string LogFile => Combine(IssuanceLog.FileName);

    public static CaFolder Create(string path)
    {
        // A leftover issued.log would otherwise add another CA's certificates to the new one.
        if (File.Exists(System.IO.Path.Combine(path, StateFileName)) || File.Exists(System.IO.Path.Combine(path, IssuanceLog.FileName)))
        {
            throw new TrustException(Format(TrustText.CaFolderExists, path));
        }

        Directory.CreateDirectory(path);
        Directory.CreateDirectory(System.IO.Path.Combine(path, "certs"));
        Directory.CreateDirectory(System.IO.Path.Combine(path, "archive"));
        return Lock(path);
    }

    public static CaFolder Open(string path)
    {
        if (!File.Exists(System.IO.Path.Combine(path, "state.json")))
        {
            throw new TrustException(Format(TrustText.CaFolderMissing, path));
        }

        var folder = Lock(path);
        try
        {
            folder.DeleteTemporaryFiles();
            return folder;
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Deletes the temporary files of atomic writes that a stopped process left in certs/ and archive/. Their
    /// certificates were not recorded as issued, because a file is renamed into place before its entry is recorded.
    /// </summary>
    private void DeleteTemporaryFiles()
    {
        foreach (var folder in new[] { Combine("certs"), Combine("archive") }.Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.tmp"))
            {
                File.Delete(file);
            }
        }
    }

    public string IssuedCertificateFile(string serial) => Combine("certs", serial + ".cer");

    public string ArchivedKeyFile(string serial) => Combine("archive", serial + ".env");

    public CaState ReadState() => ReadState(StateFile);

    /// <summary>Reads a CA's state.json alone; <see cref="IssuanceLog.ReadUnlocked"/> adds the certificates issued since it was written.</summary>
    internal static CaState ReadState(string stateFile)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(stateFile), CaStateJson.Default.CaState)
                ?? throw new TrustException(Format(TrustText.CaStateInvalid, stateFile));
        }
        catch (JsonException ex)
        {
            throw new TrustException(Format(TrustText.CaStateInvalid, stateFile), ex);
        }
    }

    public void WriteState(CaState state) => AtomicFile.Write(StateFile, JsonSerializer.SerializeToUtf8Bytes(state, CaStateJson.Default.CaState));

    public static X509Certificate ReadCertificate(string path) => CertificateFiles.Read(File.ReadAllBytes(path), path);

    public void Dispose() => _lock.Dispose();

    private string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static CaFolder Lock(string path)
    {
        try
        {
            var handle = new FileStream(System.IO.Path.Combine(path, "ca.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return new CaFolder(path, handle);
        }
        catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new TrustException(Format(TrustText.CaFolderInUse, path), ex);
        }
    }

    private static string Format(string template, params object?[] args) => string.Format(CultureInfo.CurrentCulture, template, args);
}
