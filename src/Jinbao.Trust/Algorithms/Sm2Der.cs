namespace Jinbao.Trust.Algorithms;

/// <summary>
/// The two DER structures of GM/T 0009: the signature SEQUENCE { r INTEGER, s INTEGER } and the ciphertext
/// SEQUENCE { x INTEGER, y INTEGER, hash OCTET STRING, ciphertext OCTET STRING }. Readers reject anything else
/// without throwing: indefinite or over-long lengths, trailing bytes, negative or over-256-bit integers.
/// Signature integers must also be minimal, as OpenSSL 3.0 requires, so one signature has one encoding.
/// </summary>
internal static class Sm2Der
{
    private const byte SequenceTag = 0x30;
    private const byte IntegerTag = 0x02;
    private const byte OctetStringTag = 0x04;

    public static byte[] EncodeSignature(in U256 r, in U256 s)
    {
        var writer = new List<byte>(72);
        WriteInteger(writer, r);
        WriteInteger(writer, s);
        return WrapSequence(writer);
    }

    public static bool TryDecodeSignature(ReadOnlySpan<byte> der, out U256 r, out U256 s)
    {
        r = s = default;
        return TryReadElement(ref der, SequenceTag, out var body)
            && der.IsEmpty
            && TryReadInteger(ref body, out r, requireMinimal: true)
            && TryReadInteger(ref body, out s, requireMinimal: true)
            && body.IsEmpty;
    }

    public static byte[] EncodeCiphertext(in U256 x, in U256 y, ReadOnlySpan<byte> hash, ReadOnlySpan<byte> ciphertext)
    {
        var writer = new List<byte>(110 + ciphertext.Length);
        WriteInteger(writer, x);
        WriteInteger(writer, y);
        WriteOctetString(writer, hash);
        WriteOctetString(writer, ciphertext);
        return WrapSequence(writer);
    }

    public static bool TryDecodeCiphertext(ReadOnlySpan<byte> der, out U256 x, out U256 y, out ReadOnlySpan<byte> hash, out ReadOnlySpan<byte> ciphertext)
    {
        x = y = default;
        hash = ciphertext = default;
        if (!TryReadElement(ref der, SequenceTag, out var body) || !der.IsEmpty
            || !TryReadInteger(ref body, out x, requireMinimal: false) || !TryReadInteger(ref body, out y, requireMinimal: false)
            || !TryReadElement(ref body, OctetStringTag, out hash) || !TryReadElement(ref body, OctetStringTag, out ciphertext))
        {
            return false;
        }

        return body.IsEmpty;
    }

    private static void WriteInteger(List<byte> writer, in U256 value)
    {
        Span<byte> bytes = stackalloc byte[32];
        value.WriteBigEndian(bytes);
        var start = 0;
        while (start < 31 && bytes[start] == 0)
        {
            start++;
        }

        var content = bytes[start..];
        var needsZero = (content[0] & 0x80) != 0;
        writer.Add(IntegerTag);
        WriteLength(writer, content.Length + (needsZero ? 1 : 0));
        if (needsZero)
        {
            writer.Add(0);
        }

        writer.AddRange(content);
    }

    private static void WriteOctetString(List<byte> writer, ReadOnlySpan<byte> content)
    {
        writer.Add(OctetStringTag);
        WriteLength(writer, content.Length);
        writer.AddRange(content);
    }

    private static byte[] WrapSequence(List<byte> body)
    {
        var output = new List<byte>(body.Count + 6) { SequenceTag };
        WriteLength(output, body.Count);
        output.AddRange(body);
        return [.. output];
    }

    private static void WriteLength(List<byte> writer, int length)
    {
        if (length < 0x80)
        {
            writer.Add((byte)length);
            return;
        }

        var octets = 1;
        while (octets < 4 && length >> (8 * octets) != 0)
        {
            octets++;
        }

        writer.Add((byte)(0x80 | octets));
        for (var i = octets - 1; i >= 0; i--)
        {
            writer.Add((byte)(length >> (8 * i)));
        }
    }

    private static bool TryReadElement(scoped ref ReadOnlySpan<byte> input, byte tag, out ReadOnlySpan<byte> content)
    {
        content = default;
        if (input.Length < 2 || input[0] != tag)
        {
            return false;
        }

        int length = input[1];
        var header = 2;
        if (length >= 0x80)
        {
            var octets = length & 0x7F;
            if (octets is 0 or > 4 || input.Length < 2 + octets || input[2] == 0)
            {
                return false;
            }

            length = 0;
            for (var i = 0; i < octets; i++)
            {
                length = (length << 8) | input[2 + i];
            }

            // DER uses the long form only for lengths of 128 and more.
            if (length < 0x80 || length > input.Length)
            {
                return false;
            }

            header += octets;
        }

        if ((uint)length > (uint)(input.Length - header))
        {
            return false;
        }

        content = input.Slice(header, length);
        input = input[(header + length)..];
        return true;
    }

    // A non-minimal integer has a leading zero byte that no sign bit needs. Ciphertext coordinates are still
    // read leniently because a ciphertext's encoding carries no meaning once it decrypts.
    private static bool TryReadInteger(scoped ref ReadOnlySpan<byte> input, out U256 value, bool requireMinimal)
    {
        value = default;
        if (!TryReadElement(ref input, IntegerTag, out var content) || content.IsEmpty || (content[0] & 0x80) != 0)
        {
            return false;
        }

        if (content.Length > 1 && content[0] == 0)
        {
            if (requireMinimal && (content[1] & 0x80) == 0)
            {
                return false;
            }

            content = content[1..];
        }

        if (content.Length > 32)
        {
            return false;
        }

        Span<byte> padded = stackalloc byte[32];
        padded.Clear();
        content.CopyTo(padded[(32 - content.Length)..]);
        value = U256.FromBigEndian(padded);
        return true;
    }
}
