using Harness.Core.Robots;

namespace Harness.Datasets.Writing;

/// <summary>
/// One camera's raw frames of the episode being recorded, kept in a file until the episode is kept
/// (then streamed to the encoder) or discarded. Memory stays flat however long the episode is.
/// </summary>
internal sealed class FrameSpool : IDisposable
{
    private readonly FileStream _file;

    public FrameSpool(string path, int height, int width)
    {
        Path = path;
        Height = height;
        Width = width;
        _file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
    }

    public string Path { get; }
    public int Height { get; }
    public int Width { get; }
    public int Count { get; private set; }
    private int FrameBytes => Height * Width * 3;

    public void Append(CameraImage image, string feature)
    {
        if (image.Height != Height || image.Width != Width || image.Channels != 3)
            throw new ArgumentException($"camera '{feature}' gave a {image.Height}x{image.Width}x{image.Channels} image; the dataset records {Height}x{Width}x3.");
        _file.Seek((long)Count * FrameBytes, SeekOrigin.Begin);
        _file.Write(image.Pixels, 0, FrameBytes);
        Count++;
    }

    public CameraImage Read(int index)
    {
        var buffer = new byte[FrameBytes];
        _file.Seek((long)index * FrameBytes, SeekOrigin.Begin);
        _file.ReadExactly(buffer);
        return new CameraImage(Height, Width, 3, buffer);
    }

    /// <summary>Calls <paramref name="frame"/> with every frame in order (one reused buffer).</summary>
    public void ForEach(Action<ReadOnlyMemory<byte>> frame)
    {
        var buffer = new byte[FrameBytes];
        _file.Seek(0, SeekOrigin.Begin);
        for (int i = 0; i < Count; i++)
        {
            _file.ReadExactly(buffer);
            frame(buffer);
        }
    }

    public void Dispose() => _file.Dispose();
}
