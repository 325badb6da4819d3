using Jinbao.Exchange.Subscriptions;

namespace Jinbao.Server.Endpoints;

/// <summary>Pushes subscription events to callback addresses every <see cref="Jinbao.Exchange.Sharing.PartnerServiceSettings.CallbackInterval"/>.</summary>
internal sealed partial class PartnerCallbackWorker(CallbackDelivery delivery, ServerOptions options, ILogger<PartnerCallbackWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Partners!.CallbackInterval, options.Time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await delivery.DeliverOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
            {
                LogRoundFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A round of callback deliveries failed; the next round retries.")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
