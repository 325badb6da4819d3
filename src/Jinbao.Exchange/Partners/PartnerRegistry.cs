using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using Jinbao.Exchange.Resources;
using Jinbao.Exchange.Sharing;
using Jinbao.Trust.Pki;
using Org.BouncyCastle.X509;

namespace Jinbao.Exchange.Partners;

/// <summary>
/// Partners and their agreements in the sharing repository's database. Registration checks the organisation
/// certificate and every agreement is validated against the catalogue before it is stored. Reads for partner
/// calls come from an in-memory copy that every change refreshes.
/// </summary>
public sealed partial class PartnerRegistry
{
    /// <summary>The largest daily quota an agreement may set.</summary>
    public const int MaxDailyQuota = 100_000_000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SharingDatabase _database;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, Partner> _bySerial = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, X509Certificate> _certificates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Agreement> _agreements = new(StringComparer.Ordinal);

    public PartnerRegistry(SharingDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
        foreach (var (partner, pem) in _database.Query("SELECT id, name, certificate_serial, certificate_subject, status, created_at, certificate_pem FROM partner", r => (ReadPartner(r), r.GetString(6))))
        {
            Cache(partner, CertificateFiles.Read(System.Text.Encoding.ASCII.GetBytes(pem), partner.Id));
        }

        foreach (var agreement in _database.Query("SELECT id, definition, status, created_by, created_at, changed_at FROM agreement", ReadAgreement))
        {
            _agreements[agreement.Id] = agreement;
        }
    }

    /// <summary>Registers a partner with its SM2 organisation (机构) certificate, which must be valid now under <paramref name="trust"/>.</summary>
    /// <exception cref="SharingException">The id is malformed or taken, the name is empty, or the certificate is invalid, revoked or not an organisation certificate.</exception>
    public Partner Register(string id, string name, X509Certificate certificate, PartnerTrust trust)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(trust);
        if (string.IsNullOrWhiteSpace(id) || !PartnerIdPattern().IsMatch(id))
        {
            throw new SharingException(Text.Format(SharingText.PartnerIdInvalid, id));
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            throw new SharingException(SharingText.PartnerNameMissing);
        }

        if (trust.Check(certificate) is { } problem)
        {
            throw new SharingException(problem);
        }

        if (!IsOrganisationCertificate(certificate))
        {
            throw new SharingException(Text.Format(SharingText.CertificateNotOrganisation, certificate.SubjectDN));
        }

        string serial = CertificateAuthority.SerialText(certificate.SerialNumber);
        if (_certificates.ContainsKey(id) || _bySerial.ContainsKey(serial))
        {
            throw new SharingException(Text.Format(SharingText.PartnerExists, id, serial));
        }

        var partner = new Partner(id, name.Trim(), serial, certificate.SubjectDN.ToString(), PartnerStatuses.Active, _time.GetUtcNow());
        _database.Execute(
            "INSERT INTO partner (id, name, certificate_serial, certificate_subject, certificate_pem, status, created_at) VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6)",
            partner.Id, partner.Name, partner.CertificateSerial, partner.CertificateSubject, CertificateFiles.ToPem(certificate), partner.Status, SharingDatabase.FormatTime(partner.CreatedAt));
        Cache(partner, certificate);
        return partner;
    }

    /// <summary>Every partner, by id.</summary>
    public IReadOnlyList<Partner> Partners() => [.. _bySerial.Values.OrderBy(p => p.Id, StringComparer.Ordinal)];

    /// <summary>Finds the partner holding the certificate with this serial number (hexadecimal), or returns null.</summary>
    public Partner? FindBySerial(string serial) => _bySerial.GetValueOrDefault(serial);

    /// <summary>Returns the registered certificate of a partner.</summary>
    public X509Certificate CertificateOf(Partner partner) => _certificates[partner.Id];

    /// <summary>Every agreement, optionally of one partner, newest first.</summary>
    public IReadOnlyList<Agreement> Agreements(string? partnerId = null) =>
        [.. _agreements.Values.Where(a => partnerId is null || a.Definition.PartnerId == partnerId).OrderByDescending(a => a.CreatedAt)];

    /// <summary>Finds an agreement, or returns null.</summary>
    public Agreement? FindAgreement(string id) => _agreements.GetValueOrDefault(id);

    /// <summary>Validates and stores a new agreement in state active.</summary>
    /// <exception cref="SharingException">The definition breaks a rule of <see cref="AgreementRules"/>.</exception>
    public Agreement CreateAgreement(AgreementDefinition definition, string createdBy)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var partner = _bySerial.Values.FirstOrDefault(p => p.Id == definition.PartnerId)
            ?? throw new SharingException(Text.Format(SharingText.PartnerNotFound, definition.PartnerId));
        AgreementRules.Validate(definition, partner);
        var now = _time.GetUtcNow();
        var agreement = new Agreement("AGR-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant(), definition, AgreementStatuses.Active, createdBy, now, now);
        _database.Execute(
            "INSERT INTO agreement (id, partner_id, definition, status, created_by, created_at, changed_at) VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p5)",
            agreement.Id, partner.Id, JsonSerializer.Serialize(definition, Json), agreement.Status, createdBy, SharingDatabase.FormatTime(now));
        _agreements[agreement.Id] = agreement;
        return agreement;
    }

    /// <summary>Changes the state of an agreement: suspend, resume (active) or expire. An expired agreement stays expired.</summary>
    /// <exception cref="SharingException">The agreement does not exist, the state is unknown or the agreement has expired.</exception>
    public Agreement ChangeAgreementStatus(string id, string status)
    {
        var agreement = FindAgreement(id) ?? throw new SharingException(Text.Format(SharingText.AgreementNotFound, id));
        if (status is not (AgreementStatuses.Active or AgreementStatuses.Suspended or AgreementStatuses.Expired))
        {
            throw new SharingException(Text.Format(SharingText.AgreementStatusInvalid, status));
        }

        if (agreement.Status == AgreementStatuses.Expired)
        {
            throw new SharingException(Text.Format(SharingText.AgreementAlreadyExpired, id));
        }

        var now = _time.GetUtcNow();
        _database.Execute("UPDATE agreement SET status = $p1, changed_at = $p2 WHERE id = $p0", id, status, SharingDatabase.FormatTime(now));
        var changed = agreement with { Status = status, ChangedAt = now };
        _agreements[id] = changed;
        return changed;
    }

    /// <summary>Suspends or reactivates a partner; a suspended partner's calls are rejected whatever its agreements say.</summary>
    public Partner ChangePartnerStatus(string id, string status)
    {
        var partner = _bySerial.Values.FirstOrDefault(p => p.Id == id) ?? throw new SharingException(Text.Format(SharingText.PartnerNotFound, id));
        if (status is not (PartnerStatuses.Active or PartnerStatuses.Suspended))
        {
            throw new SharingException(Text.Format(SharingText.PartnerStatusInvalid, status));
        }

        _database.Execute("UPDATE partner SET status = $p1 WHERE id = $p0", id, status);
        var changed = partner with { Status = status };
        _bySerial[partner.CertificateSerial] = changed;
        return changed;
    }

    // The organisation (机构) signing profile has the key usage nonRepudiation, which the device profile lacks, and
    // neither serverAuth (device) nor emailProtection (personal) among its extended key usages.
    private static bool IsOrganisationCertificate(X509Certificate certificate)
    {
        bool[]? usage = certificate.GetKeyUsage();
        var extended = certificate.GetExtendedKeyUsage() ?? [];
        return usage is { Length: > 1 } && usage[1]
            && !extended.Contains(Org.BouncyCastle.Asn1.X509.KeyPurposeID.id_kp_serverAuth)
            && !extended.Contains(Org.BouncyCastle.Asn1.X509.KeyPurposeID.id_kp_emailProtection);
    }

    private void Cache(Partner partner, X509Certificate certificate)
    {
        _bySerial[partner.CertificateSerial] = partner;
        _certificates[partner.Id] = certificate;
    }

    private static Partner ReadPartner(Microsoft.Data.Sqlite.SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), SharingDatabase.ParseTime(r.GetString(5)));

    private static Agreement ReadAgreement(Microsoft.Data.Sqlite.SqliteDataReader r) => new(
        r.GetString(0),
        JsonSerializer.Deserialize<AgreementDefinition>(r.GetString(1), Json)!,
        r.GetString(2),
        r.GetString(3),
        SharingDatabase.ParseTime(r.GetString(4)),
        SharingDatabase.ParseTime(r.GetString(5)));

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,39}$")]
    private static partial Regex PartnerIdPattern();
}
