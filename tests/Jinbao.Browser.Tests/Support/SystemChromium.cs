using Microsoft.Playwright;

namespace Jinbao.Browser.Tests.Support;

/// <summary>
/// Starts Debian's Chromium through Playwright. Playwright's driver, a Node runtime that ships in
/// the Microsoft.Playwright package, drives the browser installed at <see cref="ExecutablePath"/>;
/// no browser is downloaded and the browser resolves no host name but 127.0.0.1.
/// </summary>
internal static class SystemChromium
{
    /// <summary>Where Debian's chromium package installs the browser.</summary>
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>
    /// Launches a headless browser with a fresh profile in <paramref name="profileDirectory"/>.
    /// Playwright rejects --user-data-dir as an argument, so the profile is passed as the persistent
    /// context's folder, which has the same effect.
    /// </summary>
    /// <exception cref="InvalidOperationException">Chromium is not installed. The message names the package to install.</exception>
    public static async Task<(IPlaywright Playwright, IBrowserContext Context)> LaunchAsync(string profileDirectory, bool javaScriptEnabled = true)
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at {ExecutablePath}. The browser tests drive the system browser: install it with 'apt-get install chromium' (Debian) and run the tests again.");
        }

        // The driver must not fetch a browser of its own, now or on a later call.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Environment.SetEnvironmentVariable("PLAYWRIGHT_BROWSERS_PATH", Path.Combine(profileDirectory, "no-browsers"));

        var playwright = await Playwright.CreateAsync();
        try
        {
            var context = await playwright.Chromium.LaunchPersistentContextAsync(profileDirectory, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                JavaScriptEnabled = javaScriptEnabled,
                ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
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
            return (playwright, context);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }
}
