namespace Jinbao.Storage.MasterIndex;

/// <summary>The result of resolving a conflict.</summary>
public enum ConflictResolution
{
    /// <summary>The chosen value is stored and the conflict is closed.</summary>
    Resolved,

    /// <summary>No conflict has this person key and id.</summary>
    NotFound,

    /// <summary>The conflict was resolved before; nothing changed.</summary>
    AlreadyResolved,

    /// <summary>The chosen value is neither the stored nor the incoming value; nothing changed.</summary>
    ValueNotOffered,
}
