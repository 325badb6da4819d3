namespace Jinbao.Storage;

/// <summary>The database engine behind a <see cref="CentralStore"/>.</summary>
public enum StorageProviderKind
{
    /// <summary>An SQLite file in a data folder; the default, nothing to install.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database, for production and for the ministry node.</summary>
    Postgres,
}
