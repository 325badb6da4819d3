namespace Jinbao.Storage.Import;

/// <summary>How an import ended.</summary>
public enum ImportStatus
{
    /// <summary>The batch was committed.</summary>
    Loaded,

    /// <summary>A file with the same content was loaded before; nothing changed.</summary>
    AlreadyLoaded,

    /// <summary>The quality check found error findings and excluding them was not requested; nothing changed.</summary>
    Rejected,
}
