namespace Jinbao.Exchange.Sharing;

/// <summary>A signed request as the HTTP host received it.</summary>
/// <remarks><paramref name="PathAndQuery"/>: the request target exactly as sent, which the signature covers.</remarks>
public sealed record PartnerCall(string Method, string PathAndQuery, string? Authorization, byte[] Body, string ClientAddress);

/// <summary>What the host sends back: a status and either a response object or a Chinese problem detail.</summary>
/// <remarks><paramref name="Nonce"/>: the request's nonce, which the response signature covers; null when the request had no readable signature.</remarks>
public sealed record PartnerReply(int Status, object? Body, string? ProblemDetail, string? Nonce);

/// <summary>Query (查询): look up records of one dataset by ID number or credit code, up to 1,000 keys.</summary>
/// <remarks><paramref name="Fields"/>: the fields wanted; null or empty asks for every field the agreement grants.</remarks>
public sealed record QueryRequest(string AgreementId, string Dataset, IReadOnlyList<string>? Fields, IReadOnlyList<string> Keys);

/// <summary>The records found for one key, in request order; each record holds only agreed fields, masked as agreed.</summary>
public sealed record QueryResult(int Index, bool Found, IReadOnlyList<IReadOnlyDictionary<string, string?>> Records);

public sealed record QueryResponse(string AgreementId, string Dataset, IReadOnlyList<string> Fields, IReadOnlyList<QueryResult> Results);

/// <summary>One subject of a verification: a person, and for <c>enrolled-with-employer</c> the employer's credit code.</summary>
public sealed record VerificationSubject(string IdNumber, string? CreditCode = null);

/// <summary>Verification (核验): yes/no answers about up to 1,000 subjects, returning no data.</summary>
public sealed record VerifyRequest(string AgreementId, string Question, IReadOnlyList<VerificationSubject> Subjects);

public sealed record VerificationAnswer(int Index, bool Answer);

public sealed record VerifyResponse(string AgreementId, string Question, IReadOnlyList<VerificationAnswer> Answers);

/// <summary>
/// Batch extract (批量抽取): every record of one dataset with the agreed fields, masked, as a CSV file signed by the
/// server (CMS SignedData, SM2) and encrypted (CMS EnvelopedData, SM4 key wrapped with SM2) to the partner's
/// encryption certificate, which must be issued to the same subject as its registered signing certificate.
/// </summary>
public sealed record ExtractRequest(string AgreementId, string Dataset, IReadOnlyList<string>? Fields, string EncryptionCertificatePem);

/// <summary>The extract: <paramref name="Content"/> is the base64 of the enveloped, signed CSV file.</summary>
public sealed record ExtractResponse(string AgreementId, string Dataset, IReadOnlyList<string> Fields, int Records, string FileName, string Content);

/// <summary>Subscription (订阅) to the change events of a dataset, pulled with a cursor or delivered to a listed callback address.</summary>
public sealed record SubscribeRequest(string AgreementId, string Dataset, string? CallbackUrl = null);

public sealed record SubscriptionResponse(string Id, string AgreementId, string Dataset, string? CallbackUrl, long Cursor);

/// <summary>One change event as a partner receives it; the record key is masked as the agreement masks the dataset's key field.</summary>
public sealed record PartnerEvent(long Sequence, string Kind, string RecordKey, string? Detail, DateTimeOffset OccurredAt);

/// <summary>
/// Events after the cursor the partner sent, oldest first. The partner passes <paramref name="Cursor"/> as <c>after</c>
/// in its next pull, which acknowledges everything up to it; until then the same events are returned again (at least once).
/// </summary>
public sealed record EventsResponse(string SubscriptionId, IReadOnlyList<PartnerEvent> Events, long Cursor);
