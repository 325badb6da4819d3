using System.Net.Http.Json;
using System.Text.Json;
using Jinbao.Trust.Algorithms;
using Jinbao.Trust.Pki;
using Org.BouncyCastle.Asn1.X509;
using X509Certificate = Org.BouncyCastle.X509.X509Certificate;

namespace Jinbao.Server.Tests.Support;

/// <summary>Staff signing certificates for certificate sign-in, issued through the product's own CA.</summary>
internal static class StaffCertificates
{
    /// <summary>Generates an SM2 key and issues a personal signing certificate whose common name is <paramref name="name"/>.</summary>
    public static (Sm2PrivateKey Key, X509Certificate Certificate) Issue(CertificateAuthority ca, string name)
    {
        var key = Sm2PrivateKey.Generate();
        var csr = CertificateRequests.Create(key, new X509Name($"C=CN,O=某市社会保险事业管理局,CN={name}"), Sm2.DefaultId);
        var request = CertificateRequests.ReadAndVerify(csr, Sm2.DefaultId, "test.csr");
        return (key, ca.IssueSigningCertificate(request, CertificateProfile.Personal, TimeSpan.FromDays(365)));
    }

    /// <summary>Fetches a challenge for <paramref name="client"/>'s session and returns its id with an SM2 signature over it.</summary>
    public static async Task<(string Id, string Signature)> SignChallengeAsync(ApiClient client, Sm2PrivateKey key)
    {
        using var response = await client.GetAsync("/api/v1/session/challenge");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var challenge = await response.Content.ReadFromJsonAsync<JsonElement>();
        byte[] value = Convert.FromBase64String(challenge.GetProperty("challenge").GetString()!);
        return (challenge.GetProperty("id").GetString()!, Convert.ToBase64String(Sm2.Sign(key, value, Sm2.DefaultId)));
    }

    /// <summary>The body of POST /api/v1/session/certificate.</summary>
    public static object SubmissionBody(string id, string signature, X509Certificate[] certificates) =>
        new { challengeId = id, signature, certificates = certificates.Select(CertificateFiles.ToPem).ToArray() };

    /// <summary>Signs a challenge and submits it with the certificates, the second step of sign-in.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(ApiClient client, Sm2PrivateKey key, X509Certificate[] certificates)
    {
        var (id, signature) = await SignChallengeAsync(client, key);
        return await client.PostJsonAsync("/api/v1/session/certificate", SubmissionBody(id, signature, certificates));
    }
}
