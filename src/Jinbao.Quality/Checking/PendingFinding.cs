using Jinbao.Quality.Rules;

namespace Jinbao.Quality.Checking;

/// <summary>A finding as a worker records it, before the merge gives it a row number and severity.</summary>
/// <param name="Record">The record's index within its block.</param>
/// <param name="Column">The bound column's index.</param>
/// <param name="Rule">The rule that failed.</param>
/// <param name="Value">The value to show, already masked.</param>
/// <param name="Message">The formatted message.</param>
internal readonly record struct PendingFinding(int Record, int Column, RuleId Rule, string Value, string Message);
