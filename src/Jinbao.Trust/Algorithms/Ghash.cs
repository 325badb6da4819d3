using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Jinbao.Trust.Algorithms;

/// <summary>
/// GHASH of GCM (NIST SP 800-38D): carry-less multiplication by the hash key H in GF(2^128).
/// With PCLMULQDQ the product is the four-multiply schoolbook form on byte-reversed blocks, shifted left by
/// one bit and reduced by x^128 + x^7 + x^2 + x + 1 (the method of Gueron and Kounavis, Intel, 2010).
/// The portable path multiplies bit by bit with masks. Both are constant-time in H and the data.
/// </summary>
internal struct Ghash
{
    private static readonly Vector128<byte> ReverseBytes = Vector128.Create((byte)15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);

    private readonly bool _portable;
    private readonly Vector128<ulong> _key;
    private readonly ulong _keyHigh;
    private readonly ulong _keyLow;
    private Vector128<ulong> _state;
    private ulong _stateHigh;
    private ulong _stateLow;

    /// <summary>Starts a hash under key H; <paramref name="portable"/> forces the bitwise path, for tests.</summary>
    public Ghash(ReadOnlySpan<byte> hashKey, bool portable = false)
    {
        _portable = portable || !Pclmulqdq.IsSupported;
        _keyHigh = BinaryPrimitives.ReadUInt64BigEndian(hashKey);
        _keyLow = BinaryPrimitives.ReadUInt64BigEndian(hashKey[8..]);
        _key = Vector128.Create(_keyLow, _keyHigh);
    }

    /// <summary>Absorbs data, zero-padding a final partial block.</summary>
    public void Update(ReadOnlySpan<byte> data)
    {
        var offset = 0;
        for (; offset + 16 <= data.Length; offset += 16)
        {
            AbsorbBlock(data.Slice(offset, 16));
        }

        if (offset < data.Length)
        {
            Span<byte> last = stackalloc byte[16];
            last.Clear();
            data[offset..].CopyTo(last);
            AbsorbBlock(last);
        }
    }

    /// <summary>Absorbs the closing block of bit lengths and writes the 16-byte hash.</summary>
    public void Finish(long associatedLength, long textLength, Span<byte> hash)
    {
        Span<byte> lengths = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(lengths, (ulong)associatedLength * 8);
        BinaryPrimitives.WriteUInt64BigEndian(lengths[8..], (ulong)textLength * 8);
        AbsorbBlock(lengths);
        if (!_portable)
        {
            BinaryPrimitives.WriteUInt64BigEndian(hash, _state.GetElement(1));
            BinaryPrimitives.WriteUInt64BigEndian(hash[8..], _state.GetElement(0));
        }
        else
        {
            BinaryPrimitives.WriteUInt64BigEndian(hash, _stateHigh);
            BinaryPrimitives.WriteUInt64BigEndian(hash[8..], _stateLow);
        }
    }

    private void AbsorbBlock(ReadOnlySpan<byte> block)
    {
        if (!_portable)
        {
            var x = Ssse3.Shuffle(Vector128.Create(block), ReverseBytes).AsUInt64();
            _state = Multiply(_state ^ x, _key);
        }
        else
        {
            _stateHigh ^= BinaryPrimitives.ReadUInt64BigEndian(block);
            _stateLow ^= BinaryPrimitives.ReadUInt64BigEndian(block[8..]);
            MultiplyPortable(ref _stateHigh, ref _stateLow, _keyHigh, _keyLow);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Multiply(Vector128<ulong> a, Vector128<ulong> b)
    {
        var low = Pclmulqdq.CarrylessMultiply(a, b, 0x00).AsUInt32();
        var middle = (Pclmulqdq.CarrylessMultiply(a, b, 0x10) ^ Pclmulqdq.CarrylessMultiply(a, b, 0x01)).AsByte();
        var high = Pclmulqdq.CarrylessMultiply(a, b, 0x11).AsUInt32();
        low ^= Sse2.ShiftLeftLogical128BitLane(middle, 8).AsUInt32();
        high ^= Sse2.ShiftRightLogical128BitLane(middle, 8).AsUInt32();

        // The operands are bit-reflected, so the 256-bit product high:low is shifted left by one bit.
        var lowCarry = Sse2.ShiftRightLogical(low, 31);
        var highCarry = Sse2.ShiftRightLogical(high, 31);
        low = Sse2.ShiftLeftLogical(low, 1);
        high = Sse2.ShiftLeftLogical(high, 1);
        var crossCarry = Sse2.ShiftRightLogical128BitLane(lowCarry.AsByte(), 12).AsUInt32();
        highCarry = Sse2.ShiftLeftLogical128BitLane(highCarry.AsByte(), 4).AsUInt32();
        lowCarry = Sse2.ShiftLeftLogical128BitLane(lowCarry.AsByte(), 4).AsUInt32();
        low |= lowCarry;
        high |= highCarry | crossCarry;

        // Reduction modulo x^128 + x^7 + x^2 + x + 1, first and second phase.
        var folded = Sse2.ShiftLeftLogical(low, 31) ^ Sse2.ShiftLeftLogical(low, 30) ^ Sse2.ShiftLeftLogical(low, 25);
        var foldedHigh = Sse2.ShiftRightLogical128BitLane(folded.AsByte(), 4).AsUInt32();
        low ^= Sse2.ShiftLeftLogical128BitLane(folded.AsByte(), 12).AsUInt32();
        var second = Sse2.ShiftRightLogical(low, 1) ^ Sse2.ShiftRightLogical(low, 2) ^ Sse2.ShiftRightLogical(low, 7) ^ foldedHigh;
        return (high ^ low ^ second).AsUInt64();
    }

    /// <summary>Multiplies x by y in GCM's bit order, one bit of y per step, selecting with masks instead of branches.</summary>
    private static void MultiplyPortable(ref ulong xHigh, ref ulong xLow, ulong yHigh, ulong yLow)
    {
        ulong zHigh = 0, zLow = 0, vHigh = yHigh, vLow = yLow;
        for (var i = 0; i < 128; i++)
        {
            var word = i < 64 ? xHigh : xLow;
            var bit = (word >> (63 - (i & 63))) & 1;
            var take = 0 - bit;
            zHigh ^= vHigh & take;
            zLow ^= vLow & take;
            var carry = 0 - (vLow & 1);
            vLow = (vLow >> 1) | (vHigh << 63);
            vHigh = (vHigh >> 1) ^ (0xE100000000000000UL & carry);
        }

        xHigh = zHigh;
        xLow = zLow;
    }
}
