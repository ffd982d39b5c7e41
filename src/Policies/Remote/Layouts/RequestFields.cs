using Harness.Core.Robots;
using Harness.Policies.Remote.Msgpack;

namespace Harness.Policies.Remote.Layouts;

/// <summary>Typed reads from a decoded request or response, with errors that name the field.</summary>
public static class RequestFields
{
    public static string? OptionalString(MsgpackMap map, string key) =>
        !map.TryGet(key, out var v) || v is null ? null
        : v as string ?? throw new OpenPiProtocolException($"'{key}' must be a str; found {MsgpackNumpy.Describe(v)}.");

    public static bool Flag(MsgpackMap map, string key) =>
        map.TryGet(key, out var v) && (v is true || (v is NumpyScalar s && s.ToDouble() != 0));

    public static double? OptionalNumber(MsgpackMap map, string key) =>
        !map.TryGet(key, out var v) || v is null ? null : Number(v, key);

    public static double Number(object? value, string field) => value switch
    {
        long l => l,
        ulong u => u,
        float f => f,
        double d => d,
        NumpyScalar s => s.ToDouble(),
        _ => throw new OpenPiProtocolException($"'{field}' must be a number; found {MsgpackNumpy.Describe(value)}."),
    };

    public static NdArray Array(object? value, string field) =>
        value as NdArray ?? throw new OpenPiProtocolException(
            $"'{field}' must be a numpy array (msgpack_numpy map with __ndarray__); found {MsgpackNumpy.Describe(value)}.");

    public static double[] Vector(object? value, string field)
    {
        var array = Array(value, field);
        if (array.Rank != 1)
            throw new OpenPiProtocolException($"'{field}' must be a 1-D array; found shape {array.ShapeText}.");
        if (array.DType.Kind == 'b')
            throw new OpenPiProtocolException($"'{field}' must be numeric; found dtype {array.DType}.");
        return array.ToDoubles();
    }

    public static CameraImage Image(object? value, string field, ImageAxes axes)
    {
        var array = Array(value, field);
        if (array.DType.Str != NumpyDType.UInt8.Str)
            throw new OpenPiProtocolException($"image '{field}' must have dtype |u1 (uint8); found {array.DType}.");
        if (array.Rank != 3)
            throw new OpenPiProtocolException(
                $"image '{field}' must have 3 dimensions ({(axes == ImageAxes.HWC ? "height, width, channels" : "channels, height, width")}); found shape {array.ShapeText}.");
        return axes == ImageAxes.HWC
            ? new CameraImage(array.Shape[0], array.Shape[1], array.Shape[2], array.Data)
            : new CameraImage(array.Shape[1], array.Shape[2], array.Shape[0], ImageTensors.ChwToHwc(array.Data, array.Shape[0], array.Shape[1], array.Shape[2]));
    }

    /// <summary>A map key as text (str, or bin decoded as UTF-8).</summary>
    public static string? KeyText(object? key) => key switch
    {
        string s => s,
        byte[] b => System.Text.Encoding.UTF8.GetString(b),
        _ => null,
    };
}
