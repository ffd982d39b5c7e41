namespace Harness.Policies.Remote.Msgpack;

/// <summary>
/// A numpy dtype as <c>dtype.str</c> spells it: byte order (<c>&lt;</c> little, <c>&gt;</c> big,
/// <c>|</c> not applicable), kind and item size, e.g. <c>&lt;f4</c>, <c>|u1</c>, <c>|b1</c>.
/// Only bool, signed/unsigned integers and floats are accepted; complex, object and void dtypes are
/// refused as msgpack_numpy refuses them.
/// </summary>
public sealed record NumpyDType
{
    private NumpyDType(char byteOrder, char kind, int itemSize)
    {
        ByteOrder = byteOrder;
        Kind = kind;
        ItemSize = itemSize;
    }

    public char ByteOrder { get; }
    public char Kind { get; }
    public int ItemSize { get; }
    public bool BigEndian => ByteOrder == '>';
    public string Str => $"{ByteOrder}{Kind}{ItemSize}";
    public override string ToString() => Str;

    public static NumpyDType Float64 { get; } = new('<', 'f', 8);
    public static NumpyDType Float32 { get; } = new('<', 'f', 4);
    public static NumpyDType UInt8 { get; } = new('|', 'u', 1);
    public static NumpyDType Bool { get; } = new('|', 'b', 1);
    public static NumpyDType Int64 { get; } = new('<', 'i', 8);
    public static NumpyDType Int32 { get; } = new('<', 'i', 4);

    public static NumpyDType Parse(string str)
    {
        if (string.IsNullOrEmpty(str))
            throw new MsgpackFormatException("numpy dtype is empty; expected a dtype string such as '<f4' or '|u1'.");
        int i = 0;
        char order = '|';
        if (str[0] is '<' or '>' or '|' or '=') { order = str[0]; i = 1; }
        if (order == '=') order = BitConverter.IsLittleEndian ? '<' : '>';
        if (i >= str.Length)
            throw new MsgpackFormatException($"numpy dtype '{str}' has no kind; expected e.g. '<f4'.");
        char kind = str[i];
        string sizeText = str[(i + 1)..];
        switch (kind)
        {
            case 'c': throw new MsgpackFormatException($"numpy dtype '{str}' is complex; complex arrays are refused (msgpack_numpy refuses them too).");
            case 'O': throw new MsgpackFormatException($"numpy dtype '{str}' is object; object arrays are refused (msgpack_numpy refuses them too).");
            case 'V': throw new MsgpackFormatException($"numpy dtype '{str}' is void/structured; such arrays are refused (msgpack_numpy refuses them too).");
        }
        if (!int.TryParse(sizeText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int size))
            throw new MsgpackFormatException($"numpy dtype '{str}' has no item size; expected e.g. '<f4', '<i8', '|u1'.");
        bool ok = kind switch
        {
            'b' => size == 1,
            'i' or 'u' => size is 1 or 2 or 4 or 8,
            'f' => size is 2 or 4 or 8,
            _ => false,
        };
        if (!ok)
            throw new MsgpackFormatException(
                $"numpy dtype '{str}' is not supported; expected bool (|b1), integers (i1..i8, u1..u8) or floats (f2, f4, f8).");
        if (size == 1) order = '|';
        else if (order == '|')
            throw new MsgpackFormatException($"numpy dtype '{str}' has item size {size} but no byte order; expected '<' or '>'.");
        return new NumpyDType(order, kind, size);
    }
}
