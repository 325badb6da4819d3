using System.Globalization;
using System.Threading.RateLimiting;
using Jinbao.Server.Accounts;
using Jinbao.Server.Audit;
using Jinbao.Server.Batches;
using Jinbao.Server.Console;
using Jinbao.Server.Data;
using Jinbao.Server.Endpoints;
using Jinbao.Server.Http;
using Jinbao.Server.Resources;
using Jinbao.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Jinbao.Server;

/// <summary>The platform server (<c>jinbao serve</c>): the HTTP API under <c>/api/v1</c> and the Chinese web console.</summary>
public static partial class ServerApplication
{
    /// <summary>Builds the server: creates the data folder and tables, and the first administrator when there is no account.</summary>
    public static WebApplication Build(ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(ServerApplication).Assembly.GetName().Name });
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // The endpoint's own limit is set per request; this ceiling only has to admit the largest.
            kestrel.Limits.MaxRequestBodySize = Math.Max(options.MaxUploadBytes, options.MaxJsonBytes);
            kestrel.AddServerHeader = false;
        });
        PartnerHosting.UseTls(builder.WebHost, options);
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        // Per-request information lines would carry query strings into the log and cost throughput.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // A start that fails to bind is reported by jinbao serve in Chinese; the host would add a stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        // The store's debug events mark the steps of an import (staged, merged); they carry no personal data.
        builder.Logging.AddFilter("Jinbao.Storage", LogLevel.Debug);

        var services = builder.Services;
        var database = new ServerDatabase(options.DataDirectory);
        database.Migrate();
        services.AddSingleton(options);
        services.AddSingleton(options.Time);
        services.AddSingleton(database);
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<AccountService>();
        services.AddSingleton<CertificateBindings>();
        services.AddSingleton<ApiTokenStore>();
        services.AddSingleton<BatchStore>();
        services.AddSingleton<BatchQueue>();
        services.AddSingleton(new RecordCheckEndpoints.Checkers(options.Time));
        services.AddSingleton(provider => OpenStore(options, provider.GetRequiredService<ILoggerFactory>().CreateLogger("Jinbao.Storage")));
        services.AddHostedService<BatchWorker>();
        PartnerHosting.AddSharing(services, options);

        services.AddDataProtection()
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(options.DataDirectory, "keys")))
            .SetApplicationName("Jinbao.Server");
        services.AddAuthentication(SessionAuthentication.PolicyScheme)
            .AddPolicyScheme(SessionAuthentication.PolicyScheme, null, policy => policy.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? ApiTokenAuthentication.SchemeName : SessionAuthentication.Scheme)
            .AddCookie(SessionAuthentication.Scheme, cookie => SessionAuthentication.Configure(cookie, options))
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(UserRoles.Administrator, p => p.RequireRole(UserRoles.Administrator))
            .AddPolicy(UserRoles.Auditor, p => p.RequireRole(UserRoles.Auditor))
            .AddPolicy(UserRoles.Operator, p => p.RequireRole(UserRoles.Operator));
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.HeaderName = RequestGuards.AntiforgeryHeader;
            antiforgery.Cookie.Name = "jinbao.csrf";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.HttpOnly = true;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(SessionEndpoints.SignInRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                CurrentUser.Address(context),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.SignInRequestsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            limiter.OnRejected = (context, _) => new ValueTask(Problems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, ServerText.Detail_TooManyRequests));
        });
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = Problems.Customize);
        services.AddHealthChecks()
            .AddCheck("server-database", () => Probe(() => database.Scalar("SELECT 1")))
            .AddCheck<CentralStoreHealthCheck>("central-store");
        services.AddOpenApi();
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Encoder = FindingJson.Options.Encoder;
            json.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
        });

        var app = builder.Build();

        // Opening the store runs its migrations, so a store that cannot be opened stops the start here.
        app.Services.GetRequiredService<CentralStore>();
        // ErrorHandling logs what it handles itself: a client's bad request in one line, a server fault with its stack trace.
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = ErrorHandling.HandleAsync, SuppressDiagnosticsCallback = _ => true });
        app.UseStatusCodePages();
        app.Use(SecurityHeaders);
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.Use(RequestGuards.InvokeAsync);
        app.UseAuthorization();

        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        SessionEndpoints.Map(app);
        UserEndpoints.Map(app);
        CertificateBindingEndpoints.Map(app);
        AuditEndpoints.Map(app);
        BatchEndpoints.Map(app);
        RecordCheckEndpoints.Map(app);
        StoreEndpoints.Map(app);
        TrustEndpoints.Map(app);
        PackageEndpoints.Map(app);
        PartnerEndpoints.Map(app, options);
        PartnerAdminEndpoints.Map(app);
        ConsoleFiles.Map(app);

        var accounts = app.Services.GetRequiredService<AccountService>();
        if (accounts.EnsureFirstAdministrator(options.InitAdministrator) is { } password)
        {
            var output = options.Console ?? System.Console.Out;
            output.WriteLine(string.Format(CultureInfo.CurrentCulture, ServerText.Console_OneTimePassword, "admin", password));
            output.Flush();
        }

        return app;
    }

    // PostgreSQL when JINBAO_POSTGRES contains a connection string, else SQLite in the data folder.
    private static CentralStore OpenStore(ServerOptions options, ILogger logger) =>
        Environment.GetEnvironmentVariable(CentralStore.PostgresEnvironmentVariable) is { Length: > 0 } postgres
            ? CentralStore.OpenPostgres(postgres, options.Time, logger)
            : CentralStore.OpenDataFolder(options.DataDirectory, options.Time, logger);

    internal static HealthCheckResult Probe(Action probe)
    {
        try
        {
            probe();
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or StorageException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy(ex.GetType().Name);
        }
    }

    // The console loads scripts only from the server itself, and no page may be framed.
    private static Task SecurityHeaders(HttpContext context, RequestDelegate next)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        return next(context);
    }
}

/// <summary>Readiness of the central store: a query of one batch must succeed.</summary>
internal sealed class CentralStoreHealthCheck(CentralStore store) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(ServerApplication.Probe(() => store.ListBatches(1)));
}
