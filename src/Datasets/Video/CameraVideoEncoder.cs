using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Harness.Datasets.Video;

/// <summary>
/// Encodes one camera's RGB frames (H x W x 3, uint8) into an MP4 through an ffmpeg child process
/// fed on stdin. Frames keep a constant rate, so frame i is at i / fps.
/// </summary>
public sealed class CameraVideoEncoder : IDisposable
{
    private readonly Process _process;
    private readonly Stream _stdin;
    private readonly StringBuilder _stderr = new();
    private readonly int _frameBytes;
    private bool _finished;

    public CameraVideoEncoder(string path, int height, int width, int fps, VideoCodecChoice codec)
    {
        if (width % 2 != 0 || height % 2 != 0)
            throw new VideoException($"{path}: yuv420p video needs even frame sizes; the camera gives {height}x{width}.");
        Path = path;
        Height = height;
        Width = width;
        Codec = codec;
        _frameBytes = height * width * 3;
        var args = new List<string>
        {
            "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
            "-f", "rawvideo", "-pix_fmt", "rgb24", "-video_size", $"{width}x{height}",
            "-framerate", fps.ToString(CultureInfo.InvariantCulture), "-i", "pipe:0",
            "-an", "-c:v", codec.Encoder,
        };
        args.AddRange(codec.Options);
        args.AddRange(["-pix_fmt", VideoCodecChoice.PixelFormat, "-f", "mp4", path]);
        _process = Ffmpeg.Start(args, stdin: true, stdout: false);
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data); };
        _process.BeginErrorReadLine();
        _stdin = _process.StandardInput.BaseStream;
    }

    public string Path { get; }
    public int Height { get; }
    public int Width { get; }
    public VideoCodecChoice Codec { get; }
    public int Frames { get; private set; }

    public void Write(ReadOnlySpan<byte> rgb)
    {
        if (rgb.Length != _frameBytes)
            throw new ArgumentException($"{Path}: a frame has {rgb.Length} bytes; {Height}x{Width}x3 needs {_frameBytes}.");
        try
        {
            _stdin.Write(rgb);
        }
        catch (IOException e)
        {
            throw Failure($"ffmpeg stopped accepting frames ({e.Message})");
        }
        Frames++;
    }

    /// <summary>Closes the input and waits for ffmpeg; a failure carries ffmpeg's own message.</summary>
    public void Finish()
    {
        if (_finished) return;
        _finished = true;
        try { _stdin.Dispose(); } catch (IOException) { }
        _process.WaitForExit();
        if (_process.ExitCode != 0) throw Failure($"ffmpeg exited with code {_process.ExitCode}");
    }

    private VideoException Failure(string what)
    {
        _process.WaitForExit(5000);
        string err;
        lock (_stderr) err = _stderr.ToString().Trim();
        return new VideoException($"{Path}: {what} while encoding {Codec.Codec} ({Codec.Encoder}). ffmpeg said: {(err.Length == 0 ? "(nothing)" : err)}");
    }

    public void Dispose()
    {
        if (!_finished)
        {
            _finished = true;
            try { _stdin.Dispose(); } catch (IOException) { }
            if (!_process.WaitForExit(10000)) _process.Kill();
        }
        _process.Dispose();
    }
}
