using BenchmarkDotNet.Attributes;
using Jinbao.Trust.Algorithms;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace Jinbao.Benchmarks;

/// <summary>
/// SM3 and SM4 over 16 KiB, the largest block size of <c>openssl speed</c>, with BouncyCastle beside them. Timed by CPU time.
/// Run: dotnet run -c Release --project benchmarks/Jinbao.Benchmarks -- trust --filter '*SymmetricBenchmarks*'
/// </summary>
[Config(typeof(CpuTimeConfig))]
public class SymmetricBenchmarks
{
    private readonly byte[] _data = new byte[16384];
    private readonly byte[] _output = new byte[16384 + 16];
    private readonly byte[] _key = new byte[16];
    private readonly byte[] _iv = new byte[16];
    private byte[] _cbcCiphertext = [];

    [GlobalSetup]
    public void Setup()
    {
        new Random(1).NextBytes(_data);
        new Random(2).NextBytes(_key);
        _cbcCiphertext = Sm4.EncryptCbc(_key, _iv, _data);
    }

    [Benchmark]
    public byte[] Sm3() => Sm3Hash.HashData(_data);

    [Benchmark]
    public int Sm3BouncyCastle()
    {
        var digest = new SM3Digest();
        digest.BlockUpdate(_data, 0, _data.Length);
        return digest.DoFinal(_output, 0);
    }

    [Benchmark]
    public byte[] Sm4CbcEncrypt() => Sm4.EncryptCbc(_key, _iv, _data);

    [Benchmark]
    public int Sm4CbcEncryptBouncyCastle()
    {
        var cipher = new CbcBlockCipher(new SM4Engine());
        cipher.Init(true, new ParametersWithIV(new KeyParameter(_key), _iv));
        for (var offset = 0; offset < _data.Length; offset += 16)
        {
            cipher.ProcessBlock(_data, offset, _output, offset);
        }

        return _output[0];
    }

    [Benchmark]
    public byte[] Sm4CbcDecrypt() => Sm4.DecryptCbc(_key, _iv, _cbcCiphertext);

    [Benchmark]
    public byte[] Sm4Ctr() => Sm4.TransformCtr(_key, _iv, _data);

    [Benchmark]
    public byte[] Sm4GcmEncrypt() => Sm4.EncryptGcm(_key, _iv.AsSpan(0, 12), _data);
}

/// <summary>
/// SM2 on sm2p256v1: one signature, one verification, one encryption and decryption of a 32-byte session key. Timed by CPU time.
/// Run: dotnet run -c Release --project benchmarks/Jinbao.Benchmarks -- trust --filter '*Sm2Benchmarks*'
/// </summary>
[Config(typeof(CpuTimeConfig))]
public class Sm2Benchmarks
{
    private readonly Sm2PrivateKey _key = Sm2PrivateKey.Generate();
    private byte[] _digest = [];
    private byte[] _signature = [];
    private byte[] _ciphertext = [];
    private (Sm2PublicKey Key, byte[] Signature)[] _manyKeys = [];
    private int _nextKey;

    [GlobalSetup]
    public void Setup()
    {
        _digest = Sm2.ComputeDigest(_key.PublicKey, Sm2.DefaultId, "benchmark message"u8);
        _signature = Sm2.SignDigest(_key, _digest);
        _ciphertext = Sm2.Encrypt(_key.PublicKey, new byte[32]);

        // Twice as many keys as the verification cache holds: the cache is emptied before any key comes round
        // again, so every verification is a key's first and runs without cached tables.
        _manyKeys = Enumerable.Range(0, 2048).Select(_ =>
        {
            var key = Sm2PrivateKey.Generate();
            return (key.PublicKey, Sm2.SignDigest(key, _digest));
        }).ToArray();
    }

    [Benchmark]
    public byte[] Sign() => Sm2.SignDigest(_key, _digest);

    /// <summary>Verification against one key again and again (warm): from the second call on, with the key's cached tables.</summary>
    [Benchmark]
    public bool Verify() => Sm2.VerifyDigest(_key.PublicKey, _digest, _signature);

    /// <summary>Verification against a key seen for the first time (cold), rotating through 2,048 keys.</summary>
    [Benchmark]
    public bool VerifyFirstUseOfKey()
    {
        var (key, signature) = _manyKeys[_nextKey];
        _nextKey = (_nextKey + 1) % _manyKeys.Length;
        return Sm2.VerifyDigest(key, _digest, signature);
    }

    [Benchmark]
    public byte[] Encrypt() => Sm2.Encrypt(_key.PublicKey, new byte[32]);

    [Benchmark]
    public byte[] Decrypt() => Sm2.Decrypt(_key, _ciphertext);
}
