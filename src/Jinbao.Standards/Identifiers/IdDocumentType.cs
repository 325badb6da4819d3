namespace Jinbao.Standards.Identifiers;

/// <summary>
/// The identity document (证件类型) whose number a person record carries. The values are the codes
/// 01–04 of the product's <c>id-document-type.csv</c> table.
/// </summary>
public enum IdDocumentType : byte
{
    /// <summary>Resident identity card with the 18-character citizen ID number (居民身份证).</summary>
    CitizenId = 1,

    /// <summary>Residence permit for residents of Hong Kong, Macao and Taiwan (港澳台居民居住证).</summary>
    ResidencePermit = 2,

    /// <summary>Foreign permanent-resident ID card (外国人永久居留身份证), 2017 or 2023 form.</summary>
    ForeignPermanentResidentId = 3,

    /// <summary>First-generation resident identity card with the 15-digit number (一代居民身份证).</summary>
    LegacyCitizenId = 4,
}
