using Jinbao.Trust.Algorithms;
using Org.BouncyCastle.Crypto;

namespace Jinbao.Trust.Pki;

/// <summary>
/// A BouncyCastle <see cref="ISignatureFactory"/> that signs with <see cref="Sm2.Sign"/>, for the BouncyCastle
/// generators (OCSP responses) that take one. The algorithm written is SM2 with SM3, without parameters.
/// </summary>
internal sealed class Sm2SignatureFactory(Sm2PrivateKey key, byte[] id) : ISignatureFactory
{
    public object AlgorithmDetails => Sm2Signing.Sm2WithSm3;

    public IStreamCalculator<IBlockResult> CreateCalculator() => new Calculator(key, id);

    private sealed class Calculator(Sm2PrivateKey key, byte[] id) : IStreamCalculator<IBlockResult>
    {
        private readonly MemoryStream _buffer = new();

        public Stream Stream => _buffer;

        public IBlockResult GetResult() => new SimpleBlockResult(Sm2.Sign(key, _buffer.ToArray(), id));
    }
}
