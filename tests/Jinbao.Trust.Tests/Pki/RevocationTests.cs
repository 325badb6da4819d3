using Jinbao.Trust.Algorithms;
using Jinbao.Trust.Pki;

namespace Jinbao.Trust.Tests.Pki;

public sealed class RevocationTests : IDisposable
{
    private readonly TestHierarchy _hierarchy = new();

    public void Dispose() => _hierarchy.Dispose();

    [Fact]
    public void Full_crl_lists_revoked_certificate_with_reason()
    {
        var (_, certificate) = _hierarchy.IssueStaff();
        _hierarchy.City.Revoke(certificate.SerialNumber, RevocationReason.AffiliationChanged);

        var crl = _hierarchy.City.GenerateCrl(CrlKind.Full, TimeSpan.FromDays(1));

        var entry = crl.GetRevokedCertificate(certificate.SerialNumber);
        Assert.NotNull(entry);
        Assert.Equal(1L, CrlNumbers.NumberOf(crl));
        Assert.Null(CrlNumbers.DeltaBaseOf(crl));
        Assert.True(Sm2Signing.VerifyCrl(crl, Sm2Signing.PublicKeyOf(_hierarchy.City.Certificate), Sm2.DefaultId));
        Assert.NotNull(entry.GetExtensionValue(Org.BouncyCastle.Asn1.X509.X509Extensions.ReasonCode));
    }

    [Fact]
    public void Delta_crl_lists_only_revocations_after_its_base()
    {
        var (_, early) = _hierarchy.IssueStaff("早");
        var (_, late) = _hierarchy.IssueStaff("晚");
        _hierarchy.City.Revoke(early.SerialNumber, RevocationReason.Superseded);
        var full = _hierarchy.City.GenerateCrl(CrlKind.Full, TimeSpan.FromDays(1));
        _hierarchy.City.Revoke(late.SerialNumber, RevocationReason.KeyCompromise);

        var delta = _hierarchy.City.GenerateCrl(CrlKind.Delta, TimeSpan.FromHours(1));

        Assert.Equal(CrlNumbers.NumberOf(full), CrlNumbers.DeltaBaseOf(delta));
        Assert.Equal(2L, CrlNumbers.NumberOf(delta));
        Assert.NotNull(delta.GetRevokedCertificate(late.SerialNumber));
        Assert.Null(delta.GetRevokedCertificate(early.SerialNumber));
        Assert.Contains(Org.BouncyCastle.Asn1.X509.X509Extensions.DeltaCrlIndicator.Id, delta.GetCriticalExtensionOids());
    }

    [Fact]
    public void Delta_crl_needs_a_full_crl_first()
    {
        Assert.Throws<TrustException>(() => _hierarchy.City.GenerateCrl(CrlKind.Delta, TimeSpan.FromHours(1)));
    }

    [Fact]
    public void Publisher_issues_full_then_deltas_on_schedule()
    {
        var output = Path.Combine(_hierarchy.Folder, "published");
        using var publisher = new CrlPublisher(_hierarchy.City, output, TimeSpan.FromHours(24), TimeSpan.FromHours(1), _hierarchy.Time);
        publisher.Start();
        var (_, certificate) = _hierarchy.IssueStaff();
        Assert.Equal(1L, CrlNumbers.NumberOf(publisher.LastFull!));
        Assert.Null(publisher.LastDelta);

        _hierarchy.City.Revoke(certificate.SerialNumber, RevocationReason.KeyCompromise);
        _hierarchy.Time.Advance(TimeSpan.FromHours(1));

        Assert.NotNull(publisher.LastDelta);
        Assert.NotNull(publisher.LastDelta!.GetRevokedCertificate(certificate.SerialNumber));
        Assert.Equal(1L, CrlNumbers.DeltaBaseOf(publisher.LastDelta));
        Assert.True(File.Exists(Path.Combine(output, "delta.crl")));

        for (var hour = 2; hour <= 24; hour++)
        {
            _hierarchy.Time.Advance(TimeSpan.FromHours(1));
        }

        Assert.Equal(25L, CrlNumbers.NumberOf(publisher.LastFull!));
        Assert.NotNull(publisher.LastFull!.GetRevokedCertificate(certificate.SerialNumber));
        Assert.Equal(publisher.LastFull.GetEncoded(), File.ReadAllBytes(Path.Combine(output, "full.crl")));
    }
}
