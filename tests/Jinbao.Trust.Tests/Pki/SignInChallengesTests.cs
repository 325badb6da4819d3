using Jinbao.Trust.Algorithms;
using Jinbao.Trust.Pki;
using Org.BouncyCastle.X509;

namespace Jinbao.Trust.Tests.Pki;

public sealed class SignInChallengesTests : IDisposable
{
    private const string Owner = "7";

    private readonly TestHierarchy _hierarchy = new();
    private readonly X509Crl[] _crls;
    private readonly SignInChallenges _challenges;

    public SignInChallengesTests()
    {
        _crls = _hierarchy.FullCrls();
        _challenges = new SignInChallenges(_hierarchy.Verifier, () => _crls, _hierarchy.Time, TimeSpan.FromMinutes(2));
    }

    public void Dispose() => _hierarchy.Dispose();

    [Fact]
    public void Signed_challenge_signs_in()
    {
        var (key, certificate) = _hierarchy.IssueStaff();
        var challenge = _challenges.Issue(Owner);

        var result = _challenges.Verify(Owner, challenge.Id, Sm2.Sign(key, challenge.Value, Sm2.DefaultId), certificate, _hierarchy.Intermediates);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal(0, _challenges.OpenCount);
    }

    [Theory]
    [InlineData(CertificateProfile.Personal)]
    [InlineData(CertificateProfile.Device)]
    [InlineData(CertificateProfile.Organization)]
    public void Client_authentication_profiles_sign_in(CertificateProfile profile)
    {
        var (key, certificate) = _hierarchy.IssueStaff(profile: profile);
        var challenge = _challenges.Issue(Owner);

        var result = _challenges.Verify(Owner, challenge.Id, Sm2.Sign(key, challenge.Value, Sm2.DefaultId), certificate, _hierarchy.Intermediates);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
    }

    [Fact]
    public void Time_stamping_certificate_is_rejected()
    {
        var (key, certificate) = _hierarchy.IssueStaff(profile: CertificateProfile.TimeStamping);
        var challenge = _challenges.Issue(Owner);

        var result = _challenges.Verify(Owner, challenge.Id, Sm2.Sign(key, challenge.Value, Sm2.DefaultId), certificate, _hierarchy.Intermediates);

        Assert.Contains("不允许用于登录", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Replayed_challenge_is_rejected()
    {
        var (key, certificate) = _hierarchy.IssueStaff();
        var challenge = _challenges.Issue(Owner);
        var signature = Sm2.Sign(key, challenge.Value, Sm2.DefaultId);
        Assert.True(_challenges.Verify(Owner, challenge.Id, signature, certificate, _hierarchy.Intermediates).Succeeded);

        var replay = _challenges.Verify(Owner, challenge.Id, signature, certificate, _hierarchy.Intermediates);

        Assert.Contains("只能使用一次", Assert.Single(replay.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Expired_challenge_is_rejected()
    {
        var (key, certificate) = _hierarchy.IssueStaff();
        var challenge = _challenges.Issue(Owner);
        _hierarchy.Time.Advance(TimeSpan.FromMinutes(3));

        var result = _challenges.Verify(Owner, challenge.Id, Sm2.Sign(key, challenge.Value, Sm2.DefaultId), certificate, _hierarchy.Intermediates);

        Assert.Contains("过期", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Signature_by_another_key_is_rejected()
    {
        var (_, certificate) = _hierarchy.IssueStaff();
        var challenge = _challenges.Issue(Owner);

        var result = _challenges.Verify(Owner, challenge.Id, Sm2.Sign(Sm2PrivateKey.Generate(), challenge.Value, Sm2.DefaultId), certificate, _hierarchy.Intermediates);

        Assert.False(result.Succeeded);
    }

    [Fact]
    public void Revoked_certificate_is_rejected()
    {
        var (key, certificate) = _hierarchy.IssueStaff();
        _hierarchy.City.Revoke(certificate.SerialNumber, RevocationReason.PrivilegeWithdrawn);
        _crls[2] = _hierarchy.City.GenerateCrl(CrlKind.Full, TimeSpan.FromDays(1));
        var challenge = _challenges.Issue(Owner);

        var result = _challenges.Verify(Owner, challenge.Id, Sm2.Sign(key, challenge.Value, Sm2.DefaultId), certificate, _hierarchy.Intermediates);

        Assert.Contains("撤销", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Expired_challenges_are_purged()
    {
        _challenges.Issue("1");
        _challenges.Issue("2");
        _hierarchy.Time.Advance(TimeSpan.FromMinutes(3));

        _challenges.Issue("3");

        Assert.Equal(1, _challenges.OpenCount);
    }

    [Fact]
    public void New_challenge_replaces_the_owners_open_one()
    {
        var (key, certificate) = _hierarchy.IssueStaff();
        var first = _challenges.Issue(Owner);
        for (var i = 0; i < 1000; i++)
        {
            _challenges.Issue(Owner);
        }

        var last = _challenges.Issue(Owner);
        Assert.Equal(1, _challenges.OpenCount);

        var stale = _challenges.Verify(Owner, first.Id, Sm2.Sign(key, first.Value, Sm2.DefaultId), certificate, _hierarchy.Intermediates);
        Assert.Contains("只能使用一次", Assert.Single(stale.Problems), StringComparison.Ordinal);

        var afterStale = _challenges.Verify(Owner, last.Id, Sm2.Sign(key, last.Value, Sm2.DefaultId), certificate, _hierarchy.Intermediates);
        Assert.True(afterStale.Succeeded, string.Join("\n", afterStale.Problems));
    }

    [Fact]
    public void Challenge_of_another_owner_is_rejected()
    {
        var (key, certificate) = _hierarchy.IssueStaff();
        var challenge = _challenges.Issue("other");

        var result = _challenges.Verify(Owner, challenge.Id, Sm2.Sign(key, challenge.Value, Sm2.DefaultId), certificate, _hierarchy.Intermediates);

        Assert.Contains("只能使用一次", Assert.Single(result.Problems), StringComparison.Ordinal);
        Assert.Equal(1, _challenges.OpenCount);
    }
}
