namespace Jinbao.Cli;

/// <summary>The exit codes of <c>jinbao</c>.</summary>
internal static class ExitCodes
{
    /// <summary>The check found no error-severity finding, or the command succeeded.</summary>
    public const int Success = 0;

    /// <summary>The check found error-severity findings.</summary>
    public const int Findings = 1;

    /// <summary>The input could not be read or the command line is invalid; nothing was written.</summary>
    public const int InputError = 2;

    /// <summary>The user cancelled with Ctrl+C.</summary>
    public const int Cancelled = 130;

    /// <summary>A defect of the program, not of the input.</summary>
    public const int InternalError = 70;
}
