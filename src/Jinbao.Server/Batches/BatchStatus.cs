namespace Jinbao.Server.Batches;

/// <summary>The states of a check batch, as stored and returned by the API.</summary>
internal static class BatchStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
}
