using System.Buffers.Binary;

namespace Harness.Robots.UR.Rtde;

/// <summary>
/// Packs and unpacks recipe fields, big endian. CLR types per RTDE type: BOOL bool, UINT8 byte,
/// INT32 int, UINT32 uint, UINT64 ulong, DOUBLE double, VECTOR3D double[3], VECTOR6D double[6],
/// VECTOR6INT32 int[6], VECTOR6UINT32 uint[6].
/// </summary>
public static class RtdeFieldCodec
{
    public static object[] Decode(ReadOnlySpan<byte> data, IReadOnlyList<RtdeType> types)
    {
        int expected = 0;
        foreach (var t in types) expected += t.Size();
        if (data.Length != expected)
            throw new RtdeException($"data package holds {data.Length} field bytes; its recipe ({string.Join(",", types.Select(t => t.Name()))}) needs {expected}.");
        var values = new object[types.Count];
        int o = 0;
        for (int i = 0; i < types.Count; i++)
        {
            var s = data[o..];
            values[i] = types[i] switch
            {
                RtdeType.Bool => s[0] != 0,
                RtdeType.Uint8 => s[0],
                RtdeType.Int32 => BinaryPrimitives.ReadInt32BigEndian(s),
                RtdeType.Uint32 => BinaryPrimitives.ReadUInt32BigEndian(s),
                RtdeType.Uint64 => BinaryPrimitives.ReadUInt64BigEndian(s),
                RtdeType.Double => BinaryPrimitives.ReadDoubleBigEndian(s),
                RtdeType.Vector3D => Doubles(s, 3),
                RtdeType.Vector6D => Doubles(s, 6),
                RtdeType.Vector6Int32 => Int32s(s),
                RtdeType.Vector6Uint32 => UInt32s(s),
                _ => throw new ArgumentOutOfRangeException(nameof(types)),
            };
            o += types[i].Size();
        }
        return values;
    }

    private static double[] Doubles(ReadOnlySpan<byte> s, int n)
    {
        var v = new double[n];
        for (int k = 0; k < n; k++) v[k] = BinaryPrimitives.ReadDoubleBigEndian(s[(8 * k)..]);
        return v;
    }

    private static int[] Int32s(ReadOnlySpan<byte> s)
    {
        var v = new int[6];
        for (int k = 0; k < 6; k++) v[k] = BinaryPrimitives.ReadInt32BigEndian(s[(4 * k)..]);
        return v;
    }

    private static uint[] UInt32s(ReadOnlySpan<byte> s)
    {
        var v = new uint[6];
        for (int k = 0; k < 6; k++) v[k] = BinaryPrimitives.ReadUInt32BigEndian(s[(4 * k)..]);
        return v;
    }

    /// <summary>Writes the fields into <paramref name="dest"/>; returns the bytes written.</summary>
    public static int Encode(Span<byte> dest, IReadOnlyList<string> names, IReadOnlyList<RtdeType> types, IReadOnlyList<object> values)
    {
        if (values.Count != types.Count)
            throw new ArgumentException($"{values.Count} values for a recipe of {types.Count} fields.");
        int o = 0;
        for (int i = 0; i < types.Count; i++)
        {
            var d = dest[o..];
            var v = values[i];
            string name = names[i];
            switch (types[i])
            {
                case RtdeType.Bool: d[0] = Scalar<bool>(v, name, types[i]) ? (byte)1 : (byte)0; break;
                case RtdeType.Uint8: d[0] = checked((byte)Integer(v, name, types[i], byte.MinValue, byte.MaxValue)); break;
                case RtdeType.Int32: BinaryPrimitives.WriteInt32BigEndian(d, checked((int)Integer(v, name, types[i], int.MinValue, int.MaxValue))); break;
                case RtdeType.Uint32: BinaryPrimitives.WriteUInt32BigEndian(d, checked((uint)Integer(v, name, types[i], uint.MinValue, uint.MaxValue))); break;
                case RtdeType.Uint64:
                    BinaryPrimitives.WriteUInt64BigEndian(d, v switch
                    {
                        ulong u => u,
                        _ => checked((ulong)Integer(v, name, types[i], 0, long.MaxValue)),
                    });
                    break;
                case RtdeType.Double: BinaryPrimitives.WriteDoubleBigEndian(d, Real(v, name)); break;
                case RtdeType.Vector3D:
                case RtdeType.Vector6D:
                    {
                        var a = Vector<double>(v, name, types[i], types[i] == RtdeType.Vector3D ? 3 : 6);
                        for (int k = 0; k < a.Count; k++) BinaryPrimitives.WriteDoubleBigEndian(d[(8 * k)..], a[k]);
                        break;
                    }
                case RtdeType.Vector6Int32:
                    {
                        var a = Vector<int>(v, name, types[i], 6);
                        for (int k = 0; k < 6; k++) BinaryPrimitives.WriteInt32BigEndian(d[(4 * k)..], a[k]);
                        break;
                    }
                case RtdeType.Vector6Uint32:
                    {
                        var a = Vector<uint>(v, name, types[i], 6);
                        for (int k = 0; k < 6; k++) BinaryPrimitives.WriteUInt32BigEndian(d[(4 * k)..], a[k]);
                        break;
                    }
            }
            o += types[i].Size();
        }
        return o;
    }

    private static T Scalar<T>(object v, string name, RtdeType t) =>
        v is T x ? x : throw new ArgumentException($"field '{name}' is {t.Name()}; got {v?.GetType().Name ?? "null"}.");

    private static long Integer(object v, string name, RtdeType t, long min, long max)
    {
        long x = v switch
        {
            byte b => b, sbyte sb => sb, short s => s, ushort us => us, int i => i, uint ui => ui, long l => l,
            ulong ul when ul <= long.MaxValue => (long)ul,
            bool bo => bo ? 1 : 0,
            _ => throw new ArgumentException($"field '{name}' is {t.Name()}; got {v?.GetType().Name ?? "null"} (expected an integer)."),
        };
        if (x < min || x > max) throw new ArgumentOutOfRangeException(name, x, $"field '{name}' is {t.Name()} ({min}..{max}).");
        return x;
    }

    private static double Real(object v, string name) => v switch
    {
        double d => d, float f => f, int i => i, long l => l, uint u => u,
        _ => throw new ArgumentException($"field '{name}' is DOUBLE; got {v?.GetType().Name ?? "null"}."),
    };

    private static IReadOnlyList<T> Vector<T>(object v, string name, RtdeType t, int n)
    {
        if (v is not IReadOnlyList<T> a)
            throw new ArgumentException($"field '{name}' is {t.Name()}; got {v?.GetType().Name ?? "null"} (expected {n} x {typeof(T).Name}).");
        if (a.Count != n) throw new ArgumentException($"field '{name}' is {t.Name()}: expected {n} values, got {a.Count}.");
        return a;
    }
}
