using System.Net.Http.Headers;
using System.Security.Cryptography;
using Jinbao.Exchange.Resources;
using Jinbao.Trust.Algorithms;
using Jinbao.Trust.Pki;
using Jinbao.Trust.Timestamps;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cmp;
using Org.BouncyCastle.Asn1.Tsp;
using Org.BouncyCastle.Asn1.X509;

namespace Jinbao.Exchange.Packages;

/// <summary>Requests RFC 3161 time-stamp tokens over HTTP (<c>application/timestamp-query</c>) with an SM3 message imprint.</summary>
public sealed class TimeStampClient(HttpClient http, Uri address)
{
    private const string QueryType = "application/timestamp-query";

    /// <summary>Returns a token (DER) over the SM3 of <paramref name="data"/>, after checking that it covers the data.</summary>
    /// <exception cref="TrustException">The service cannot be reached, rejects the request or returns a token for other data; the message is Chinese.</exception>
    public byte[] Stamp(byte[] data)
    {
        var nonce = new DerInteger(new Org.BouncyCastle.Math.BigInteger(1, RandomNumberGenerator.GetBytes(8)));
        var request = new TimeStampReq(new MessageImprint(new AlgorithmIdentifier(GmObjectIdentifiers.Sm3), Sm3Hash.HashData(data)), null, nonce, DerBoolean.True, null);
        byte[] body;
        try
        {
            using var content = new ByteArrayContent(request.GetEncoded());
            content.Headers.ContentType = new MediaTypeHeaderValue(QueryType);
            using var response = http.Send(new HttpRequestMessage(HttpMethod.Post, address) { Content = content });
            if (!response.IsSuccessStatusCode)
            {
                throw new TrustException(Text.Format(PackageText.TsaFailed, address, (int)response.StatusCode));
            }

            using var stream = response.Content.ReadAsStream();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            body = buffer.ToArray();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            throw new TrustException(Text.Format(PackageText.TsaUnreachable, address, Reason(ex)), ex);
        }

        TimeStampResp answer;
        try
        {
            answer = TimeStampResp.GetInstance(Asn1Object.FromByteArray(body));
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or InvalidCastException)
        {
            throw new TrustException(Text.Format(PackageText.TsaAnswerInvalid, address), ex);
        }

        if (answer.Status.Status.IntValueExact is not ((int)PkiStatus.Granted or (int)PkiStatus.GrantedWithMods) || answer.TimeStampToken is null)
        {
            throw new TrustException(Text.Format(PackageText.TsaRejected, address, answer.Status.Status.IntValueExact));
        }

        byte[] token = answer.TimeStampToken.GetEncoded();
        var info = TimeStampVerifier.Verify(token, data);
        if (info.Nonce is null || !info.Nonce.Equals(nonce.Value))
        {
            throw new TrustException(Text.Format(PackageText.TsaAnswerInvalid, address));
        }

        return token;
    }

    // The runtime's own message is English, so the reason is worded from the kind of failure.
    private static string Reason(Exception error) => error switch
    {
        TaskCanceledException => PackageText.TsaReasonTimedOut,
        HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => PackageText.TsaReasonNameNotResolved,
        HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } => PackageText.TsaReasonTls,
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } => PackageText.TsaReasonConnectionRefused,
        _ => PackageText.TsaReasonTransfer,
    };
}
