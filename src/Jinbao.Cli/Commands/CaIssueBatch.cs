using Jinbao.Cli.Resources;
using Jinbao.Trust.Algorithms;
using Jinbao.Trust.Pki;
using Org.BouncyCastle.Asn1.X509;
using static Jinbao.Cli.Commands.TrustCommandSupport;

namespace Jinbao.Cli.Commands;

/// <summary>
/// <c>jinbao ca issue</c> for one or many CSRs. Several CSRs are issued from parallel threads, so that
/// the CA records them with shared flushes to disk (group commit) rather than one flush after another.
/// </summary>
internal static class CaIssueBatch
{
    /// <summary>The number of issuing threads. Issuance mostly waits for flushes, so there are more threads than cores.</summary>
    private const int MaxIssuers = 16;

    /// <summary>A verified CSR and the folder its certificates go to.</summary>
    public sealed record Request(VerifiedCertificateRequest Csr, string OutputFolder);

    /// <summary>
    /// Reads and verifies every CSR before anything is issued. One CSR writes to <paramref name="outputFolder"/>
    /// itself; several write to a subfolder each, named after the CSR file without its extension.
    /// </summary>
    public static IReadOnlyList<Request> ReadRequests(string[] csrPaths, string outputFolder)
    {
        if (csrPaths.Length == 1)
        {
            return [new Request(Read(csrPaths[0]), outputFolder)];
        }

        var requests = new List<Request>(csrPaths.Length);
        var folders = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in csrPaths)
        {
            string name = Path.GetFileNameWithoutExtension(path);
            if (!folders.TryAdd(name, path))
            {
                throw new UsageException(Format(TrustCliText.CaCsrNameRepeated, folders[name], path, name));
            }

            requests.Add(new Request(Read(path), Path.Combine(outputFolder, name)));
        }

        return requests;
    }

    /// <summary>
    /// Rejects the batch before anything is issued when a file it would write already exists. An earlier
    /// <c>enc.env</c> is the only copy its holder has of a wrapped encryption key, and an earlier <c>sign.cer</c> may
    /// already be installed, so neither is replaced.
    /// </summary>
    public static void EnsureNoFileExists(IReadOnlyList<Request> requests, bool encryption)
    {
        string[] names = encryption ? ["sign.cer", "chain.pem", "enc.cer", "enc.env"] : ["sign.cer", "chain.pem"];
        foreach (var request in requests)
        {
            foreach (var name in names)
            {
                var path = Path.Combine(request.OutputFolder, name);
                if (File.Exists(path))
                {
                    throw new UsageException(Format(TrustCliText.CaOutputExists, path));
                }
            }
        }
    }

    /// <summary>Issues the certificates and writes each one's files once the CA has recorded it; stops at the first failure.</summary>
    public static void IssueAll(CertificateAuthority ca, IReadOnlyList<Request> requests, CertificateProfile profile, TimeSpan validity, GeneralNames? names, bool encryption)
    {
        var chain = string.Concat(new[] { ca.Certificate }.Concat(ca.IssuerChain).Select(CertificateFiles.ToPem));
        if (requests.Count == 1)
        {
            Issue(ca, requests[0], profile, validity, names, encryption, chain);
            return;
        }

        int next = -1;
        Exception? failure = null;
        var threads = new Thread[Math.Min(MaxIssuers, requests.Count)];
        for (int i = 0; i < threads.Length; i++)
        {
            threads[i] = new Thread(() =>
            {
                int index;
                while (Volatile.Read(ref failure) is null && (index = Interlocked.Increment(ref next)) < requests.Count)
                {
                    try
                    {
                        Issue(ca, requests[index], profile, validity, names, encryption, chain);
                    }
                    catch (Exception ex)
                    {
                        Interlocked.CompareExchange(ref failure, ex, null);
                    }
                }
            });
            threads[i].Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        if (failure is not null)
        {
            // Rethrown on this thread with its original stack, so that CommandErrors reports it as it would from a single issue.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }

    private static VerifiedCertificateRequest Read(string path) => CertificateRequests.ReadAndVerify(File.ReadAllBytes(path), Sm2.DefaultId, path);

    private static void Issue(CertificateAuthority ca, Request request, CertificateProfile profile, TimeSpan validity, GeneralNames? names, bool encryption, string chain)
    {
        string folder = request.OutputFolder;
        Directory.CreateDirectory(folder);
        var signing = ca.IssueSigningCertificate(request.Csr, profile, validity, names);
        WriteAtomically(Path.Combine(folder, "sign.cer"), CertificateFiles.ToPem(signing));
        WriteAtomically(Path.Combine(folder, "chain.pem"), chain);
        Console.WriteLine(Format(TrustCliText.CaIssued, CertificateAuthority.SerialText(signing.SerialNumber), signing.SubjectDN, Path.Combine(folder, "sign.cer")));
        if (encryption)
        {
            var pair = ca.IssueEncryptionCertificate(request.Csr, profile, validity, names);
            WriteAtomically(Path.Combine(folder, "enc.cer"), CertificateFiles.ToPem(pair.Certificate));
            WriteAtomically(Path.Combine(folder, "enc.env"), pair.EnvelopedKey);
            Console.WriteLine(Format(TrustCliText.CaIssuedEncryption, CertificateAuthority.SerialText(pair.Certificate.SerialNumber), Path.Combine(folder, "enc.cer"), Path.Combine(folder, "enc.env")));
        }
    }
}
