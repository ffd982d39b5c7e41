using System.Text.Json.Serialization;

namespace Harness.Core.Robots;

/// <summary>
/// How a depth camera's feature stores depth: in metres (<see cref="Units.Metres"/>, the default)
/// or scaled to 0-1 over [<see cref="NearM"/>, <see cref="FarM"/>] (<see cref="Units.Fraction"/>,
/// what some training pipelines store), in one channel or replicated into three (for encoders
/// that take 3-channel input). Metres are clipped to the same range. Float32 either way.
/// </summary>
public sealed record DepthEncoding(
    [property: JsonPropertyName("unit")] string Unit,
    [property: JsonPropertyName("channels")] int Channels,
    [property: JsonPropertyName("near_m")] double NearM,
    [property: JsonPropertyName("far_m")] double FarM)
{
    /// <summary>The feature's value range: [near, far] metres, or [0, 1].</summary>
    [JsonIgnore] public (double Lo, double Hi) ValueRange => Unit == Units.Metres ? (NearM, FarM) : (0, 1);

    public void Validate(string camera)
    {
        if (Unit is not (Units.Metres or Units.Fraction))
            throw new ArgumentException($"{camera}: depth unit must be {Units.Metres} or {Units.Fraction}; got '{Unit}'.");
        if (Channels is not (1 or 3))
            throw new ArgumentException($"{camera}: depth channels must be 1 or 3; got {Channels}.");
        if (!(NearM >= 0 && FarM > NearM))
            throw new ArgumentException($"{camera}: depth range must satisfy 0 <= near < far; got [{NearM}, {FarM}] m.");
    }

    /// <summary>Encodes a 1-channel metric depth image (metres) as this encoding's float image.</summary>
    public CameraImage Encode(CameraImage metres)
    {
        if (!metres.IsFloat || metres.Channels != 1)
            throw new ArgumentException($"depth encoding takes a 1-channel float image in metres; got {metres.Height}x{metres.Width}x{metres.Channels}{(metres.IsFloat ? "" : " uint8")}.");
        var src = metres.Values!;
        var dst = new float[src.Length * Channels];
        bool unit = Unit == Units.Fraction;
        for (int i = 0; i < src.Length; i++)
        {
            double d = Math.Clamp(src[i], NearM, FarM);
            float v = (float)(unit ? (d - NearM) / (FarM - NearM) : d);
            for (int c = 0; c < Channels; c++) dst[i * Channels + c] = v;
        }
        return CameraImage.FromValues(metres.Height, metres.Width, Channels, dst);
    }
}
