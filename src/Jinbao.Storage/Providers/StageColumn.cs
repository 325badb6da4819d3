namespace Jinbao.Storage.Providers;

/// <summary>The value types a staging column holds.</summary>
internal enum StageType
{
    /// <summary>A <see cref="string"/>.</summary>
    Text,

    /// <summary>A <see cref="DateOnly"/>.</summary>
    Date,

    /// <summary>An <see cref="int"/>, such as a period YYYYMM.</summary>
    Integer,

    /// <summary>A <see cref="long"/>, such as an amount in fen or a row number.</summary>
    BigInteger,
}

/// <summary>A column of a staging table.</summary>
internal sealed record StageColumn(string Name, StageType Type);
