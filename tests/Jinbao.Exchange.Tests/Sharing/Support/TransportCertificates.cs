using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Jinbao.Exchange.Tests.Sharing.Support;

/// <summary>
/// An ECDSA P-256 transport CA with a server certificate for 127.0.0.1 and client certificates, as the TLS layer of the
/// partner services uses them (TLS here has no SM2 suites).
/// </summary>
internal sealed class TransportCertificates : IDisposable
{
    private readonly ECDsa _rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public TransportCertificates()
    {
        var request = new CertificateRequest("CN=测试传输根CA, O=Jinbao test", _rootKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        Root = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        Server = Issue("CN=127.0.0.1", "1.3.6.1.5.5.7.3.1", includeLoopbackName: true);
    }

    public X509Certificate2 Root { get; }

    public X509Certificate2 Server { get; }

    /// <summary>Issues a client certificate (extended key usage clientAuth) for a partner's TLS connection.</summary>
    public X509Certificate2 IssueClient(string name) => Issue("CN=" + name, "1.3.6.1.5.5.7.3.2", includeLoopbackName: false);

    /// <summary>A handler that presents <paramref name="client"/> (or no certificate) and trusts only this CA's server certificate.</summary>
    public SocketsHttpHandler Handler(X509Certificate2? client)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), UseProxy = false };
        if (client is not null)
        {
            handler.SslOptions.ClientCertificates = [client];
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => client;
        }

        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
        {
            if (certificate is null)
            {
                return false;
            }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(Root);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(new X509Certificate2(certificate));
        };
        return handler;
    }

    public void Dispose()
    {
        Root.Dispose();
        Server.Dispose();
        _rootKey.Dispose();
    }

    private X509Certificate2 Issue(string subject, string usage, bool includeLoopbackName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], false));
        if (includeLoopbackName)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
        }

        byte[] serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F;
        using var issued = request.Create(Root, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(20), serial);
        using var withKey = issued.CopyWithPrivateKey(key);

        // A PKCS#12 round trip gives a certificate whose key SslStream can use on every platform.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
    }
}
