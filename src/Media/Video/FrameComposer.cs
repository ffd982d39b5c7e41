using Harness.Core.Robots;

namespace Harness.Media.Video;

/// <summary>
/// Lays camera images of equal size side by side, labels each with its camera name, and adds a
/// caption bar underneath. Frame sizes are even, as H.264 in yuv420p requires.
/// </summary>
public sealed class FrameComposer
{
    private static readonly (byte, byte, byte) White = (235, 235, 235);
    private readonly IReadOnlyList<string> _labels;

    public FrameComposer(int tileHeight, int tileWidth, IReadOnlyList<string> labels)
    {
        if (labels.Count == 0) throw new ArgumentException("a video needs at least one camera.");
        TileHeight = tileHeight;
        TileWidth = tileWidth;
        _labels = labels;
        Scale = tileHeight >= 360 ? 2 : 1;
        BarHeight = (BitmapFont.GlyphHeight + 6) * Scale;
        Width = (tileWidth * labels.Count + 1) & ~1;
        Height = (tileHeight + BarHeight + 1) & ~1;
    }

    public int TileHeight { get; }
    public int TileWidth { get; }
    public int Scale { get; }
    public int BarHeight { get; }
    public int Width { get; }
    public int Height { get; }

    /// <summary>Composes one frame (RGB, Height x Width x 3) into <paramref name="frame"/>.</summary>
    public void Compose(IReadOnlyList<CameraImage> tiles, string caption, Span<byte> frame)
    {
        if (tiles.Count != _labels.Count)
            throw new ArgumentException($"expected {_labels.Count} camera images, got {tiles.Count}.");
        if (frame.Length != Width * Height * 3)
            throw new ArgumentException($"frame buffer has {frame.Length} bytes; {Height}x{Width} RGB needs {Width * Height * 3}.");
        frame.Clear();
        for (int t = 0; t < tiles.Count; t++)
        {
            var img = tiles[t];
            if (img.Height != TileHeight || img.Width != TileWidth || img.Channels != 3)
                throw new ArgumentException($"camera '{_labels[t]}' image is {img.Height}x{img.Width}x{img.Channels}; expected {TileHeight}x{TileWidth}x3.");
            int rowBytes = TileWidth * 3;
            for (int y = 0; y < TileHeight; y++)
                img.Pixels.AsSpan(y * rowBytes, rowBytes).CopyTo(frame.Slice((y * Width + t * TileWidth) * 3, rowBytes));
            Label(frame, t * TileWidth, _labels[t]);
        }
        int pad = 3 * Scale;
        BitmapFont.Draw(frame, Width, Height, pad, TileHeight + pad, caption, Scale, White);
    }

    // Camera name on a dark box in the tile's top-left corner, readable on any background.
    private void Label(Span<byte> frame, int x0, string text)
    {
        int pad = 2 * Scale;
        int w = BitmapFont.Measure(text, Scale) + 2 * pad, h = BitmapFont.GlyphHeight * Scale + 2 * pad;
        for (int y = 0; y < Math.Min(h, TileHeight); y++)
            for (int x = x0; x < Math.Min(x0 + w, x0 + TileWidth); x++)
            {
                int o = (y * Width + x) * 3;
                frame[o] = (byte)(frame[o] / 3); frame[o + 1] = (byte)(frame[o + 1] / 3); frame[o + 2] = (byte)(frame[o + 2] / 3);
            }
        BitmapFont.Draw(frame, Width, Height, x0 + pad, pad, text, Scale, White);
    }
}
