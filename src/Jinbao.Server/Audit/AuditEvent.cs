namespace Jinbao.Server.Audit;

/// <summary>One entry of the audit trail (审计日志): who did what to what, when, from where, and how it ended.</summary>
public sealed record AuditEvent(long Id, DateTimeOffset OccurredAt, string Actor, string Action, string Target, string Outcome, string ClientAddress);
