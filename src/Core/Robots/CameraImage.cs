namespace Harness.Core.Robots;

/// <summary>
/// An upright image, row-major HxWxC: uint8 RGB in <see cref="Pixels"/>, or, for float images
/// such as metric depth, float32 values in <see cref="Values"/> (then <see cref="Pixels"/> is empty).
/// </summary>
public sealed record CameraImage(int Height, int Width, int Channels, byte[] Pixels)
{
    /// <summary>Float32 values (row-major HxWxC) of a float image; null for uint8 images.</summary>
    public float[]? Values { get; init; }

    public bool IsFloat => Values is not null;

    /// <summary>A float image (e.g. depth in metres, HxWx1).</summary>
    public static CameraImage FromValues(int height, int width, int channels, float[] values)
    {
        if (values.Length != height * width * channels)
            throw new ArgumentException($"a {height}x{width}x{channels} float image needs {height * width * channels} values; got {values.Length}.");
        return new CameraImage(height, width, channels, []) { Values = values };
    }

    public byte At(int row, int col, int channel) => IsFloat
        ? throw new InvalidOperationException($"this is a float image ({Height}x{Width}x{Channels}); read it with ValueAt.")
        : Pixels[(row * Width + col) * Channels + channel];

    public float ValueAt(int row, int col, int channel = 0) => Values is { } v
        ? v[(row * Width + col) * Channels + channel]
        : throw new InvalidOperationException($"this is a uint8 image ({Height}x{Width}x{Channels}); read it with At.");
}
