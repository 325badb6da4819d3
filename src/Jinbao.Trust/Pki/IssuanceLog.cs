using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Jinbao.Trust.Resources;

namespace Jinbao.Trust.Pki;

/// <summary>
/// The issued-certificate log of a CA folder (issued.log): the certificates issued since state.json was
/// last written, one line of JSON per group commit. One append and one flush to disk record every
/// certificate of a group, so concurrent issuers share the flush.
/// </summary>
/// <remarks>
/// A state.json write followed by <see cref="Clear"/> folds the log into the state. An entry that is in
/// both files is taken from state.json, which is the newer record (it may add a revocation). Only the last
/// line can be incomplete, because each line is flushed before the next is appended. An incomplete last
/// line comes from a process or machine that stopped during the append, before any certificate of that
/// group was returned. Readers skip it, and <see cref="Open"/> cuts it off.
/// </remarks>
internal sealed class IssuanceLog : IDisposable
{
    private readonly FileStream _stream;
    private bool _damaged;

    private IssuanceLog(FileStream stream) => _stream = stream;

    /// <summary>The log's file name in the CA folder.</summary>
    public const string FileName = "issued.log";

    /// <summary>The log's length in bytes.</summary>
    public long Length => _stream.Length;

    /// <summary>
    /// Opens the log of a locked CA folder for appending, creating it when missing, adds its entries to
    /// <paramref name="state"/> and cuts off an incomplete last line.
    /// </summary>
    /// <exception cref="TrustException">A line before the last is damaged.</exception>
    public static IssuanceLog Open(string path, CaState state)
    {
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        try
        {
            var content = new byte[stream.Length];
            stream.ReadExactly(content);
            long complete = Merge(content, state, path);
            if (complete < content.Length)
            {
                stream.SetLength(complete);
                stream.Flush(flushToDisk: true);
            }

            stream.Seek(0, SeekOrigin.End);
            return new IssuanceLog(stream);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads state.json and issued.log of the CA folder at <paramref name="folder"/> without its lock, for
    /// readers such as an OCSP service while an issuer appends at the same time.
    /// </summary>
    /// <remarks>
    /// The log is read first: a state.json write followed by <see cref="Clear"/> between the two reads then
    /// leaves the entries in the state that is read second.
    /// </remarks>
    public static CaState ReadUnlocked(string folder)
    {
        string path = System.IO.Path.Combine(folder, FileName);
        byte[] content;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            content = new byte[stream.Length];
            int read = stream.ReadAtLeast(content, content.Length, throwOnEndOfStream: false);
            content = content[..read];
        }
        catch (FileNotFoundException)
        {
            content = [];
        }

        var state = CaFolder.ReadState(System.IO.Path.Combine(folder, CaFolder.StateFileName));
        Merge(content, state, path);
        return state;
    }

    /// <summary>Appends <paramref name="entries"/> as one line and flushes the log to disk.</summary>
    /// <remarks>When the write or the flush fails, the log is cut back to its previous length so that the next append starts on a line of its own.</remarks>
    /// <exception cref="IOException">The write or flush failed, or an earlier failed append could not be cut back.</exception>
    public void Append(IReadOnlyList<IssuedEntry> entries)
    {
        if (_damaged)
        {
            throw new IOException(string.Format(CultureInfo.CurrentCulture, TrustText.IssuanceLogDamaged, _stream.Name));
        }

        var line = JsonSerializer.SerializeToUtf8Bytes(entries, IssuanceLogJson.Default.IReadOnlyListIssuedEntry);
        long start = _stream.Length;
        try
        {
            var buffer = new byte[line.Length + 1];
            line.CopyTo(buffer, 0);
            buffer[^1] = (byte)'\n';
            _stream.Write(buffer);
            _stream.Flush(flushToDisk: true);
        }
        catch
        {
            try
            {
                _stream.SetLength(start);
                _stream.Seek(start, SeekOrigin.Begin);
            }
            catch (IOException)
            {
                // A later append would continue the incomplete line, so no append may follow until the
                // folder is opened again, which cuts the incomplete last line off.
                _damaged = true;
            }

            throw;
        }
    }

    /// <summary>Empties the log after its entries were written to state.json.</summary>
    public void Clear()
    {
        _stream.SetLength(0);
        _stream.Flush(flushToDisk: true);
    }

    public void Dispose() => _stream.Dispose();

    /// <summary>Adds the entries of every complete line to <paramref name="state"/> and returns the length of the complete lines.</summary>
    private static long Merge(byte[] content, CaState state, string path)
    {
        var known = state.Issued.Select(e => e.Serial).ToHashSet(StringComparer.Ordinal);
        long complete = 0;
        var remaining = content.AsSpan();
        while (remaining.Length > 0)
        {
            int end = remaining.IndexOf((byte)'\n');
            List<IssuedEntry>? entries = null;
            if (end >= 0)
            {
                try
                {
                    entries = JsonSerializer.Deserialize(remaining[..end], IssuanceLogJson.Default.ListIssuedEntry);
                }
                catch (JsonException)
                {
                    entries = null;
                }
            }

            bool last = end < 0 || end == remaining.Length - 1;
            if (entries is null)
            {
                if (last)
                {
                    break;
                }

                throw new TrustException(string.Format(CultureInfo.CurrentCulture, TrustText.CaStateInvalid, path));
            }

            foreach (var entry in entries.Where(e => known.Add(e.Serial)))
            {
                state.Issued.Add(entry);
            }

            complete += end + 1;
            remaining = remaining[(end + 1)..];
        }

        return complete;
    }
}

/// <summary>One line of issued.log: no indentation, so that a group of entries fits on one line.</summary>
[JsonSourceGenerationOptions(WriteIndented = false, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(List<IssuedEntry>))]
[JsonSerializable(typeof(IReadOnlyList<IssuedEntry>))]
internal sealed partial class IssuanceLogJson : JsonSerializerContext;
