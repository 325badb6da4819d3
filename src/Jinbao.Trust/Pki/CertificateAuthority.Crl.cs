using System.Globalization;
using Jinbao.Trust.Algorithms;
using Jinbao.Trust.Resources;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;

namespace Jinbao.Trust.Pki;

public sealed partial class CertificateAuthority
{
    /// <summary>
    /// Issues and records a full or delta CRL valid for <paramref name="nextUpdateAfter"/>. A delta CRL lists
    /// the revocations made since the last full CRL and needs one to exist.
    /// </summary>
    public X509Crl GenerateCrl(CrlKind kind, TimeSpan nextUpdateAfter)
    {
        if (nextUpdateAfter <= TimeSpan.Zero)
        {
            throw new TrustException(TrustText.ValidityNotPositive);
        }

        lock (_gate)
        {
            if (kind == CrlKind.Delta && _state.LastFullCrlNumber == 0)
            {
                throw new TrustException(string.Format(CultureInfo.CurrentCulture, TrustText.DeltaWithoutBase, Settings.CommonName));
            }

            var now = Now(_time);
            var number = _state.CrlNumber + 1;
            var tbs = new V2TbsCertListGenerator();
            tbs.SetSignature(Sm2Signing.Sm2WithSm3);
            tbs.SetIssuer(Certificate.SubjectDN);
            tbs.SetThisUpdate(new Time(now));
            tbs.SetNextUpdate(new Time(now + nextUpdateAfter));
            foreach (var entry in _state.Issued)
            {
                if (entry.RevokedAt is not { } revokedAt || (kind == CrlKind.Delta && entry.RevokedAfterCrl < _state.LastFullCrlNumber))
                {
                    continue;
                }

                tbs.AddCrlEntry(new DerInteger(new BigInteger(entry.Serial, 16)), new Time(revokedAt), (int)(entry.Reason ?? RevocationReason.Unspecified));
            }

            var extensions = new X509ExtensionsGenerator();
            extensions.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, new AuthorityKeyIdentifier(KeyIdentifier));
            extensions.AddExtension(X509Extensions.CrlNumber, false, new CrlNumber(BigInteger.ValueOf(number)));
            if (kind == CrlKind.Delta)
            {
                extensions.AddExtension(X509Extensions.DeltaCrlIndicator, true, new CrlNumber(BigInteger.ValueOf(_state.LastFullCrlNumber)));
            }

            tbs.SetExtensions(extensions.Generate());
            var certList = tbs.GenerateTbsCertList();
            var signature = Sm2Signing.Sign(_key, certList, Sm2.DefaultId);
            var crl = new X509Crl(CertificateList.GetInstance(new DerSequence(certList, Sm2Signing.Sm2WithSm3, new DerBitString(signature))));

            _state.CrlNumber = number;
            if (kind == CrlKind.Full)
            {
                _state.LastFullCrlNumber = number;
            }

            _folder.WriteState(_state);
            return crl;
        }
    }
}
