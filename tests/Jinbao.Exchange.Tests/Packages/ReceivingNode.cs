using Jinbao.Exchange.Packages;
using Jinbao.Quality.Samples;
using Jinbao.Storage;

namespace Jinbao.Exchange.Tests.Packages;

/// <summary>A checked sample bundle on the province side and an empty ministry data folder with its store and ledger.</summary>
internal sealed class ReceivingNode : IDisposable
{
    public ReceivingNode(TestNodes nodes)
    {
        Nodes = nodes;
        Directory.CreateDirectory(Folder);
        BundleSampleGenerator.Write(new BundleSampleOptions { Directory = BundleFolder, Records = 200, ErrorRate = 0.02, Today = DateOnly.FromDateTime(DateTime.Today) });
        Store = CentralStore.OpenDataFolder(DataFolder);
        Ledger = new PackageLedger(DataFolder);
        Receiver = new PackageReceiver(nodes.MinistryTrust(), Store, Ledger, DataFolder);
    }

    public TestNodes Nodes { get; }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "jinbao-receive-" + Guid.NewGuid().ToString("N"));

    public string BundleFolder => Path.Combine(Folder, "bundle");

    public string DataFolder => Path.Combine(Folder, "ministry-data");

    public string WorkFolder => Path.Combine(DataFolder, "packages", "work");

    public CentralStore Store { get; }

    public PackageLedger Ledger { get; }

    public PackageReceiver Receiver { get; }

    /// <summary>Packs the sample bundle with the options given (the province node's to the ministry by default) and returns the package path.</summary>
    public string Pack(PackOptions? options = null, string name = "package.jbp")
    {
        string path = Path.Combine(Folder, name);
        using var output = File.Create(path);
        PackageWriter.CheckAndWrite([BundleFolder], options ?? Nodes.ProvincePackOptions(), output, Path.Combine(Folder, "pack-report-" + Guid.NewGuid().ToString("N")));
        return path;
    }

    public void Dispose()
    {
        Store.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
