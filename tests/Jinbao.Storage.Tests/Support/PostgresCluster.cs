using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Jinbao.Storage.Tests.Support;

/// <summary>
/// A throwaway PostgreSQL cluster for the tests: initdb into a temporary folder, trust
/// authentication, listening on 127.0.0.1 only at a free port from 55432 up, stopped and deleted
/// after the tests. As root the server runs as the <c>postgres</c> user, because initdb refuses root.
/// Set <c>JINBAO_TEST_POSTGRES</c> to a connection string to use an existing server instead.
/// </summary>
public sealed class PostgresCluster : IDisposable
{
    private const int FirstPort = 55432;
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    private readonly string? _folder;
    private readonly string? _binaries;
    private readonly bool _asPostgresUser;
    private readonly string _adminConnectionString;

    public PostgresCluster()
    {
        string? existing = Environment.GetEnvironmentVariable("JINBAO_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(existing))
        {
            _adminConnectionString = existing;
            return;
        }

        _binaries = FindBinaries() ?? throw new InvalidOperationException(
            "未找到 PostgreSQL 服务器程序（initdb、pg_ctl），数据库测试无法运行。请安装：apt-get install postgresql。"
            + " / PostgreSQL server programs (initdb, pg_ctl) were not found, so the database tests cannot run. Install them: apt-get install postgresql.");
        _asPostgresUser = Environment.UserName == "root";
        _folder = Path.Combine(Path.GetTempPath(), "jinbao-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_folder);
        if (_asPostgresUser)
        {
            Run("/bin/chown", ["postgres", _folder], asPostgres: false);
        }

        string data = Path.Combine(_folder, "data");
        Run(Path.Combine(_binaries, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C"], _asPostgresUser);
        int port = FreePort();
        Run(Path.Combine(_binaries, "pg_ctl"),
            ["-D", data, "-l", Path.Combine(_folder, "server.log"), "-w", "-o", $"-p {port} -c listen_addresses=127.0.0.1 -k {_folder} -c fsync=off -c max_connections=50", "start"],
            _asPostgresUser);
        Port = port;
        _adminConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false";
    }

    /// <summary>The port the cluster listens on, or 0 for an existing server.</summary>
    public int Port { get; }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public string CreateDatabase()
    {
        string name = "jinbao_test_" + Guid.NewGuid().ToString("N")[..12];
        using (var connection = new NpgsqlConnection(_adminConnectionString))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            command.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        if (_folder is null || _binaries is null)
        {
            return;
        }

        try
        {
            Run(Path.Combine(_binaries, "pg_ctl"), ["-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop"], _asPostgresUser);
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static string? FindBinaries()
    {
        foreach (string folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            if (File.Exists(Path.Combine(folder, "initdb")) && File.Exists(Path.Combine(folder, "pg_ctl")))
            {
                return folder;
            }
        }

        // Debian installs the server programs outside PATH.
        const string debian = "/usr/lib/postgresql";
        return Directory.Exists(debian)
            ? Directory.GetDirectories(debian).Select(v => Path.Combine(v, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb"))).OrderDescending().FirstOrDefault()
            : null;
    }

    private static int FreePort()
    {
        for (int port = FirstPort; port < FirstPort + 100; port++)
        {
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken by another cluster; try the next port.
            }
        }

        throw new InvalidOperationException($"No free port between {FirstPort} and {FirstPort + 99} on 127.0.0.1.");
    }

    private static void Run(string program, string[] arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "/usr/sbin/runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/tmp",
        };
        if (asPostgres)
        {
            foreach (string part in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(part);
            }
        }

        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(CommandTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish in {CommandTimeout.TotalMinutes} minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}: {error.Result}{output.Result}");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresCluster>
{
    public const string Name = "postgres";
}
