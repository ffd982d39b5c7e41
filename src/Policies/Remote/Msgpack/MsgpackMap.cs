using System.Text;

namespace Harness.Policies.Remote.Msgpack;

/// <summary>
/// A decoded msgpack map. Keys keep their msgpack type (str arrives as <see cref="string"/>, bin as
/// <c>byte[]</c>) because msgpack_numpy tells arrays apart by their bin keys; lookups by name match
/// either form, since Python senders mix them.
/// </summary>
public sealed class MsgpackMap(IReadOnlyList<KeyValuePair<object?, object?>> entries)
{
    public IReadOnlyList<KeyValuePair<object?, object?>> Entries { get; } = entries;

    public int Count => Entries.Count;

    public bool TryGet(string key, out object? value)
    {
        foreach (var (k, v) in Entries)
            if (KeyEquals(k, key)) { value = v; return true; }
        value = null;
        return false;
    }

    public bool ContainsKey(string key) => TryGet(key, out _);

    /// <summary>Keys rendered for error messages (bin keys shown as b'..').</summary>
    public IEnumerable<string> KeyNames => Entries.Select(e => KeyName(e.Key));

    public static string KeyName(object? key) => key switch
    {
        string s => s,
        byte[] b => $"b'{Encoding.UTF8.GetString(b)}'",
        null => "nil",
        _ => Convert.ToString(key, System.Globalization.CultureInfo.InvariantCulture) ?? "?",
    };

    private static bool KeyEquals(object? k, string key) => k switch
    {
        string s => s == key,
        byte[] b => b.Length == Encoding.UTF8.GetByteCount(key) && Encoding.UTF8.GetString(b) == key,
        _ => false,
    };
}
