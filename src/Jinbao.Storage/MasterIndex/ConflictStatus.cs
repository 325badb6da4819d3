namespace Jinbao.Storage.MasterIndex;

/// <summary>Where a conflict stands in review.</summary>
public enum ConflictStatus
{
    /// <summary>Waiting for a reviewer.</summary>
    Open,

    /// <summary>A reviewer chose the value.</summary>
    Resolved,
}
