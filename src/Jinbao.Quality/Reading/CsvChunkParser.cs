using System.Text;
using Jinbao.Quality.Checking;
using Jinbao.Quality.Resources;

namespace Jinbao.Quality.Reading;

/// <summary>
/// Decodes a chunk of whole CSV lines and splits it into records, keeping only the bound columns
/// as ranges of the decoded text. A field that starts with a quote runs to the matching quote, with
/// doubled quotes undone; a line feed ends a record outside quotes, and a carriage return before
/// it is dropped. Lines whose fields are all empty (what spreadsheets write for a blank row) are
/// not records, but they keep their row number.
/// </summary>
internal sealed class CsvChunkParser(Encoding encoding, char delimiter, int[] columnOfOrdinal, string fileName)
{
    private readonly string _encodingName = encoding.WebName.ToUpperInvariant();

    /// <summary>Parses the raw bytes of the block into its records.</summary>
    /// <exception cref="ExtractReadException">The bytes are not valid in the encoding, or a quoted field is not closed.</exception>
    public void Parse(RecordBlock block)
    {
        var bytes = block.RawBytes;
        var target = block.ReserveText(encoding.GetMaxCharCount(bytes.Length));
        int length;
        try
        {
            length = encoding.GetChars(bytes, target);
        }
        catch (DecoderFallbackException ex)
        {
            int index = Math.Clamp(ex.Index, 0, bytes.Length);
            long badRow = block.RawFirstRow + bytes[..index].Count((byte)'\n');
            throw new ExtractReadException(MessageFormat.Format(Messages.InvalidEncodingAtRow, fileName, block.RawOffset + index, _encodingName, badRow), ex);
        }

        block.CommitText(length);
        long row = block.RawFirstRow;
        block.ClearRaw();
        int position = 0;
        while (position < length)
        {
            position = ParseRecord(block, length, position, row);
            row++;
        }
    }

    // Parses the record that starts at position and returns the position after its line feed.
    // Most lines hold no quote at all; they are split with one search per delimiter.
    private int ParseRecord(RecordBlock block, int end, int position, long row)
    {
        var text = block.Text;
        int found = text[position..end].IndexOf('\n');
        int lineEnd = found < 0 ? end : position + found;
        var line = text[position..lineEnd];
        if (line.Contains('"'))
        {
            return ParseQuotedRecord(block, end, position, row);
        }

        if (line.Length > 0 && line[^1] == '\r')
        {
            line = line[..^1];
        }

        block.StartRecord(row);
        bool blank = true;
        int ordinal = 0;
        int offset = 0;
        while (true)
        {
            int length = line[offset..].IndexOf(delimiter);
            bool last = length < 0;
            if (last)
            {
                length = line.Length - offset;
            }

            if (length > 0)
            {
                blank = false;
            }

            if (ordinal < columnOfOrdinal.Length && columnOfOrdinal[ordinal] >= 0)
            {
                block.SetField(columnOfOrdinal[ordinal], position + offset, length);
            }

            if (last)
            {
                break;
            }

            offset += length + 1;
            ordinal++;
        }

        block.SetFieldCount(ordinal + 1);
        if (blank)
        {
            block.DiscardRecord();
        }

        return lineEnd + 1;
    }

    // Parses a record that has a quote somewhere, field by field, since a quoted field may hold
    // delimiters and line feeds.
    private int ParseQuotedRecord(RecordBlock block, int end, int position, long row)
    {
        block.StartRecord(row);
        bool blank = true;
        int ordinal = 0;
        while (true)
        {
            var text = block.Text;
            int start;
            int fieldLength;
            if (position < end && text[position] == '"')
            {
                (start, fieldLength, position) = ParseQuoted(block, end, position, row);
            }
            else
            {
                int found = text[position..end].IndexOfAny(delimiter, '\n');
                int fieldEnd = found < 0 ? end : position + found;
                start = position;
                fieldLength = fieldEnd - position;
                if (fieldLength > 0 && text[fieldEnd - 1] == '\r' && (fieldEnd == end || text[fieldEnd] == '\n'))
                {
                    fieldLength--;
                }

                position = fieldEnd;
            }

            if (fieldLength > 0)
            {
                blank = false;
            }

            if (ordinal < columnOfOrdinal.Length && columnOfOrdinal[ordinal] >= 0)
            {
                block.SetField(columnOfOrdinal[ordinal], start, fieldLength);
            }

            if (position < end && block.Text[position] == delimiter)
            {
                position++;
                ordinal++;
                continue;
            }

            // At a line feed or the end of the chunk.
            position++;
            break;
        }

        block.SetFieldCount(ordinal + 1);
        if (blank)
        {
            block.DiscardRecord();
        }

        return position;
    }

    // Returns the field's range in the block's text and the position after the closing quote and
    // anything up to the next delimiter or line feed.
    private (int Start, int Length, int Next) ParseQuoted(RecordBlock block, int end, int position, long row)
    {
        var text = block.Text;
        int contentStart = position + 1;
        int scan = contentStart;
        bool doubled = false;
        int close;
        while (true)
        {
            int found = text[scan..end].IndexOf('"');
            if (found < 0)
            {
                throw new ExtractReadException(MessageFormat.Format(Messages.UnterminatedQuote, fileName, row));
            }

            close = scan + found;
            if (close + 1 < end && text[close + 1] == '"')
            {
                doubled = true;
                scan = close + 2;
                continue;
            }

            break;
        }

        int start = contentStart;
        int length = close - contentStart;
        if (doubled)
        {
            string unescaped = text[contentStart..close].ToString().Replace("\"\"", "\"", StringComparison.Ordinal);
            start = block.AppendText(unescaped);
            length = unescaped.Length;
            text = block.Text;
        }

        // Text after the closing quote up to the delimiter is not part of a valid field; it is skipped.
        int next = close + 1;
        int rest = text[next..end].IndexOfAny(delimiter, '\n');
        next = rest < 0 ? end : next + rest;
        return (start, length, next);
    }
}
