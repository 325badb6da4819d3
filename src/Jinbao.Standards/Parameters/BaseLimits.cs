namespace Jinbao.Standards.Parameters;

/// <summary>The monthly contribution-base floor and ceiling of one province and year, in yuan, both inclusive.</summary>
public readonly record struct BaseLimits(decimal Floor, decimal Ceiling);
