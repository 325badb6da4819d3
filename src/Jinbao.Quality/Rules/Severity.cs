namespace Jinbao.Quality.Rules;

/// <summary>The severity (严重程度) of a finding.</summary>
public enum Severity : byte
{
    /// <summary>The record is kept and flagged.</summary>
    Warning = 0,

    /// <summary>The record is rejected until it is corrected.</summary>
    Error = 1,
}
