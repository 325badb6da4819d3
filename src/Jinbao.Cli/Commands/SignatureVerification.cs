using System.CommandLine;
using Jinbao.Cli.Resources;
using Jinbao.Trust.Cms;
using Jinbao.Trust.Pki;
using Jinbao.Trust.Timestamps;
using static Jinbao.Cli.Commands.TrustCommandSupport;

namespace Jinbao.Cli.Commands;

/// <summary>
/// The signature mode of <c>jinbao verify</c>: it applies when <c>--signature</c> or <c>--trust</c> is given,
/// and checks a GM/T 0010 signed file, the signer's certificate path to a trusted root, and revocation by CRL.
/// </summary>
internal sealed class SignatureVerification
{
    public Option<string?> Signature { get; } = PathOption("--signature", TrustCliText.VerifySignatureOption);

    public Option<string[]> Trust { get; } = new("--trust") { Description = TrustCliText.VerifyTrustOption };

    public Option<string[]> Crls { get; } = new("--crl") { Description = TrustCliText.VerifyCrlOption };

    public Option<string?> Chain { get; } = PathOption("--chain", TrustCliText.VerifyChainOption);

    public Option<string?> ContentOutput { get; } = PathOption("--content-output", TrustCliText.VerifyContentOutputOption);

    public Option<bool> NoRevocation { get; } = new("--no-revocation-check") { Description = TrustCliText.VerifyNoRevocationOption };

    public Option<string?> SignerIdText { get; } = SignerIdOption();

    public void AddTo(Command command)
    {
        command.Options.Add(Signature);
        command.Options.Add(Trust);
        command.Options.Add(Crls);
        command.Options.Add(Chain);
        command.Options.Add(ContentOutput);
        command.Options.Add(NoRevocation);
        command.Options.Add(SignerIdText);
    }

    /// <summary>Whether the command line requests signature verification rather than registry verification.</summary>
    public bool IsRequested(ParseResult parsed) => parsed.GetValue(Signature) is not null || parsed.GetValue(Trust) is { Length: > 0 };

    public int Execute(ParseResult parsed, string file)
    {
        var roots = (parsed.GetValue(Trust) ?? []).SelectMany(path => CertificateFiles.ReadAll(File.ReadAllBytes(path), path)).ToList();
        if (roots.Count == 0)
        {
            throw new UsageException(TrustCliText.VerifyTrustMissing);
        }

        var crls = (parsed.GetValue(Crls) ?? []).Select(path => CertificateFiles.ReadCrl(File.ReadAllBytes(path), path)).ToList();
        var intermediates = parsed.GetValue(Chain) is { } chainPath ? CertificateFiles.ReadAll(File.ReadAllBytes(chainPath), chainPath) : [];
        var signaturePath = parsed.GetValue(Signature);
        var contentOutput = parsed.GetValue(ContentOutput);
        var signerId = SignerId(parsed.GetValue(SignerIdText));

        SignedFileInfo info;
        try
        {
            info = signaturePath is null ? VerifyAttached(file, contentOutput, signerId) : VerifyDetached(signaturePath, file, signerId);
        }
        catch (TrustException ex)
        {
            Console.Error.WriteLine(Format(TrustCliText.VerifySignatureFailed, ex.Message));
            return ExitCodes.Findings;
        }

        var verifier = new ChainVerifier(roots) { RequireRevocationInformation = !parsed.GetValue(NoRevocation) };
        var result = verifier.Verify(info.Signer, [.. info.Certificates, .. intermediates], crls, CertificateUse.Signing, DateTime.UtcNow);
        Console.WriteLine(Format(TrustCliText.VerifySigner, info.Signer.SubjectDN, CertificateAuthority.SerialText(info.Signer.SerialNumber), info.SigningTime));
        var problems = result.Problems.ToList();
        if (info.TimeStampToken is { } token)
        {
            try
            {
                var stamp = TimeStampVerifier.Verify(token, info.Signature);
                problems.AddRange(verifier.Verify(stamp.Authority, [.. info.Certificates, .. intermediates], crls, CertificateUse.TimeStamping, DateTime.UtcNow).Problems);
                Console.WriteLine(Format(TrustCliText.VerifyTimeStamp, stamp.Time, stamp.Authority.SubjectDN));
            }
            catch (TrustException ex)
            {
                Console.Error.WriteLine(Format(TrustCliText.VerifySignatureFailed, ex.Message));
                return ExitCodes.Findings;
            }
        }

        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                Console.Error.WriteLine(Format(TrustCliText.VerifyChainProblem, problem.Message));
            }

            return ExitCodes.Findings;
        }

        Console.WriteLine(parsed.GetValue(NoRevocation) ? TrustCliText.VerifySignatureValidRevocationUnchecked : TrustCliText.VerifySignatureValid);
        return ExitCodes.Success;
    }

    private static SignedFileInfo VerifyAttached(string path, string? contentOutput, byte[] signerId)
    {
        using var input = File.OpenRead(path);
        if (contentOutput is null)
        {
            return SignedFile.Verify(input, null, null, signerId);
        }

        SignedFileInfo? info = null;
        WriteAtomically(contentOutput, stream => info = SignedFile.Verify(input, null, stream, signerId));
        return info!;
    }

    private static SignedFileInfo VerifyDetached(string signaturePath, string contentPath, byte[] signerId)
    {
        using var signature = File.OpenRead(signaturePath);
        using var content = File.OpenRead(contentPath);
        return SignedFile.Verify(signature, content, null, signerId);
    }
}
