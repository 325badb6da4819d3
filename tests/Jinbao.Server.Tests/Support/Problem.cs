using System.Text.Json;

namespace Jinbao.Server.Tests.Support;

/// <summary>Reads a ProblemDetails response and checks the parts every error must have.</summary>
public static class Problem
{
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, int status)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"Expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonSerializer.Deserialize<JsonElement>(body);
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        string detail = problem.GetProperty("detail").GetString()!;
        Assert.True(detail.Any(IsChinese), $"The detail is not Chinese: {detail}");
        Assert.True(problem.GetProperty("title").GetString()!.Any(IsChinese), "The title is not Chinese.");
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        return problem;
    }

    public static string Detail(JsonElement problem) => problem.GetProperty("detail").GetString()!;

    private static bool IsChinese(char c) => c is >= '\u4e00' and <= '\u9fff';
}
