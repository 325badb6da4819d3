using System.Globalization;
using Jinbao.Server.Resources;

namespace Jinbao.Server.Http;

/// <summary>The <c>page</c> and <c>pageSize</c> query parameters: page from 1, size from 1 to 500, 50 by default.</summary>
internal readonly record struct Paging(int Page, int PageSize)
{
    public const int MaxPageSize = 500;

    public static (Paging Paging, IResult? Problem) Read(HttpRequest request)
    {
        if (!TryRead(request, "page", 1, int.MaxValue, 1, out int page, out var problem) || !TryRead(request, "pageSize", 1, MaxPageSize, 50, out int size, out problem))
        {
            return (default, problem);
        }

        return (new Paging(page, size), null);
    }

    private static bool TryRead(HttpRequest request, string name, int min, int max, int fallback, out int value, out IResult? problem)
    {
        problem = null;
        value = fallback;
        string? text = request.Query[name];
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max)
        {
            return true;
        }

        problem = Problems.Format(StatusCodes.Status400BadRequest, ServerText.Detail_QueryNumber, name, text, min, max);
        return false;
    }
}
