using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Konscious.Security.Cryptography;

namespace Jinbao.Server.Accounts;

/// <summary>
/// Hashes passwords with Argon2id, a memory-hard function, and stores them in the PHC string form
/// <c>$argon2id$v=19$m=…,t=…,p=…$salt$hash</c>, so the parameters can be raised later without
/// invalidating stored hashes.
/// </summary>
internal static class PasswordHasher
{
    // 19 MiB, 2 passes, 1 lane: the minimum the OWASP password storage cheat sheet lists for Argon2id.
    private const int MemoryKiB = 19 * 1024;
    private const int Iterations = 2;
    private const int Parallelism = 1;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static string Hash(string password)
    {
        byte[] salt = RandomNumberGenerator.GetBytes(SaltBytes);
        byte[] hash = Compute(password, salt, MemoryKiB, Iterations, Parallelism, HashBytes);
        return string.Create(CultureInfo.InvariantCulture, $"$argon2id$v=19$m={MemoryKiB},t={Iterations},p={Parallelism}${ToBase64(salt)}${ToBase64(hash)}");
    }

    /// <summary>Compares a password with a stored hash in constant time; a malformed hash never matches.</summary>
    public static bool Verify(string password, string encoded)
    {
        string[] parts = encoded.Split('$');
        if (parts.Length != 6 || parts[1] != "argon2id" || parts[2] != "v=19")
        {
            return false;
        }

        var settings = parts[3].Split(',').Select(p => p.Split('=')).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        if (!TryGet(settings, "m", out int memory) || !TryGet(settings, "t", out int iterations) || !TryGet(settings, "p", out int parallelism))
        {
            return false;
        }

        byte[] salt;
        byte[] expected;
        try
        {
            salt = FromBase64(parts[4]);
            expected = FromBase64(parts[5]);
        }
        catch (FormatException)
        {
            return false;
        }

        byte[] actual = Compute(password, salt, memory, iterations, parallelism, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static byte[] Compute(string password, byte[] salt, int memory, int iterations, int parallelism, int length)
    {
        using var argon = new Argon2id(Encoding.UTF8.GetBytes(password))
        {
            Salt = salt,
            MemorySize = memory,
            Iterations = iterations,
            DegreeOfParallelism = parallelism,
        };
        return argon.GetBytes(length);
    }

    private static bool TryGet(Dictionary<string, string> settings, string key, out int value)
    {
        value = 0;
        return settings.TryGetValue(key, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;
    }

    // PHC strings use standard Base64 without padding.
    private static string ToBase64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    private static byte[] FromBase64(string text) => Convert.FromBase64String(text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '='));
}
