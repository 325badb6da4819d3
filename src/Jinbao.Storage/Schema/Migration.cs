namespace Jinbao.Storage.Schema;

/// <summary>One numbered step of the schema, with the statements of each provider.</summary>
/// <param name="Version">The number recorded in <c>schema_version</c>; migrations run in ascending order.</param>
/// <param name="Description">What the step adds, recorded beside the number.</param>
/// <param name="Sqlite">The statements for SQLite.</param>
/// <param name="Postgres">The statements for PostgreSQL.</param>
internal sealed record Migration(int Version, string Description, IReadOnlyList<string> Sqlite, IReadOnlyList<string> Postgres);
