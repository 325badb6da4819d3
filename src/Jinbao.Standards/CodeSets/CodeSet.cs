using System.Collections.Frozen;

namespace Jinbao.Standards.CodeSets;

/// <summary>
/// An enumerated code table (代码集), such as GB/T 2261.1 sex codes. Besides its codes it stores
/// aliases that some systems write for a code (57 for 97 in GB/T 3304) and the code's names,
/// so a check can distinguish a wrong value from a recognisable but non-standard one.
/// </summary>
public sealed class CodeSet
{
    private readonly FrozenDictionary<string, string> _names;
    private readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _nameLookup;
    private readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _aliasLookup;

    // Most code sets have one- or two-character ASCII codes; a table indexed by the characters
    // resolves Contains for them without hashing, which matters on every record of a check.
    private readonly bool[] _shortCodes = new bool[ShortCodeSlots];
    private const int ShortCodeSlots = 128 * 129;

    /// <param name="id">The code set's id in the data-element dictionary, such as <c>Sex</c>.</param>
    /// <param name="standard">The standard it comes from, such as GB/T 2261.1-2003.</param>
    /// <param name="codes">Each code with its Chinese name.</param>
    /// <param name="aliases">Non-standard spellings that map to a code, such as the code's name or a legacy code.</param>
    /// <exception cref="ArgumentException">A code is empty, or an alias maps to no code.</exception>
    public CodeSet(string id, string standard, IEnumerable<KeyValuePair<string, string>> codes, IEnumerable<KeyValuePair<string, string>> aliases)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(aliases);

        Id = id;
        Standard = standard;
        _names = codes.ToFrozenDictionary(StringComparer.Ordinal);
        if (_names.Keys.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException($"Code set '{id}' has an empty code.", nameof(codes));
        }

        var aliasMap = aliases.Where(a => !_names.ContainsKey(a.Key)).ToFrozenDictionary(StringComparer.Ordinal);
        foreach (var alias in aliasMap)
        {
            if (!_names.ContainsKey(alias.Value))
            {
                throw new ArgumentException($"Alias '{alias.Key}' of code set '{id}' maps to unknown code '{alias.Value}'.", nameof(aliases));
            }
        }

        foreach (string code in _names.Keys)
        {
            if (ShortCodeSlot(code) is int slot and >= 0)
            {
                _shortCodes[slot] = true;
            }
        }

        _nameLookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();
        _aliasLookup = aliasMap.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The code set's id, such as <c>Sex</c>.</summary>
    public string Id { get; }

    /// <summary>The standard the codes come from.</summary>
    public string Standard { get; }

    /// <summary>All codes with their names.</summary>
    public IReadOnlyDictionary<string, string> Codes => _names;

    /// <summary>Whether the value is one of the standard codes.</summary>
    public bool Contains(ReadOnlySpan<char> code) =>
        ShortCodeSlot(code) is int slot and >= 0 ? _shortCodes[slot] : code.Length > 2 && _nameLookup.ContainsKey(code);

    /// <summary>Returns the code's name, or <see langword="null"/> for an unknown code.</summary>
    public string? GetName(ReadOnlySpan<char> code) => _nameLookup.TryGetValue(code, out var name) ? name : null;

    /// <summary>The table slot of a one- or two-character ASCII code, or -1 for any other value.</summary>
    private static int ShortCodeSlot(ReadOnlySpan<char> code) => code.Length switch
    {
        1 when code[0] < 128 => code[0],
        2 when code[0] < 128 && code[1] < 128 => 128 + (code[0] * 128) + code[1],
        _ => -1,
    };

    /// <summary>
    /// Returns the standard code a non-standard spelling stands for (a legacy code, the name, a code
    /// whose leading zero a spreadsheet dropped), or <see langword="null"/> when it stands for none.
    /// </summary>
    public string? ResolveAlias(ReadOnlySpan<char> value) => _aliasLookup.TryGetValue(value, out var code) ? code : null;
}
