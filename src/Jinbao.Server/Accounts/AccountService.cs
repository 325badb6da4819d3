using System.Collections.Concurrent;
using System.Security.Cryptography;
using Jinbao.Server.Audit;
using Jinbao.Server.Data;
using Microsoft.Data.Sqlite;

namespace Jinbao.Server.Accounts;

/// <summary>
/// Accounts: sign-in with lock-out, password changes, and the administrator's account management.
/// The security stamp and state of every account are cached, so validating a session on each
/// request reads no database.
/// </summary>
internal sealed class AccountService
{
    private const string Columns = "id, user_name, display_name, role, must_change_password, security_stamp, locked_until, disabled, created_at";

    private readonly ServerDatabase _database;
    private readonly AuditTrail _audit;
    private readonly ServerOptions _options;
    private readonly ConcurrentDictionary<long, UserAccount> _cache = new();

    // A hash of a random password, verified when the user name is unknown, so the response time does not reveal which names exist.
    private readonly string _dummyHash = PasswordHasher.Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)));

    public AccountService(ServerDatabase database, AuditTrail audit, ServerOptions options)
    {
        _database = database;
        _audit = audit;
        _options = options;
        foreach (var account in _database.Query("SELECT " + Columns + " FROM server_users", Map))
        {
            _cache[account.Id] = account;
        }
    }

    /// <summary>Returns the cached account, or <see langword="null"/> when it does not exist.</summary>
    public UserAccount? Find(long id) => _cache.GetValueOrDefault(id);

    public UserAccount? FindByName(string userName) => _cache.Values.FirstOrDefault(a => a.UserName == userName);

    public IReadOnlyList<UserAccount> List() => [.. _cache.Values.OrderBy(a => a.Id)];

    /// <summary>Checks a password, counting failures and locking the account after too many within the window.</summary>
    public (SignInOutcome Outcome, UserAccount? Account) SignIn(string userName, string password, string clientAddress)
    {
        var now = _options.Time.GetUtcNow();
        var row = _database.Query(
            "SELECT id, password_hash, failed_count, first_failure_at, locked_until, disabled FROM server_users WHERE user_name = $p0",
            r => (Id: r.GetInt64(0), Hash: r.GetString(1), Failed: r.GetInt32(2), FirstFailure: ServerDatabase.TextOrNull(r, 3), LockedUntil: ServerDatabase.TextOrNull(r, 4), Disabled: r.GetBoolean(5)),
            userName).FirstOrDefault();
        if (row.Hash is null)
        {
            PasswordHasher.Verify(password, _dummyHash);
            _audit.Record(userName, AuditActions.SignIn, userName, AuditOutcomes.UnknownUser, clientAddress);
            return (SignInOutcome.InvalidCredentials, null);
        }

        if (row.LockedUntil is { } lockedText && ServerDatabase.ParseTime(lockedText) > now)
        {
            // Only a caller who knows the password learns of the lock-out: anyone else gets the response an
            // unknown name gets, so failed guesses cannot tell which account names exist.
            bool passwordCorrect = PasswordHasher.Verify(password, row.Hash);
            _audit.Record(userName, AuditActions.SignIn, userName, AuditOutcomes.LockedOut, clientAddress);
            return (passwordCorrect ? SignInOutcome.LockedOut : SignInOutcome.InvalidCredentials, null);
        }

        if (!PasswordHasher.Verify(password, row.Hash))
        {
            RecordFailure(row.Id, row.Failed, row.FirstFailure, now);
            _audit.Record(userName, AuditActions.SignIn, userName, AuditOutcomes.WrongPassword, clientAddress);
            return (SignInOutcome.InvalidCredentials, null);
        }

        if (row.Disabled)
        {
            _audit.Record(userName, AuditActions.SignIn, userName, AuditOutcomes.Disabled, clientAddress);
            return (SignInOutcome.Disabled, null);
        }

        _database.Execute("UPDATE server_users SET failed_count = 0, first_failure_at = NULL, locked_until = NULL WHERE id = $p0", row.Id);
        var account = Reload(row.Id);
        _audit.Record(userName, AuditActions.SignIn, userName, AuditOutcomes.Succeeded, clientAddress);
        return (SignInOutcome.Succeeded, account);
    }

    /// <summary>Changes a password after checking the current one; returns the Chinese reason on failure.</summary>
    public string? ChangePassword(long id, string currentPassword, string newPassword, string clientAddress)
    {
        var account = Find(id) ?? throw new InvalidOperationException("The signed-in account no longer exists.");
        string hash = (string)_database.Scalar("SELECT password_hash FROM server_users WHERE id = $p0", id)!;
        if (!PasswordHasher.Verify(currentPassword, hash))
        {
            _audit.Record(account.UserName, AuditActions.PasswordChange, account.UserName, AuditOutcomes.WrongPassword, clientAddress);
            return Resources.ServerText.Password_CurrentWrong;
        }

        if (PolicyFailure(newPassword, account.UserName, currentPassword) is { } reason)
        {
            return reason;
        }

        SetPassword(id, newPassword, mustChange: false);
        _audit.Record(account.UserName, AuditActions.PasswordChange, account.UserName, AuditOutcomes.Succeeded, clientAddress);
        return null;
    }

    /// <summary>Creates an account with a one-time password the user must change at the first sign-in.</summary>
    /// <returns>The account, or the Chinese reason it was not created.</returns>
    public (UserAccount? Account, string? Error) Create(string userName, string displayName, UserRole role, string oneTimePassword, string actor, string clientAddress)
    {
        if (PolicyFailure(oneTimePassword, userName, null) is { } reason)
        {
            return (null, reason);
        }

        try
        {
            long id = (long)_database.Scalar(
                "INSERT INTO server_users (user_name, display_name, role, password_hash, must_change_password, security_stamp, created_at) VALUES ($p0, $p1, $p2, $p3, 1, $p4, $p5) RETURNING id",
                userName, displayName, UserRoles.ToName(role), PasswordHasher.Hash(oneTimePassword), NewStamp(), ServerDatabase.FormatTime(_options.Time.GetUtcNow()))!;
            _audit.Record(actor, AuditActions.UserCreate, $"{userName} ({UserRoles.ToName(role)})", AuditOutcomes.Succeeded, clientAddress);
            return (Reload(id), null);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
        {
            // SQLITE_CONSTRAINT: the user name is taken.
            return (null, string.Format(System.Globalization.CultureInfo.CurrentCulture, Resources.ServerText.User_NameTaken, userName));
        }
    }

    /// <summary>Gives an account a new one-time password, clears its lock-out and ends its sessions.</summary>
    public string? ResetPassword(long id, string oneTimePassword, string actor, string clientAddress)
    {
        var account = Find(id) ?? throw new InvalidOperationException("Unknown account.");
        if (PolicyFailure(oneTimePassword, account.UserName, null) is { } reason)
        {
            return reason;
        }

        SetPassword(id, oneTimePassword, mustChange: true);
        _audit.Record(actor, AuditActions.PasswordReset, account.UserName, AuditOutcomes.Succeeded, clientAddress);
        return null;
    }

    /// <summary>Disables or enables an account; disabling ends its sessions.</summary>
    public void SetDisabled(long id, bool disabled, string actor, string clientAddress)
    {
        var account = Find(id) ?? throw new InvalidOperationException("Unknown account.");
        _database.Execute("UPDATE server_users SET disabled = $p1, security_stamp = $p2 WHERE id = $p0", id, disabled, NewStamp());
        Reload(id);
        _audit.Record(actor, disabled ? AuditActions.UserDisable : AuditActions.UserEnable, account.UserName, AuditOutcomes.Succeeded, clientAddress);
    }

    /// <summary>Ends the account's sessions by renewing its security stamp.</summary>
    public void EndSessions(long id)
    {
        _database.Execute("UPDATE server_users SET security_stamp = $p1 WHERE id = $p0", id, NewStamp());
        Reload(id);
    }

    /// <summary>Ends a lock-out.</summary>
    public void Unlock(long id, string actor, string clientAddress)
    {
        var account = Find(id) ?? throw new InvalidOperationException("Unknown account.");
        _database.Execute("UPDATE server_users SET failed_count = 0, first_failure_at = NULL, locked_until = NULL WHERE id = $p0", id);
        Reload(id);
        _audit.Record(actor, AuditActions.UserUnlock, account.UserName, AuditOutcomes.Succeeded, clientAddress);
    }

    /// <summary>
    /// Creates the <c>admin</c> account on first start, or when <paramref name="reset"/> is set gives it a
    /// new one-time password (creating it when missing). Returns the one-time password, or <see langword="null"/>
    /// when nothing changed.
    /// </summary>
    public string? EnsureFirstAdministrator(bool reset)
    {
        const string name = "admin";
        if (!reset && !_cache.IsEmpty)
        {
            return null;
        }

        string password = OneTimePassword.Create();
        if (FindByName(name) is { } existing)
        {
            SetPassword(existing.Id, password, mustChange: true);
            _database.Execute("UPDATE server_users SET disabled = 0, role = $p1 WHERE id = $p0", existing.Id, UserRoles.Administrator);
            Reload(existing.Id);
            _audit.Record(AuditActors.System, AuditActions.PasswordReset, name, AuditOutcomes.Succeeded, AuditActors.LocalConsole);
            return password;
        }

        var (account, error) = Create(name, Resources.ServerText.Role_Administrator, UserRole.Administrator, password, AuditActors.System, AuditActors.LocalConsole);
        return account is null ? throw new InvalidOperationException(error) : password;
    }

    private string? PolicyFailure(string password, string userName, string? currentPassword)
    {
        if (PasswordPolicy.Validate(password, userName) is { } reason)
        {
            return reason;
        }

        return currentPassword is not null && password == currentPassword ? Resources.ServerText.Password_SameAsCurrent : null;
    }

    private void SetPassword(long id, string password, bool mustChange)
    {
        _database.Execute(
            "UPDATE server_users SET password_hash = $p1, must_change_password = $p2, security_stamp = $p3, failed_count = 0, first_failure_at = NULL, locked_until = NULL WHERE id = $p0",
            id, PasswordHasher.Hash(password), mustChange, NewStamp());
        Reload(id);
    }

    private void RecordFailure(long id, int failed, string? firstFailureText, DateTimeOffset now)
    {
        bool windowOpen = firstFailureText is { } text && now - ServerDatabase.ParseTime(text) < _options.FailureWindow;
        int count = windowOpen ? failed + 1 : 1;
        string firstFailure = windowOpen ? firstFailureText! : ServerDatabase.FormatTime(now);
        string? lockedUntil = count >= _options.MaxFailedSignIns ? ServerDatabase.FormatTime(now + _options.LockoutDuration) : null;
        _database.Execute(
            "UPDATE server_users SET failed_count = $p1, first_failure_at = $p2, locked_until = $p3 WHERE id = $p0",
            id, lockedUntil is null ? count : 0, lockedUntil is null ? firstFailure : null, lockedUntil);
        Reload(id);
    }

    private UserAccount Reload(long id)
    {
        var account = _database.Query("SELECT " + Columns + " FROM server_users WHERE id = $p0", Map, id).Single();
        _cache[id] = account;
        return account;
    }

    private static string NewStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    private static UserAccount Map(SqliteDataReader r)
    {
        UserRoles.TryParse(r.GetString(3), out var role);
        return new UserAccount(
            r.GetInt64(0),
            r.GetString(1),
            r.GetString(2),
            role,
            r.GetBoolean(4),
            r.GetString(5),
            ServerDatabase.TextOrNull(r, 6) is { } locked ? ServerDatabase.ParseTime(locked) : null,
            r.GetBoolean(7),
            ServerDatabase.ParseTime(r.GetString(8)));
    }
}
