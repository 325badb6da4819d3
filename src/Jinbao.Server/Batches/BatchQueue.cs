using System.Collections.Concurrent;
using System.Threading.Channels;
using Jinbao.Quality.Checking;

namespace Jinbao.Server.Batches;

/// <summary>Batches waiting for their check, and the progress of the running one.</summary>
internal sealed class BatchQueue
{
    private readonly Channel<string> _waiting = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, CheckProgress> _progress = new();

    public ChannelReader<string> Reader => _waiting.Reader;

    public void Enqueue(string id) => _waiting.Writer.TryWrite(id);

    public void Report(string id, CheckProgress progress) => _progress[id] = progress;

    public CheckProgress? ProgressOf(string id) => _progress.GetValueOrDefault(id);

    public void Forget(string id) => _progress.TryRemove(id, out _);
}
