using System.Diagnostics;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.X509;
using Jinbao.Trust.Algorithms;

namespace Jinbao.Trust.Tests.Algorithms.Support;

/// <summary>Runs <c>/usr/bin/openssl</c> in a scratch folder that is deleted on dispose.</summary>
internal sealed class OpenSsl : IDisposable
{
    private const string Executable = "/usr/bin/openssl";

    public OpenSsl()
    {
        Folder = Directory.CreateTempSubdirectory("jinbao-openssl-").FullName;
    }

    public string Folder { get; }

    public string PathOf(string name) => Path.Combine(Folder, name);

    public string Write(string name, byte[] content)
    {
        var path = PathOf(name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public byte[] Read(string name) => File.ReadAllBytes(PathOf(name));

    /// <summary>Runs openssl with <paramref name="arguments"/>; a non-zero exit fails the test with openssl's error output.</summary>
    public string Run(params string[] arguments)
    {
        var (exitCode, output, error) = TryRun(arguments);
        Assert.True(exitCode == 0, $"openssl {string.Join(' ', arguments)} exited with {exitCode}: {error}");
        return output;
    }

    public (int ExitCode, string Output, string Error) TryRun(params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errorTask = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, errorTask.Result);
    }

    /// <summary>Writes the key pair as PKCS#8 and SubjectPublicKeyInfo PEM on the named curve sm2p256v1.</summary>
    public (string PrivatePath, string PublicPath) WriteKeyPair(Sm2PrivateKey key)
    {
        var d = new BigInteger(1, key.ToBytes());
        var privateParameters = new ECPrivateKeyParameters("EC", d, GMObjectIdentifiers.sm2p256v1);
        var q = privateParameters.Parameters.Curve.DecodePoint(key.PublicKey.ToBytes());
        var publicParameters = new ECPublicKeyParameters("EC", q, GMObjectIdentifiers.sm2p256v1);
        var privatePath = WritePem("key.pem", PrivateKeyInfoFactory.CreatePrivateKeyInfo(privateParameters));
        var publicPath = WritePem("pub.pem", SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(publicParameters));
        return (privatePath, publicPath);
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private string WritePem(string name, object value)
    {
        var path = PathOf(name);
        using (var writer = new StreamWriter(path))
        {
            var pem = new PemWriter(writer);
            pem.WriteObject(value);
        }

        return path;
    }
}
