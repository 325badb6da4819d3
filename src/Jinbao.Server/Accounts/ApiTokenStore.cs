using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Jinbao.Server.Audit;
using Jinbao.Server.Data;

namespace Jinbao.Server.Accounts;

/// <summary>
/// API tokens for programs such as a business system calling the single-record check. Only the
/// SHA-256 of a token is stored; the token itself is shown once, when it is created.
/// </summary>
internal sealed class ApiTokenStore
{
    private const string Prefix = "jbt_";

    private readonly ServerDatabase _database;
    private readonly AuditTrail _audit;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, long> _users = new(StringComparer.Ordinal);

    public ApiTokenStore(ServerDatabase database, AuditTrail audit, TimeProvider time)
    {
        _database = database;
        _audit = audit;
        _time = time;
        foreach (var (hash, user) in _database.Query("SELECT token_hash, user_id FROM server_api_tokens", r => (r.GetString(0), r.GetInt64(1))))
        {
            _users[hash] = user;
        }
    }

    public string Create(UserAccount account, string name, string clientAddress)
    {
        string token = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        string hash = HashOf(token);
        _database.Execute(
            "INSERT INTO server_api_tokens (token_hash, user_id, name, created_at) VALUES ($p0, $p1, $p2, $p3)",
            hash, account.Id, name, ServerDatabase.FormatTime(_time.GetUtcNow()));
        _users[hash] = account.Id;
        _audit.Record(account.UserName, AuditActions.TokenCreate, name, AuditOutcomes.Succeeded, clientAddress);
        return token;
    }

    /// <summary>Returns the id of the token's account, or <see langword="null"/> for an unknown token.</summary>
    public long? FindUser(string token) =>
        token.StartsWith(Prefix, StringComparison.Ordinal) && _users.TryGetValue(HashOf(token), out long user) ? user : null;

    private static string HashOf(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
