using System.Globalization;
using Jinbao.Server.Resources;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Jinbao.Server.Batches;

/// <summary>
/// Streams the file part of a multipart upload to a temporary file, accepting only CSV (text) and
/// XLSX (a ZIP package) by name and by content. A rejected upload leaves no file behind.
/// </summary>
internal static class ExtractUpload
{
    private static readonly byte[] ZipSignature = [0x50, 0x4B, 0x03, 0x04];

    /// <summary>The uploaded file, or the status and Chinese reason it was rejected.</summary>
    public sealed record Outcome(string? TemporaryPath, string? FileName, string? Dataset, int Status, string? Error);

    public static async Task<Outcome> ReceiveAsync(HttpRequest request, string temporaryFolder, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType) || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return Reject(StatusCodes.Status415UnsupportedMediaType, string.Format(CultureInfo.CurrentCulture, ServerText.Upload_NotMultipart, request.ContentType ?? ""));
        }

        string? boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            return Reject(StatusCodes.Status400BadRequest, ServerText.Upload_NoBoundary);
        }

        var reader = new MultipartReader(boundary, request.Body);
        string? dataset = null;
        string? temporary = null;
        string? fileName = null;
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                {
                    continue;
                }

                if (disposition.IsFileDisposition() && temporary is null)
                {
                    fileName = Path.GetFileName(disposition.FileNameStar.Value ?? disposition.FileName.Value ?? "");
                    if (KindOf(fileName) is not { } kind)
                    {
                        return Reject(StatusCodes.Status415UnsupportedMediaType, string.Format(CultureInfo.CurrentCulture, ServerText.Upload_WrongType, fileName));
                    }

                    Directory.CreateDirectory(temporaryFolder);
                    temporary = Path.Combine(temporaryFolder, Guid.NewGuid().ToString("N"));
                    if (await CopyCheckedAsync(section.Body, temporary, kind, cancellationToken).ConfigureAwait(false) is { } contentError)
                    {
                        File.Delete(temporary);
                        temporary = null;
                        return Reject(StatusCodes.Status415UnsupportedMediaType, string.Format(CultureInfo.CurrentCulture, contentError, fileName));
                    }
                }
                else if (disposition.Name.Value == "dataset")
                {
                    using var text = new StreamReader(section.Body);
                    string value = (await text.ReadToEndAsync(cancellationToken).ConfigureAwait(false)).Trim();
                    dataset = value.Length == 0 ? null : value;
                }
            }
        }
        catch
        {
            if (temporary is not null)
            {
                File.Delete(temporary);
            }

            throw;
        }

        return temporary is null
            ? Reject(StatusCodes.Status400BadRequest, ServerText.Upload_NoFile)
            : new Outcome(temporary, fileName, dataset, StatusCodes.Status200OK, null);
    }

    private enum FileKind
    {
        Text,
        Workbook,
    }

    private static FileKind? KindOf(string fileName) => Path.GetExtension(fileName).ToUpperInvariant() switch
    {
        ".CSV" or ".TXT" => FileKind.Text,
        ".XLSX" => FileKind.Workbook,
        _ => null,
    };

    // Copies the part while checking its first bytes: a workbook must be a ZIP package, and a text
    // extract must have no NUL byte or ZIP signature, which marks a binary file renamed to .csv.
    private static async Task<string?> CopyCheckedAsync(Stream body, string path, FileKind kind, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        bool first = true;
        long total = 0;
        await using var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (first)
            {
                first = false;
                var head = buffer.AsSpan(0, read);
                bool zip = head.StartsWith(ZipSignature);
                if (kind == FileKind.Workbook && !zip)
                {
                    return ServerText.Upload_NotWorkbook;
                }

                if (kind == FileKind.Text && (zip || head[..Math.Min(read, 8192)].Contains((byte)0)))
                {
                    return ServerText.Upload_NotText;
                }
            }

            total += read;
            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }

        return total == 0 ? ServerText.Upload_Empty : null;
    }

    private static Outcome Reject(int status, string error) => new(null, null, null, status, error);
}
