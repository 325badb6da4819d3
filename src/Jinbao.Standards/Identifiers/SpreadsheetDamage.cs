namespace Jinbao.Standards.Identifiers;

/// <summary>The kinds of damage a spreadsheet does to an identifier typed or pasted into a cell.</summary>
[Flags]
public enum SpreadsheetDamage : byte
{
    /// <summary>The value was clean.</summary>
    None = 0,

    /// <summary>Whitespace before or after the value: ASCII whitespace, no-break space (U+00A0), ideographic space (U+3000) or other Unicode whitespace.</summary>
    SurroundingWhitespace = 1,

    /// <summary>A leading apostrophe, which spreadsheet users type to keep a number as text.</summary>
    LeadingApostrophe = 2,

    /// <summary>Full-width forms (U+FF01–U+FF5E) of ASCII characters, such as full-width digits or X.</summary>
    FullWidthCharacters = 4,

    /// <summary>A decimal point and zeros after a number, as in 110105199001011234.0.</summary>
    TrailingDecimalZero = 8,

    /// <summary>The number was shown in scientific notation, such as 1.10105E+17, so its digits are lost and cannot be repaired.</summary>
    ScientificNotation = 16,
}
