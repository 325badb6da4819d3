using Jinbao.Storage.Providers;
namespace Jinbao.Storage.Tests;

/// <summary>The store's behaviour on SQLite, a data folder per test.</summary>
public sealed class SqliteStoreTests : StoreBehaviourTests
{
    protected override string NewLocation() => Files.File("data-" + Guid.NewGuid().ToString("N")[..8]);

    protected override CentralStore OpenAt(string location) => CentralStore.OpenDataFolder(location, Time);

    private protected override StoreProvider ProviderAt(string location) => new SqliteStoreProvider(location);

    [Fact]
    public void Open_FileInPlaceOfFolder_ThrowsChineseMessage()
    {
        string path = Files.File("occupied");
        File.WriteAllText(path, "not a folder");

        var error = Assert.Throws<StorageException>(() => CentralStore.OpenDataFolder(path, Time));

        Assert.Contains("数据目录", error.Message);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Open_NotADatabase_ThrowsChineseMessage()
    {
        string folder = Files.File("broken");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "jinbao.db"), new string('x', 4096));

        var error = Assert.Throws<StorageException>(() => CentralStore.OpenDataFolder(folder, Time));

        Assert.Contains("jinbao.db", error.Message);
    }
}
