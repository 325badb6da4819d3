using System.Collections.Concurrent;
using System.Security.Cryptography;
using Jinbao.Trust.Algorithms;
using Jinbao.Trust.Resources;
using Org.BouncyCastle.X509;

namespace Jinbao.Trust.Pki;

/// <summary>A sign-in challenge: the client signs <see cref="Value"/> with SM2 and the default signer ID before <see cref="ExpiresAt"/>.</summary>
/// <param name="Id">The handle the client sends back with its signature.</param>
/// <param name="Value">32 random bytes to sign.</param>
/// <param name="ExpiresAt">The time after which the challenge is rejected.</param>
public sealed record SignInChallenge(string Id, byte[] Value, DateTimeOffset ExpiresAt);

/// <summary>The outcome of a certificate sign-in.</summary>
/// <param name="Certificate">The certificate the client presented.</param>
/// <param name="Problems">Chinese reasons for rejection; empty when the sign-in succeeded.</param>
public sealed record SignInResult(X509Certificate Certificate, IReadOnlyList<string> Problems)
{
    /// <summary>Whether the signature, the certificate path and the revocation status were all valid.</summary>
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>
/// The core of certificate sign-in: it issues single-use random challenges with an expiry and checks the
/// client's SM2 signature over one, together with the certificate path and revocation. A challenge is
/// removed when it is first presented, so a replayed signature is rejected. Each owner (the account that
/// signs in) has at most one open challenge, and a new one replaces it, so the store never grows beyond
/// one challenge per account, however often a client requests one. Thread-safe.
/// </summary>
public sealed class SignInChallenges
{
    // The open challenge of each owner, keyed by owner.
    private readonly ConcurrentDictionary<string, SignInChallenge> _open = new(StringComparer.Ordinal);
    private readonly ChainVerifier _verifier;
    private readonly Func<IReadOnlyList<X509Crl>> _crls;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;

    /// <summary>Creates the challenge store; <paramref name="crls"/> returns the current CRLs at each check.</summary>
    public SignInChallenges(ChainVerifier verifier, Func<IReadOnlyList<X509Crl>> crls, TimeProvider time, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        ArgumentNullException.ThrowIfNull(crls);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        _verifier = verifier;
        _crls = crls;
        _time = time;
        _lifetime = lifetime;
    }

    /// <summary>The number of challenges issued and not yet presented or purged.</summary>
    public int OpenCount => _open.Count;

    /// <summary>Issues a new challenge to <paramref name="owner"/>, replacing the owner's open one, and drops expired ones.</summary>
    public SignInChallenge Issue(string owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var now = _time.GetUtcNow();
        foreach (var expired in _open.Where(pair => pair.Value.ExpiresAt < now))
        {
            _open.TryRemove(expired.Key, out _);
        }

        var challenge = new SignInChallenge(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), RandomNumberGenerator.GetBytes(32), now + _lifetime);
        _open[owner] = challenge;
        return challenge;
    }

    /// <summary>Checks a challenge that <paramref name="owner"/> signed. A challenge with the owner's open id is used up whatever the outcome.</summary>
    public SignInResult Verify(string owner, string challengeId, byte[] signature, X509Certificate certificate, IEnumerable<X509Certificate> intermediates)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(challengeId);
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(certificate);
        // A stale id leaves the owner's current challenge open, so an old browser tab cannot spoil a new attempt.
        if (!_open.TryGetValue(owner, out var challenge)
            || !string.Equals(challenge.Id, challengeId, StringComparison.Ordinal)
            || !_open.TryRemove(KeyValuePair.Create(owner, challenge)))
        {
            return new SignInResult(certificate, [TrustText.ChallengeUnknown]);
        }

        var now = _time.GetUtcNow();
        if (now > challenge.ExpiresAt)
        {
            return new SignInResult(certificate, [TrustText.ChallengeExpired]);
        }

        bool signatureValid;
        try
        {
            signatureValid = Sm2.Verify(Sm2Signing.PublicKeyOf(certificate), challenge.Value, signature, Sm2.DefaultId);
        }
        catch (TrustException)
        {
            signatureValid = false;
        }

        if (!signatureValid)
        {
            return new SignInResult(certificate, [TrustText.ChallengeSignatureInvalid]);
        }

        return new SignInResult(certificate, CheckCertificate(certificate, intermediates));
    }

    /// <summary>
    /// Checks a certificate the way a sign-in does, without a challenge: the path to a trust anchor, the
    /// validity at the current time, revocation by the current CRLs and the clientAuth use.
    /// </summary>
    /// <returns>Chinese reasons for rejection, empty when the certificate may sign in.</returns>
    public IReadOnlyList<string> CheckCertificate(X509Certificate certificate, IEnumerable<X509Certificate> intermediates)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var result = _verifier.Verify(certificate, intermediates, _crls(), CertificateUse.ClientAuthentication, _time.GetUtcNow().UtcDateTime);
        return [.. result.Problems.Select(p => p.Message)];
    }
}
