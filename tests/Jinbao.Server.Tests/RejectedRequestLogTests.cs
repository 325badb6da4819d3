using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Jinbao.Server.Tests.Support;
using Jinbao.Storage.Tests.Support;

namespace Jinbao.Server.Tests;

/// <summary>
/// A client's bad request is the client's mistake: <c>jinbao serve</c> responds to it with ProblemDetails and
/// logs one line, never a stack trace.
/// </summary>
public sealed partial class RejectedRequestLogTests : IDisposable
{
    private readonly TempFolder _files = new();

    [Fact]
    public async Task ChunkedUploadOverLimit_LogsNoStackTrace()
    {
        using var server = ServerProcess.Start(_files.File("data"), "--max-upload-mb", "1");
        string oneTime = OneTimePassword().Match(server.WaitForLine("一次性密码")!).Groups[1].Value;
        using var admin = new ApiClient(server.BaseAddress);
        await admin.SignInAsync("admin", oneTime);
        await admin.ChangePasswordAsync(oneTime, TestServer.AdminPassword);
        using var created = await admin.PostJsonAsync("/api/v1/users", new { userName = "registrar", role = "operator", password = "Once-" + TestServer.DefaultPassword });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var clerk = new ApiClient(server.BaseAddress) { UserName = "registrar" };
        await clerk.SignInAsync("registrar", "Once-" + TestServer.DefaultPassword);
        await clerk.ChangePasswordAsync("Once-" + TestServer.DefaultPassword, TestServer.DefaultPassword);

        // A stream of unknown length makes HttpClient send the body chunked, so Kestrel finds the
        // excess only while the endpoint reads it, not from a Content-Length header.
        var form = new MultipartFormDataContent();
        var file = new StreamContent(new UnknownLengthStream(new MemoryStream(CsvText(3 * 1024 * 1024))));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", "big.csv");
        using var response = await clerk.SendAsync(HttpMethod.Post, "/api/v1/batches", form);

        Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.NotNull(server.WaitForLine("rejected with status 413"));
        lock (server.Output)
        {
            Assert.DoesNotContain(server.Output, line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal));
            Assert.DoesNotContain(server.Output, line => line.Contains("Exception:", StringComparison.Ordinal));
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _files.Dispose();
    }

    private static byte[] CsvText(int length)
    {
        byte[] row = "110101,张三\n"u8.ToArray();
        byte[] text = new byte[length];
        for (int i = 0; i < length; i++)
        {
            text[i] = row[i % row.Length];
        }

        return text;
    }

    [GeneratedRegex("一次性密码：(\\S+)")]
    private static partial Regex OneTimePassword();

    /// <summary>A read-only stream that hides its length.</summary>
    private sealed class UnknownLengthStream(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
