using Microsoft.Playwright;

namespace Jinbao.Server.Tests.Support;

/// <summary>
/// The system's Chromium (/usr/bin/chromium) driven by Playwright, with a fresh profile, no
/// downloaded browser, and host resolution limited to 127.0.0.1 so no page can reach another host.
/// </summary>
public sealed class ChromiumSession : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly string _profile;

    private ChromiumSession(IPlaywright playwright, IBrowserContext context, string profile)
    {
        _playwright = playwright;
        Context = context;
        _profile = profile;
    }

    public IBrowserContext Context { get; }

    public static async Task<ChromiumSession> StartAsync()
    {
        Assert.True(File.Exists(ExecutablePath), $"{ExecutablePath} is missing; install the Debian package chromium.");
        string profile = Path.Combine(Path.GetTempPath(), "jinbao-chromium-" + Guid.NewGuid().ToString("N")[..12]);
        var playwright = await Playwright.CreateAsync();

        // Playwright takes the profile folder as userDataDir and passes it to Chromium as --user-data-dir.
        var context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            AcceptDownloads = true,
            Locale = "zh-CN",
            Args =
            [
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        });
        return new ChromiumSession(playwright, context, profile);
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        _playwright.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still flush its profile for a moment after closing; the folder is temporary.
        }
    }
}
