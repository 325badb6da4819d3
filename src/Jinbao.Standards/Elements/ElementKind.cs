namespace Jinbao.Standards.Elements;

/// <summary>How a data element's values are validated.</summary>
public enum ElementKind
{
    /// <summary>Free text with only a length limit.</summary>
    Text,

    /// <summary>A person identity number: citizen ID, legacy ID, residence permit or foreigner permanent-residence ID.</summary>
    PersonIdNumber,

    /// <summary>A person's name: Chinese characters, the middle dot of minority and foreign names, Latin letters.</summary>
    PersonName,

    /// <summary>An organisation's name.</summary>
    OrganizationName,

    /// <summary>A code from a code set.</summary>
    Code,

    /// <summary>A calendar date, written yyyyMMdd or yyyy-MM-dd (also / or . as separator).</summary>
    Date,

    /// <summary>A GB/T 2260 division code.</summary>
    DivisionCode,

    /// <summary>A mobile or fixed-line telephone number.</summary>
    PhoneNumber,

    /// <summary>A unified social credit code, GB 32100-2015.</summary>
    UnifiedSocialCreditCode,

    /// <summary>A calendar month written yyyyMM, such as a contribution period (费款所属期).</summary>
    Period,

    /// <summary>An amount of money in yuan: digits with at most two decimals, never negative.</summary>
    Money,

    /// <summary>A bank card number: 16 to 19 digits ending in a Luhn (ISO/IEC 7812-1) check digit.</summary>
    BankCardNumber,
}
