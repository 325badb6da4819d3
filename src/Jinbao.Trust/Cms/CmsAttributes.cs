using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.Pkcs;
using Attribute = Org.BouncyCastle.Asn1.Cms.Attribute;

namespace Jinbao.Trust.Cms;

/// <summary>Builds and reads the CMS attributes that SignedData uses.</summary>
internal static class CmsAttributes
{
    public static Asn1Set Signed(DerObjectIdentifier contentType, byte[] digest, DateTime signingTime) => new DerSet(
        new Attribute(PkcsObjectIdentifiers.Pkcs9AtContentType, new DerSet(contentType)),
        new Attribute(PkcsObjectIdentifiers.Pkcs9AtSigningTime, new DerSet(new Time(signingTime))),
        new Attribute(PkcsObjectIdentifiers.Pkcs9AtMessageDigest, new DerSet(new DerOctetString(digest))));

    public static Asn1Encodable? Find(Asn1Set? attributes, DerObjectIdentifier type)
    {
        if (attributes is null)
        {
            return null;
        }

        foreach (var element in attributes)
        {
            var attribute = Attribute.GetInstance(element);
            if (attribute.AttrType.Equals(type))
            {
                return attribute.AttrValues.Count == 1 ? attribute.AttrValues[0] : null;
            }
        }

        return null;
    }
}
