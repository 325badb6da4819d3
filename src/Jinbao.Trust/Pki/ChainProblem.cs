namespace Jinbao.Trust.Pki;

/// <summary>The check of certificate path validation that failed.</summary>
public enum ChainCheck
{
    /// <summary>No path from the certificate to a trusted root was found.</summary>
    PathNotFound,

    /// <summary>A certificate's signature does not verify with its issuer's key and the signer ID.</summary>
    Signature,

    /// <summary>A certificate is expired or not yet valid at the validation time.</summary>
    Validity,

    /// <summary>An issuing certificate is not marked as a CA in basic constraints.</summary>
    BasicConstraints,

    /// <summary>More CA certificates follow an issuer than its path length constraint allows.</summary>
    PathLength,

    /// <summary>A key usage or extended key usage needed for the use is missing.</summary>
    KeyUsage,

    /// <summary>A certificate is revoked.</summary>
    Revoked,

    /// <summary>No valid, current CRL from the issuer was available.</summary>
    RevocationUnknown,
}

/// <summary>One failed check on one certificate of a path.</summary>
/// <param name="Check">The check that failed.</param>
/// <param name="Subject">The subject of the certificate it failed on.</param>
/// <param name="Message">A Chinese sentence naming the check, the certificate and what to do.</param>
public sealed record ChainProblem(ChainCheck Check, string Subject, string Message);

/// <summary>The outcome of validating a certificate path.</summary>
/// <param name="Problems">Every failed check; empty when the path is valid.</param>
/// <param name="Path">The path found, end entity first and trust anchor last; empty when none was found.</param>
public sealed record ChainVerificationResult(IReadOnlyList<ChainProblem> Problems, IReadOnlyList<Org.BouncyCastle.X509.X509Certificate> Path)
{
    /// <summary>Whether every check passed.</summary>
    public bool IsValid => Problems.Count == 0;

    /// <summary>Returns the problems' messages as one sentence list, each separated by a semicolon and the whole ending in one full stop.</summary>
    public string Describe() => JoinSentences(Problems.Select(p => p.Message));

    /// <summary>
    /// Joins sentences after dropping each one's own closing full stop, with the punctuation of the UI culture:
    /// "；" between them and "。" at the end in Chinese, ". " and "." in English.
    /// </summary>
    public static string JoinSentences(IEnumerable<string> sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var parts = sentences.Select(sentence => sentence.TrimEnd().TrimEnd('。', '.', '；', ';')).Where(part => part.Length > 0).ToList();
        return parts.Count == 0 ? "" : string.Join(Resources.TrustText.Sentences_Separator, parts) + Resources.TrustText.Sentences_End;
    }
}
