using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Jinbao.Exchange.Partners;
using Jinbao.Exchange.Sharing;
using Jinbao.Exchange.Subscriptions;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Jinbao.Server.Endpoints;

/// <summary>Registers the sharing repository and, when configured, the partner services and their mutual-TLS transport.</summary>
internal static class PartnerHosting
{
    /// <summary>Adds the sharing repository (<c>sharing.db</c> in the data folder), partners, agreements and the partner services.</summary>
    public static void AddSharing(IServiceCollection services, ServerOptions options)
    {
        var database = new SharingDatabase(options.DataDirectory);
        var settings = options.Partners;
        services.AddSingleton(database);
        services.AddSingleton(provider => new SharingRepository(database, options.Time));
        services.AddSingleton(provider => new PartnerRegistry(database, options.Time));
        services.AddSingleton(provider => new SubscriptionStore(database, options.Time));
        services.AddSingleton(provider => new AccessLog(database));
        services.AddSingleton(provider => new QuotaCounter(provider.GetRequiredService<AccessLog>(), options.Time));
        services.AddSingleton(provider => new ReplayGuard(options.Time, settings?.AllowedClockSkew ?? TimeSpan.FromSeconds(60)));

        // Without partner settings nothing can be trusted, so every registration is rejected.
        services.AddSingleton(provider => new PartnerTrust(settings?.OrganisationRoots ?? [], settings?.OrganisationIntermediates ?? [], settings?.CrlFolder, options.Time, settings?.CrlRefreshInterval));
        services.AddSingleton<PartnerService>(provider => new PartnerService(
            provider.GetRequiredService<PartnerRegistry>(),
            provider.GetRequiredService<SharingRepository>(),
            provider.GetRequiredService<SubscriptionStore>(),
            provider.GetRequiredService<PartnerTrust>(),
            provider.GetRequiredService<ReplayGuard>(),
            provider.GetRequiredService<AccessLog>(),
            provider.GetRequiredService<QuotaCounter>(),
            options.Time));
        if (settings is not null)
        {
            services.AddSingleton(provider => new CallbackDelivery(
                provider.GetRequiredService<PartnerRegistry>(),
                provider.GetRequiredService<SharingRepository>(),
                provider.GetRequiredService<SubscriptionStore>(),
                provider.GetRequiredService<AccessLog>(),
                settings,
                options.Time,
                provider.GetRequiredService<ILoggerFactory>().CreateLogger<CallbackDelivery>()));
            services.AddHostedService<PartnerCallbackWorker>();
        }
    }

    /// <summary>
    /// Sets the TLS certificate of every HTTPS address and requests a certificate from each client. A client certificate, when
    /// sent, must chain to <see cref="PartnerServiceSettings.TransportClientRoots"/>; the partner endpoints reject
    /// requests without one, while the console stays usable without.
    /// </summary>
    public static void UseTls(IWebHostBuilder host, ServerOptions options)
    {
        if (options.Partners is not { } settings)
        {
            return;
        }

        // The slim builder leaves HTTPS addresses out unless asked.
        host.UseKestrelHttpsConfiguration();
        host.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https =>
        {
            https.ServerCertificate = settings.TransportCertificate;
            https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
            https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
            https.ClientCertificateValidation = (certificate, _, _) => IsTrustedClient(certificate, settings.TransportClientRoots);
        }));
    }

    private static bool IsTrustedClient(X509Certificate2 certificate, X509Certificate2Collection roots)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.2"));
        return chain.Build(certificate);
    }
}
