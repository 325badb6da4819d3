namespace Jinbao.Standards.Identifiers;

/// <summary>
/// The registration-authority codes (登记管理部门代码, position 1) of the unified social credit code and
/// the entity-type codes (机构类别代码, position 2) each authority may use. GB 32100-2015 itself lists the
/// authorities 1, 5, 9 and Y; the others come from the longer table published since.
/// </summary>
/// <remarks>An authority or entity type assigned after this table was compiled fails the check until it is added here.</remarks>
internal static class UsccRegistrationAuthorities
{
    /// <summary>Returns the entity-type characters an authority may use, or <see langword="null"/> for an unassigned authority.</summary>
    public static string? EntityTypesOf(char authority) => authority switch
    {
        // Institutional staffing (机构编制): organs, public institutions, mass organisations staffed by the central staffing office, other.
        '1' => "1239",

        // Foreign affairs (外交): resident foreign news agencies, other.
        '2' => "19",

        // Justice (司法行政): law firms, notary offices, grass-roots legal services, forensic institutions, arbitration commissions, other.
        '3' => "123459",

        // Culture (文化): foreign cultural centres, other.
        '4' => "19",

        // Civil affairs (民政): social organisations, private non-enterprise units, foundations, other.
        '5' => "1239",

        // Tourism (旅游): representative offices of foreign tourism bodies, of Hong Kong, Macao and Taiwan tourism bodies, other.
        '6' => "129",

        // Religion (宗教): religious venues, religious schools, other.
        '7' => "129",

        // Trade unions (工会): grass-roots unions, other.
        '8' => "19",

        // Industry and commerce (工商): enterprises, individual businesses, farmers' cooperatives.
        '9' => "123",

        // Reform and staffing office of the Central Military Commission (中央军委改革和编制办公室): military public institutions, other.
        'A' => "19",

        // Agriculture (农业): group-, village- and township-level collective economic organisations, other.
        'N' => "1239",

        // Other (其他): not divided into entity types, always 1.
        'Y' => "1",

        _ => null,
    };
}
