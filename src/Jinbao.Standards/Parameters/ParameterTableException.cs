namespace Jinbao.Standards.Parameters;

/// <summary>What is wrong with a row of a parameter table.</summary>
public enum ParameterTableFault
{
    /// <summary>The table has no header row.</summary>
    NoHeader,

    /// <summary>The row has the wrong number of comma-separated fields; the value is the count found.</summary>
    FieldCount,

    /// <summary>A province, year or insurance type is not a whole number in its range.</summary>
    NotWholeNumber,

    /// <summary>An amount or rate is not a non-negative number.</summary>
    NotNumber,

    /// <summary>A floor or ceiling is empty.</summary>
    MissingValue,

    /// <summary>The floor is above the ceiling.</summary>
    FloorAboveCeiling,

    /// <summary>A rate is above 100 (rates are percentages of the base).</summary>
    RateAboveHundred,

    /// <summary>The same province and year (or insurance type) appears twice.</summary>
    DuplicateRow,
}

/// <summary>A parameter table that cannot be used, with the line (1-based) and the value at fault.</summary>
public sealed class ParameterTableException : Exception
{
    public ParameterTableException(int line, ParameterTableFault fault, string value)
        : base($"Parameter table line {line}: {fault} ({value}).")
    {
        Line = line;
        Fault = fault;
        Value = value;
    }

    public ParameterTableException()
    {
    }

    public ParameterTableException(string message)
        : base(message)
    {
    }

    public ParameterTableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The line of the table, counting comment lines.</summary>
    public int Line { get; }

    /// <summary>What is wrong.</summary>
    public ParameterTableFault Fault { get; }

    /// <summary>The value at fault, as the table gives it.</summary>
    public string Value { get; } = "";
}
