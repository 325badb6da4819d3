using Jinbao.Trust.Pki;
using Org.BouncyCastle.Ocsp;

namespace Jinbao.Trust.Tests.Pki;

public sealed class CaFolderOcspTests : IDisposable
{
    private readonly TestHierarchy _hierarchy = new();

    public void Dispose() => _hierarchy.Dispose();

    [Fact]
    public void Revocation_in_the_folder_is_answered_after_the_recheck()
    {
        var (_, certificate) = _hierarchy.IssueStaff();
        var ocsp = CaFolderOcsp.Open(Path.Combine(_hierarchy.Folder, "city"), TestHierarchy.Passphrase, _hierarchy.Time);
        byte[] request = new OcspReqGenerator().AddRequestChain(new CertificateID(CertificateID.DigestSha1, _hierarchy.City.Certificate, certificate.SerialNumber));

        Assert.Equal(CertificateStatus.Good, Status(ocsp.Responder.Respond(request)));

        _hierarchy.City.Revoke(certificate.SerialNumber, RevocationReason.KeyCompromise);
        File.SetLastWriteTimeUtc(Path.Combine(_hierarchy.Folder, "city", "state.json"), DateTime.UtcNow.AddSeconds(5));
        _hierarchy.Time.Advance(TimeSpan.FromSeconds(2));

        Assert.IsType<RevokedStatus>(Status(ocsp.Responder.Respond(request)));
    }

    [Fact]
    public void Wrong_passphrase_is_rejected()
    {
        Assert.ThrowsAny<TrustException>(() => CaFolderOcsp.Open(Path.Combine(_hierarchy.Folder, "city"), "wrong", _hierarchy.Time));
    }

    [Fact]
    public void Folder_without_a_ca_is_rejected_in_chinese()
    {
        var error = Assert.Throws<TrustException>(() => CaFolderOcsp.Open(_hierarchy.Folder, TestHierarchy.Passphrase, _hierarchy.Time));

        Assert.Contains(_hierarchy.Folder, error.Message);
    }

    private static object? Status(byte[] response)
    {
        var parsed = new OcspResp(response);
        Assert.Equal(0, parsed.Status);
        return Assert.Single(((BasicOcspResp)parsed.GetResponseObject()).Responses).GetCertStatus();
    }
}

internal static class OcspRequests
{
    public static byte[] AddRequestChain(this OcspReqGenerator generator, CertificateID id)
    {
        generator.AddRequest(id);
        return generator.Generate().GetEncoded();
    }
}
