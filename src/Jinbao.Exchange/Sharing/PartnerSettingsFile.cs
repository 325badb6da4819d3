using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Jinbao.Exchange.Resources;
using Jinbao.Trust.Pki;

namespace Jinbao.Exchange.Sharing;

/// <summary>
/// Reads <see cref="PartnerServiceSettings"/> from a JSON file whose paths are relative to the file:
/// <c>tlsCertificate</c> and <c>tlsKey</c> (PEM, ECDSA or RSA), <c>tlsClientRoots</c> (PEM files),
/// <c>organisationRoots</c> and <c>organisationIntermediates</c> (SM2 certificates), <c>crlFolder</c>,
/// <c>signingKey</c> (a Jinbao encrypted SM2 key file), <c>signingCertificate</c> (its SM2 certificate, needed for
/// batch extracts), <c>allowedClockSkewSeconds</c>, <c>callbackTlsRoots</c>
/// (PEM files) and <c>callbackIntervalSeconds</c>.
/// </summary>
public static class PartnerSettingsFile
{
    private sealed record Document(
        string? TlsCertificate,
        string? TlsKey,
        string[]? TlsClientRoots,
        string[]? OrganisationRoots,
        string[]? OrganisationIntermediates,
        string? CrlFolder,
        string? SigningKey,
        string? SigningCertificate,
        int? AllowedClockSkewSeconds,
        string[]? CallbackTlsRoots,
        int? CallbackIntervalSeconds);

    /// <summary>Reads and checks the settings; <paramref name="keyPassphrase"/> opens the signing key.</summary>
    /// <exception cref="SharingException">The file, a file it names or a value in it is missing or invalid.</exception>
    public static PartnerServiceSettings Load(string path, string keyPassphrase)
    {
        try
        {
            var document = JsonSerializer.Deserialize<Document>(File.ReadAllBytes(path), new JsonSerializerOptions(JsonSerializerDefaults.Web))
                ?? throw Invalid(path, "null");
            string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
            string Resolve(string? relative, string name) => relative is { Length: > 0 } ? Path.Combine(folder, relative) : throw Invalid(path, name);

            var tls = X509Certificate2.CreateFromPemFile(Resolve(document.TlsCertificate, "tlsCertificate"), Resolve(document.TlsKey, "tlsKey"));

            // A PKCS#12 round trip gives a certificate whose key TLS can use on every platform.
            var transport = X509CertificateLoader.LoadPkcs12(tls.Export(X509ContentType.Pkcs12), null);
            var clientRoots = new X509Certificate2Collection();
            foreach (string root in document.TlsClientRoots ?? throw Invalid(path, "tlsClientRoots"))
            {
                clientRoots.ImportFromPemFile(Resolve(root, "tlsClientRoots"));
            }

            var roots = (document.OrganisationRoots ?? throw Invalid(path, "organisationRoots")).Select(r => ReadSm2(Resolve(r, "organisationRoots"))).ToList();
            var intermediates = (document.OrganisationIntermediates ?? []).Select(r => ReadSm2(Resolve(r, "organisationIntermediates"))).ToList();
            string keyFile = Resolve(document.SigningKey, "signingKey");
            X509Certificate2Collection? callbackRoots = null;
            foreach (string root in document.CallbackTlsRoots ?? [])
            {
                callbackRoots ??= [];
                callbackRoots.ImportFromPemFile(Resolve(root, "callbackTlsRoots"));
            }

            return new PartnerServiceSettings
            {
                TransportCertificate = transport,
                TransportClientRoots = clientRoots,
                OrganisationRoots = roots,
                OrganisationIntermediates = intermediates,
                CrlFolder = document.CrlFolder is { Length: > 0 } crl ? Path.Combine(folder, crl) : null,
                ResponseSigningKey = EncryptedKeyFile.Open(File.ReadAllBytes(keyFile), keyPassphrase, keyFile),
                ResponseSigningCertificate = document.SigningCertificate is { Length: > 0 } certificate ? ReadSm2(Path.Combine(folder, certificate)) : null,
                AllowedClockSkew = TimeSpan.FromSeconds(document.AllowedClockSkewSeconds is > 0 and <= 900 ? document.AllowedClockSkewSeconds.Value : 60),
                CallbackTlsRoots = callbackRoots,
                CallbackInterval = TimeSpan.FromSeconds(document.CallbackIntervalSeconds is > 0 and <= 86_400 ? document.CallbackIntervalSeconds.Value : 30),
            };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or CryptographicException or TrustException)
        {
            throw Invalid(path, ex.Message);
        }
    }

    private static Org.BouncyCastle.X509.X509Certificate ReadSm2(string file) => CertificateFiles.Read(File.ReadAllBytes(file), file);

    private static SharingException Invalid(string path, string detail) => new(Text.Format(SharingText.SettingsFileInvalid, path, detail));
}
