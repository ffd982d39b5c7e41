namespace Harness.Core.Robots;

/// <summary>An upright image, row-major HxWxC uint8 (RGB).</summary>
public sealed record CameraImage(int Height, int Width, int Channels, byte[] Pixels)
{
    public byte At(int row, int col, int channel) => Pixels[(row * Width + col) * Channels + channel];
}
