using System.Data.Common;
using Jinbao.Storage.Schema;

namespace Jinbao.Storage.Providers;

/// <summary>What differs between the database engines; everything else is shared SQL.</summary>
internal abstract class StoreProvider
{
    public abstract StorageProviderKind Kind { get; }

    /// <summary>Where the data is, for messages and logs: a file path, or host, port and database (never a password).</summary>
    public abstract string Location { get; }

    /// <summary>Opens a connection.</summary>
    /// <exception cref="StorageException">The database cannot be reached or opened.</exception>
    public abstract DbConnection Open();

    /// <summary>Returns the statements of a migration for this engine.</summary>
    public abstract IReadOnlyList<string> Statements(Migration migration);

    /// <summary>Serialises migrations between processes that open the store at the same time.</summary>
    public abstract void LockSchema(DbConnection connection, DbTransaction transaction);

    /// <summary>Sets the session up for a bulk load (PRAGMAs on SQLite).</summary>
    public abstract void PrepareLoad(DbConnection connection);

    /// <summary>Creates an empty staging table that lives until the transaction ends.</summary>
    public abstract void CreateStage(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<StageColumn> columns);

    /// <summary>Starts writing rows into a staging table.</summary>
    public abstract IStageWriter BeginStage(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<StageColumn> columns);

    /// <summary>Removes staged rows whose key occurs again later in the file, so the last row of a key wins.</summary>
    public abstract void KeepLastRowPerKey(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> keyColumns);

    /// <summary>Returns the ORDER BY clause, possibly empty, with which staged rows are merged into a table with the given key.</summary>
    public abstract string MergeOrder(IReadOnlyList<string> keyColumns);

    /// <summary>Drops a staging table after the transaction when the engine keeps it.</summary>
    public abstract void DropStage(DbConnection connection, string table);

    /// <summary>Whether the exception is a violation of a primary or unique key.</summary>
    public abstract bool IsUniqueViolation(DbException exception);
}
