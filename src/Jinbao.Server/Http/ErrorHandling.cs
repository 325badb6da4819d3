using System.Globalization;
using Jinbao.Server.Resources;
using Microsoft.AspNetCore.Diagnostics;

namespace Jinbao.Server.Http;

/// <summary>
/// Turns exceptions into ProblemDetails. A bad request keeps its status, such as 413 for a body over
/// the limit. Anything else is a 500 whose detail carries only the trace id, and the stack trace goes to the log.
/// </summary>
internal static partial class ErrorHandling
{
    public static async Task HandleAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Jinbao.Server.Errors");
        if (error is BadHttpRequestException bad)
        {
            LogBadRequest(logger, context.Request.Method, context.Request.Path.Value ?? "", bad.StatusCode, bad.Message);
            string detail = bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? Problems.TooLarge(context)
                : ServerText.Detail_BadRequest;
            await Problems.WriteAsync(context, bad.StatusCode, detail).ConfigureAwait(false);
            return;
        }

        LogUnhandled(logger, context.Request.Method, context.Request.Path.Value ?? "", context.TraceIdentifier, error);
        await Problems.WriteAsync(context, StatusCodes.Status500InternalServerError, string.Format(CultureInfo.CurrentCulture, ServerText.Detail_ServerError, context.TraceIdentifier)).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Error, Message = "Request {Method} {Path} failed (trace {TraceId})")]
    private static partial void LogUnhandled(ILogger logger, string method, string path, string traceId, Exception? exception);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Request {Method} {Path} rejected with status {Status}: {Reason}")]
    private static partial void LogBadRequest(ILogger logger, string method, string path, int status, string reason);
}
