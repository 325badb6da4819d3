using Jinbao.Storage.Providers;
using Jinbao.Storage.Tests.Support;

namespace Jinbao.Storage.Tests;

/// <summary>The store's behaviour on PostgreSQL, a database per test in the throwaway cluster.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStoreTests(PostgresCluster cluster) : StoreBehaviourTests
{
    protected override string NewLocation() => cluster.CreateDatabase();

    protected override CentralStore OpenAt(string location) => CentralStore.OpenPostgres(location, Time);

    private protected override StoreProvider ProviderAt(string location) => new PostgresStoreProvider(location);

    [Fact]
    public void Open_NothingListening_ThrowsChineseMessage()
    {
        var error = Assert.Throws<StorageException>(() => CentralStore.OpenPostgres("Host=127.0.0.1;Port=1;Database=jinbao;Username=jinbao;Timeout=5", Time));

        Assert.Contains("无法连接", error.Message);
        Assert.Contains("127.0.0.1:1", error.Message);
    }

    [Fact]
    public void Open_InvalidConnectionString_ThrowsChineseMessage()
    {
        var error = Assert.Throws<StorageException>(() => CentralStore.OpenPostgres("Hots=127.0.0.1", Time));

        Assert.Contains("连接字符串无效", error.Message);
    }

    [Fact]
    public void Open_PasswordNeverInMessage()
    {
        var error = Assert.Throws<StorageException>(() => CentralStore.OpenPostgres("Host=127.0.0.1;Port=1;Database=jinbao;Username=jinbao;Password=secret-word;Timeout=5", Time));

        Assert.DoesNotContain("secret-word", error.Message);
    }
}
