using System.Globalization;

namespace Harness.Policies.Remote.Msgpack;

/// <summary>
/// A numpy scalar (np.float32(1.5), np.int64(3), ...) as msgpack_numpy carries it: a map with bin
/// keys <c>__npgeneric__</c> (true), <c>data</c> (the plain value) and <c>dtype</c>.
/// </summary>
public sealed record NumpyScalar(NumpyDType DType, object Value) : IMsgpackWritable
{
    public double ToDouble() => Value switch
    {
        bool b => b ? 1 : 0,
        long l => l,
        ulong u => u,
        float f => f,
        double d => d,
        _ => throw new MsgpackFormatException($"numpy scalar of dtype {DType} holds a {Value.GetType().Name}, not a number."),
    };

    public override string ToString() => Convert.ToString(Value, CultureInfo.InvariantCulture) + $" ({DType})";

    public void WriteTo(MsgpackWriter writer)
    {
        writer.WriteMapHeader(3);
        writer.WriteBinary(MsgpackNumpy.NpGenericKey);
        writer.WriteBool(true);
        writer.WriteBinary(MsgpackNumpy.DataKey);
        writer.Write(Value);
        writer.WriteBinary(MsgpackNumpy.DTypeKey);
        writer.WriteString(DType.Str);
    }
}
