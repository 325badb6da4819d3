using System.Collections.Concurrent;
using System.Globalization;
using Jinbao.Server.Data;
using Jinbao.Server.Resources;
using Jinbao.Trust.Algorithms;
using Microsoft.Data.Sqlite;
using X509Certificate = Org.BouncyCastle.X509.X509Certificate;

namespace Jinbao.Server.Accounts;

/// <summary>The signing certificate an administrator bound to an account (绑定证书).</summary>
/// <param name="UserId">The account's database id.</param>
/// <param name="Fingerprint">The SM3 hash of the certificate's DER encoding, lower-case hex.</param>
/// <param name="Issuer">The issuer DN.</param>
/// <param name="SerialNumber">The serial number, lower-case hex.</param>
/// <param name="Subject">The subject DN.</param>
/// <param name="NotAfter">The end of the certificate's validity.</param>
/// <param name="BoundBy">The administrator who bound it.</param>
/// <param name="BoundAt">When it was bound.</param>
public sealed record CertificateBinding(long UserId, string Fingerprint, string Issuer, string SerialNumber, string Subject, DateTimeOffset NotAfter, string BoundBy, DateTimeOffset BoundAt);

/// <summary>
/// The certificate bound to each account, stored in <c>server_user_certificates</c> and cached, so the
/// user list and every certificate sign-in read no database. An account has at most one binding.
/// </summary>
internal sealed class CertificateBindings
{
    private const string Columns = "user_id, fingerprint, issuer, serial_number, subject, not_after, bound_by, bound_at";

    private readonly ServerDatabase _database;
    private readonly ServerOptions _options;
    private readonly ConcurrentDictionary<long, CertificateBinding> _cache = new();

    public CertificateBindings(ServerDatabase database, ServerOptions options)
    {
        _database = database;
        _options = options;
        foreach (var binding in _database.Query("SELECT " + Columns + " FROM server_user_certificates", Map))
        {
            _cache[binding.UserId] = binding;
        }
    }

    /// <summary>Returns the account's binding, or <see langword="null"/> when no certificate is bound.</summary>
    public CertificateBinding? Find(long userId) => _cache.GetValueOrDefault(userId);

    /// <summary>Binds <paramref name="certificate"/> to the account, replacing an earlier binding.</summary>
    public CertificateBinding Bind(long userId, X509Certificate certificate, string actor)
    {
        var binding = new CertificateBinding(
            userId,
            Fingerprint(certificate),
            certificate.IssuerDN.ToString(),
            SerialNumber(certificate),
            certificate.SubjectDN.ToString(),
            new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero),
            actor,
            _options.Time.GetUtcNow());
        _database.Execute(
            "INSERT INTO server_user_certificates (" + Columns + ") VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7) "
            + "ON CONFLICT (user_id) DO UPDATE SET fingerprint = excluded.fingerprint, issuer = excluded.issuer, serial_number = excluded.serial_number, "
            + "subject = excluded.subject, not_after = excluded.not_after, bound_by = excluded.bound_by, bound_at = excluded.bound_at",
            binding.UserId, binding.Fingerprint, binding.Issuer, binding.SerialNumber, binding.Subject,
            ServerDatabase.FormatTime(binding.NotAfter), binding.BoundBy, ServerDatabase.FormatTime(binding.BoundAt));
        _cache[userId] = binding;
        return binding;
    }

    /// <summary>Removes the account's binding and returns it, or <see langword="null"/> when there was none.</summary>
    public CertificateBinding? Unbind(long userId)
    {
        _database.Execute("DELETE FROM server_user_certificates WHERE user_id = $p0", userId);
        return _cache.TryRemove(userId, out var removed) ? removed : null;
    }

    /// <summary>
    /// Returns the Chinese reason the binding rule rejects <paramref name="certificate"/> for the account, or
    /// <see langword="null"/> when it passes. A bound account accepts only its bound certificate. An unbound
    /// account passes unless <see cref="ServerOptions.RequireCertificateBinding"/> is set.
    /// </summary>
    public string? SignInProblem(UserAccount account, X509Certificate certificate)
    {
        if (Find(account.Id) is not { } binding)
        {
            return _options.RequireCertificateBinding
                ? string.Format(CultureInfo.CurrentCulture, CertificateBindingText.SignIn_NotBound, account.UserName)
                : null;
        }

        return string.Equals(binding.Fingerprint, Fingerprint(certificate), StringComparison.Ordinal)
            ? null
            : string.Format(CultureInfo.CurrentCulture, CertificateBindingText.SignIn_NotBoundCertificate, SerialNumber(certificate), account.UserName, binding.SerialNumber, binding.Issuer);
    }

    /// <summary>
    /// Whether the certificate's subject has exactly one common name and it equals <paramref name="userName"/>.
    /// A subject with several common names names no one holder, so it matches no user. <paramref name="holder"/>
    /// receives the single common name, or the whole subject DN when there is none or several.
    /// </summary>
    public static bool IsHeldBy(X509Certificate certificate, string userName, out string holder)
    {
        var commonNames = certificate.SubjectDN.GetValueList(Org.BouncyCastle.Asn1.X509.X509Name.CN);
        holder = commonNames.Count == 1 ? commonNames[0] : certificate.SubjectDN.ToString();
        return commonNames.Count == 1 && string.Equals(holder, userName, StringComparison.Ordinal);
    }

    /// <summary>Returns the SM3 hash of the certificate's DER encoding as lower-case hex.</summary>
    public static string Fingerprint(X509Certificate certificate) => Convert.ToHexStringLower(Sm3Hash.HashData(certificate.GetEncoded()));

    /// <summary>Returns the serial number as lower-case hex, the form the audit trail records.</summary>
    public static string SerialNumber(X509Certificate certificate) => certificate.SerialNumber.ToString(16);

    private static CertificateBinding Map(SqliteDataReader r) => new(
        r.GetInt64(0),
        r.GetString(1),
        r.GetString(2),
        r.GetString(3),
        r.GetString(4),
        ServerDatabase.ParseTime(r.GetString(5)),
        r.GetString(6),
        ServerDatabase.ParseTime(r.GetString(7)));
}
