using System.Text;
using Jinbao.Quality.Resources;

namespace Jinbao.Quality.Reading;

/// <summary>
/// Decides an extract's format and text encoding from its first bytes: a byte-order mark, else
/// strict UTF-8 when the sample decodes as UTF-8, else GB18030. GB18030 is a superset of GBK and
/// GB2312, which Chinese business systems and Excel on Chinese Windows write.
/// </summary>
internal static class TextEncodingDetector
{
    /// <summary>How much of the file is sampled.</summary>
    public const int SampleSize = 64 * 1024;

    static TextEncodingDetector() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Returns a strict decoder for a name given on the command line, or <see langword="null"/> for an unsupported name.</summary>
    public static Encoding? FromName(string name) => name.Trim().ToUpperInvariant() switch
    {
        "UTF-8" or "UTF8" => StrictUtf8(),
        "GB18030" or "GBK" or "GB2312" or "CP936" => StrictGb18030(),
        _ => null,
    };

    /// <summary>Classifies the sample: format, encoding, and how many leading bytes are a byte-order mark.</summary>
    /// <exception cref="ExtractReadException">The sample is empty or binary.</exception>
    public static (ExtractFormat Format, Encoding? Encoding, int PreambleLength) Detect(ReadOnlySpan<byte> sample, string fileName)
    {
        if (sample.IsEmpty)
        {
            throw new ExtractReadException(MessageFormat.Format(Messages.FileEmpty, fileName));
        }

        if (sample.StartsWith("PK\u0003\u0004"u8))
        {
            return (ExtractFormat.Xlsx, null, 0);
        }

        if (sample.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0]))
        {
            return (ExtractFormat.OleCompound, null, 0);
        }

        if (sample.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (ExtractFormat.Text, StrictUtf8(), 3);
        }

        if (sample.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (ExtractFormat.Text, new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true), 2);
        }

        if (sample.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (ExtractFormat.Text, new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true), 2);
        }

        int binaryAt = FindBinaryByte(sample);
        if (binaryAt >= 0)
        {
            throw new ExtractReadException(MessageFormat.Format(Messages.FileBinary, fileName, binaryAt + 1));
        }

        if (IsUtf8(sample))
        {
            return (ExtractFormat.Text, StrictUtf8(), 0);
        }

        // A Chinese header that is valid UTF-8, followed by rows that are not, is a file that
        // mixes two encodings (often rows pasted in from another export). Reading it all as
        // GB18030 would only garble the header.
        int headerEnd = sample.IndexOf((byte)'\n');
        if (headerEnd > 0 && sample[..headerEnd].IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0 && IsUtf8(sample[..headerEnd]))
        {
            int bad = FirstInvalidUtf8(sample);
            int row = 1 + sample[..bad].Count((byte)'\n');
            throw new ExtractReadException(MessageFormat.Format(Messages.InvalidEncodingAtRow, fileName, bad, "UTF-8", row));
        }

        return (ExtractFormat.Text, StrictGb18030(), 0);
    }

    /// <summary>A UTF-8 decoder that throws on invalid bytes instead of inventing U+FFFD.</summary>
    public static Encoding StrictUtf8() => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>A GB18030 decoder that throws on invalid bytes.</summary>
    public static Encoding StrictGb18030() =>
        Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);

    // NUL never occurs in UTF-8 or GB18030 text. Other C0 controls except tab, line feed, form
    // feed and carriage return are rare enough that a few of them mean the file is not text.
    private static int FindBinaryByte(ReadOnlySpan<byte> sample)
    {
        int nul = sample.IndexOf((byte)0);
        if (nul >= 0)
        {
            return nul;
        }

        int controls = 0;
        for (int i = 0; i < sample.Length; i++)
        {
            byte b = sample[i];
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C) && ++controls > 8)
            {
                return i;
            }
        }

        return -1;
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> sample)
    {
        System.Text.Unicode.Utf8.ToUtf16(sample, new char[sample.Length], out int consumed, out _, replaceInvalidSequences: false, isFinalBlock: false);
        return consumed;
    }

    // The sample may end inside a multi-byte character, so up to three trailing bytes of an
    // incomplete sequence are not held against UTF-8.
    private static bool IsUtf8(ReadOnlySpan<byte> sample)
    {
        var status = System.Text.Unicode.Utf8.ToUtf16(sample, new char[sample.Length], out int consumed, out _, replaceInvalidSequences: false, isFinalBlock: false);
        return status is System.Buffers.OperationStatus.Done or System.Buffers.OperationStatus.NeedMoreData && sample.Length - consumed <= 3;
    }
}
