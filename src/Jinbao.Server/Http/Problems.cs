using System.Globalization;
using Jinbao.Server.Resources;

namespace Jinbao.Server.Http;

/// <summary>ProblemDetails responses (RFC 9457) with Chinese titles and details.</summary>
internal static class Problems
{
    public static IResult Result(int status, string detail) => Results.Problem(detail: detail, statusCode: status, title: TitleOf(status));

    public static IResult Format(int status, string template, params object?[] args) => Result(status, string.Format(CultureInfo.CurrentCulture, template, args));

    /// <summary>Writes a ProblemDetails response from middleware, where no endpoint result runs.</summary>
    public static async Task WriteAsync(HttpContext context, int status, string detail)
    {
        context.Response.StatusCode = status;
        var service = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await service.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = TitleOf(status), Detail = detail },
        }).ConfigureAwait(false);
    }

    /// <summary>Fills the Chinese title and a default detail of every ProblemDetails the framework writes.</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        int status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
        context.ProblemDetails.Title = TitleOf(status);
        context.ProblemDetails.Detail ??= DefaultDetail(context.HttpContext, status);
    }

    /// <summary>Describes the body size limit of the request, such as 64 KB or 512 MB.</summary>
    public static string TooLarge(HttpContext context)
    {
        long limit = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? 0;
        string size = limit >= 1024 * 1024 ? $"{limit / (1024 * 1024)} MB" : $"{limit / 1024} KB";
        return string.Format(CultureInfo.CurrentCulture, ServerText.Detail_TooLarge, size);
    }

    public static string TitleOf(int status) => status switch
    {
        400 => ServerText.Problem_BadRequest,
        401 => ServerText.Problem_Unauthorized,
        403 => ServerText.Problem_Forbidden,
        404 => ServerText.Problem_NotFound,
        405 => ServerText.Problem_MethodNotAllowed,
        409 => ServerText.Problem_Conflict,
        413 => ServerText.Problem_TooLarge,
        415 => ServerText.Problem_UnsupportedMediaType,
        429 => ServerText.Problem_TooManyRequests,
        >= 500 => ServerText.Problem_ServerError,
        _ => string.Format(CultureInfo.CurrentCulture, ServerText.Problem_Other, status),
    };

    private static string DefaultDetail(HttpContext context, int status) => status switch
    {
        401 => ServerText.Detail_Unauthorized,
        403 => ServerText.Detail_Forbidden,
        404 => string.Format(CultureInfo.CurrentCulture, ServerText.Detail_NotFound, context.Request.Path.Value),
        405 => string.Format(CultureInfo.CurrentCulture, ServerText.Detail_MethodNotAllowed, context.Request.Method, context.Request.Path.Value),
        413 => TooLarge(context),
        415 => ServerText.Detail_UnsupportedMediaType,
        429 => ServerText.Detail_TooManyRequests,
        >= 500 => string.Format(CultureInfo.CurrentCulture, ServerText.Detail_ServerError, context.TraceIdentifier),
        _ => ServerText.Detail_BadRequest,
    };
}
