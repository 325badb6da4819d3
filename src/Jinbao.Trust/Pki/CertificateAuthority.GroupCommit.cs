using System.Globalization;
using Jinbao.Trust.Resources;
using Org.BouncyCastle.Math;

namespace Jinbao.Trust.Pki;

public sealed partial class CertificateAuthority
{
    /// <summary>The log length at which a group commit also writes state.json and empties issued.log (about 4,000 entries).</summary>
    private const long LogFoldLength = 1 << 20;

    private readonly object _commitSignal = new();
    private List<PendingEntry> _commitQueue = [];
    private bool _committing;

    /// <summary>
    /// Records <paramref name="entry"/> in issued.log and returns once the log is flushed to disk with it.
    /// </summary>
    /// <remarks>
    /// Group commit: the first caller to find no commit running becomes the writer for every entry queued
    /// so far, and callers that arrive during its flush queue for the next one. One append and one flush
    /// thus record all certificates issued concurrently.
    /// </remarks>
    /// <exception cref="TrustException">The log could not be written, so no entry of the group was recorded.</exception>
    private void CommitIssued(IssuedEntry entry, BigInteger serial)
    {
        var pending = new PendingEntry(entry, serial);
        List<PendingEntry> group;
        lock (_commitSignal)
        {
            _commitQueue.Add(pending);
            while (_committing && !pending.Done)
            {
                Monitor.Wait(_commitSignal);
            }

            if (pending.Done)
            {
                pending.ThrowIfFailed(FolderPath);
                return;
            }

            _committing = true;
            group = _commitQueue;
            _commitQueue = [];
        }

        Exception? failure = null;
        try
        {
            WriteGroup(group);
        }
        catch (Exception ex)
        {
            // Every caller of the group gets the failure, wrapped by ThrowIfFailed.
            failure = ex;
        }
        finally
        {
            lock (_commitSignal)
            {
                foreach (var member in group)
                {
                    member.Finish(failure);
                }

                _committing = false;
                Monitor.PulseAll(_commitSignal);
            }
        }

        pending.ThrowIfFailed(FolderPath);
    }

    private void WriteGroup(List<PendingEntry> group)
    {
        var entries = group.ConvertAll(p => p.Entry);
        _log.Append(entries);

        lock (_gate)
        {
            _state.Issued.AddRange(entries);
            var status = _status;
            foreach (var member in group)
            {
                status = status.With(member.Serial, null);
            }

            Volatile.Write(ref _status, status);
        }

        if (_log.Length >= LogFoldLength)
        {
            FoldLog();
        }
    }

    /// <summary>Writes state.json with every recorded entry and empties issued.log, so that the log and the time to open the folder stay bounded.</summary>
    private void FoldLog()
    {
        try
        {
            lock (_gate)
            {
                _folder.WriteState(_state);
            }

            _log.Clear();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The entries are already durable in issued.log, which stays valid; the next group commit tries again.
        }
    }

    /// <summary>An entry waiting for a group commit, and the commit's outcome.</summary>
    private sealed class PendingEntry(IssuedEntry entry, BigInteger serial)
    {
        private Exception? _failure;

        public IssuedEntry Entry { get; } = entry;

        public BigInteger Serial { get; } = serial;

        /// <summary>Whether a commit has written or failed this entry; read and written under the commit signal's lock.</summary>
        public bool Done { get; private set; }

        public void Finish(Exception? failure)
        {
            Done = true;
            _failure = failure;
        }

        /// <summary>Throws a new exception per caller, because one exception object must not be thrown on several threads at once.</summary>
        public void ThrowIfFailed(string folder)
        {
            if (_failure is { } failure)
            {
                throw new TrustException(string.Format(CultureInfo.CurrentCulture, TrustText.IssuanceNotRecorded, folder, failure.Message), failure);
            }
        }
    }
}
