using System.Security.Cryptography;

namespace Jinbao.Trust.Algorithms;

/// <summary>
/// SM4-CBC with PKCS#7 padding as an <see cref="ICryptoTransform"/>. The decryptor holds back the last block of
/// each call, because only <see cref="TransformFinalBlock"/> knows which block carries the padding.
/// </summary>
internal sealed class Sm4CbcTransform : ICryptoTransform
{
    private const int BlockSize = Sm4.BlockSizeInBytes;

    private readonly bool _encrypt;
    private readonly Sm4Engine _engine;
    private readonly byte[] _chain = new byte[BlockSize];
    private readonly byte[] _heldBlock = new byte[BlockSize];
    private bool _holding;

    public Sm4CbcTransform(bool encrypt, ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv)
    {
        _encrypt = encrypt;
        _engine = new Sm4Engine(key, encrypt);
        iv.CopyTo(_chain);
    }

    public bool CanReuseTransform => false;

    public bool CanTransformMultipleBlocks => true;

    public int InputBlockSize => BlockSize;

    public int OutputBlockSize => BlockSize;

    public int TransformBlock(byte[] inputBuffer, int inputOffset, int inputCount, byte[] outputBuffer, int outputOffset)
    {
        ArgumentNullException.ThrowIfNull(inputBuffer);
        ArgumentNullException.ThrowIfNull(outputBuffer);
        if (inputCount % BlockSize != 0)
        {
            throw new ArgumentException($"The input is not a whole number of {BlockSize}-byte blocks.", nameof(inputCount));
        }

        var input = inputBuffer.AsSpan(inputOffset, inputCount);
        if (_encrypt)
        {
            Sm4Cbc.Encrypt(_engine, _chain, input, outputBuffer.AsSpan(outputOffset, inputCount));
            return inputCount;
        }

        if (inputCount == 0)
        {
            return 0;
        }

        var written = 0;
        if (_holding)
        {
            Sm4Cbc.Decrypt(_engine, _chain, _heldBlock, outputBuffer.AsSpan(outputOffset, BlockSize));
            written = BlockSize;
        }

        var body = input[..^BlockSize];
        input[^BlockSize..].CopyTo(_heldBlock);
        _holding = true;
        Sm4Cbc.Decrypt(_engine, _chain, body, outputBuffer.AsSpan(outputOffset + written, body.Length));
        return written + body.Length;
    }

    public byte[] TransformFinalBlock(byte[] inputBuffer, int inputOffset, int inputCount)
    {
        ArgumentNullException.ThrowIfNull(inputBuffer);
        var input = inputBuffer.AsSpan(inputOffset, inputCount);
        if (_encrypt)
        {
            var whole = inputCount / BlockSize * BlockSize;
            var output = new byte[whole + BlockSize];
            Sm4Cbc.Encrypt(_engine, _chain, input[..whole], output);
            Sm4Cbc.EncryptFinal(_engine, _chain, input[whole..], output.AsSpan(whole));
            return output;
        }

        if (inputCount % BlockSize != 0)
        {
            throw new CryptographicException($"SM4-CBC ciphertext must be a whole number of {BlockSize}-byte blocks; {inputCount % BlockSize} bytes are left over.");
        }

        var held = _holding ? BlockSize : 0;
        if (held + inputCount == 0)
        {
            throw new CryptographicException("SM4-CBC ciphertext is empty; it has at least one padded block.");
        }

        var plain = new byte[held + inputCount];
        _heldBlock.AsSpan(0, held).CopyTo(plain);
        input.CopyTo(plain.AsSpan(held));
        _holding = false;
        Sm4Cbc.Decrypt(_engine, _chain, plain, plain);
        return plain[..Sm4Cbc.UnpaddedLength(plain)];
    }

    public void Dispose() => Array.Clear(_heldBlock);
}
