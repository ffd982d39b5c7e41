namespace Harness.Policies.Remote.Msgpack;

/// <summary>
/// The msgpack_numpy convention used by openpi: msgpack documents whose maps with the bin key
/// <c>__ndarray__</c> are numpy arrays and with <c>__npgeneric__</c> numpy scalars. Writing needs
/// nothing beyond <see cref="MsgpackWriter.Write"/> (arrays write themselves); reading turns those
/// maps into <see cref="NdArray"/> and <see cref="NumpyScalar"/>.
/// </summary>
public static class MsgpackNumpy
{
    internal static readonly byte[] NdArrayKey = "__ndarray__"u8.ToArray();
    internal static readonly byte[] NpGenericKey = "__npgeneric__"u8.ToArray();
    internal static readonly byte[] DataKey = "data"u8.ToArray();
    internal static readonly byte[] DTypeKey = "dtype"u8.ToArray();
    internal static readonly byte[] ShapeKey = "shape"u8.ToArray();

    public static byte[] Pack(object? value)
    {
        var writer = new MsgpackWriter();
        writer.Write(value);
        return writer.ToArray();
    }

    public static object? Unpack(ReadOnlySpan<byte> message) => Convert(MsgpackReader.Read(message), "");

    /// <summary>Replaces msgpack_numpy maps in a decoded tree by arrays and scalars; errors name the field path.</summary>
    public static object? Convert(object? value, string path) => value switch
    {
        MsgpackMap map when map.ContainsKey("__ndarray__") => ToArray(map, path),
        MsgpackMap map when map.ContainsKey("__npgeneric__") => ToScalar(map, path),
        MsgpackMap map => new MsgpackMap(map.Entries
            .Select(e => new KeyValuePair<object?, object?>(e.Key, Convert(e.Value, Join(path, MsgpackMap.KeyName(e.Key)))))
            .ToArray()),
        object?[] items => items.Select((item, i) => Convert(item, $"{path}[{i}]")).ToArray(),
        _ => value,
    };

    private static NdArray ToArray(MsgpackMap map, string path)
    {
        var dtype = DType(map, path);
        if (!map.TryGet("data", out var data) || data is not byte[] bytes)
            throw new MsgpackFormatException($"array '{Name(path)}': 'data' must be bin (raw bytes); found {Describe(data)}.");
        if (!map.TryGet("shape", out var shapeValue) || shapeValue is not object?[] dims)
            throw new MsgpackFormatException($"array '{Name(path)}': 'shape' must be an array of integers; found {Describe(shapeValue)}.");
        var shape = new int[dims.Length];
        for (int i = 0; i < dims.Length; i++)
            shape[i] = dims[i] is long l and >= 0 and <= int.MaxValue ? (int)l
                : throw new MsgpackFormatException($"array '{Name(path)}': shape[{i}] must be a non-negative integer; found {Describe(dims[i])}.");
        try { return new NdArray(dtype, shape, bytes); }
        catch (MsgpackFormatException ex) { throw new MsgpackFormatException($"array '{Name(path)}': {ex.Message}"); }
    }

    private static NumpyScalar ToScalar(MsgpackMap map, string path)
    {
        var dtype = DType(map, path);
        if (!map.TryGet("data", out var data) || data is not (bool or long or ulong or float or double))
            throw new MsgpackFormatException($"numpy scalar '{Name(path)}': 'data' must be a plain number or bool; found {Describe(data)}.");
        return new NumpyScalar(dtype, data);
    }

    private static NumpyDType DType(MsgpackMap map, string path)
    {
        map.TryGet("dtype", out var d);
        string? text = d switch
        {
            string s => s,
            byte[] b => System.Text.Encoding.UTF8.GetString(b),
            _ => null,
        };
        if (text is null)
            throw new MsgpackFormatException($"'{Name(path)}': 'dtype' must be a string such as '<f4'; found {Describe(d)}.");
        try { return NumpyDType.Parse(text); }
        catch (MsgpackFormatException ex) { throw new MsgpackFormatException($"'{Name(path)}': {ex.Message}"); }
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}/{key}";

    private static string Name(string path) => path.Length == 0 ? "(top level)" : path;

    public static string Describe(object? value) => value switch
    {
        null => "nil",
        bool b => $"bool {b.ToString().ToLowerInvariant()}",
        long or ulong => $"integer {value}",
        float or double => $"float {System.Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)}",
        string s => $"str '{(s.Length > 40 ? s[..40] + "..." : s)}'",
        byte[] b => $"bin of {b.Length} bytes",
        object?[] a => $"array of {a.Length} items",
        MsgpackMap m => $"map with keys {string.Join(", ", m.KeyNames)}",
        NdArray a => $"array {a.DType} {a.ShapeText}",
        NumpyScalar s => $"numpy scalar {s}",
        _ => value.GetType().Name,
    };
}
