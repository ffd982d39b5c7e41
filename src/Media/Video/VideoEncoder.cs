using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Harness.Media.Video;

/// <summary>
/// Encodes raw RGB frames to an MP4 file (H.264 libx264, yuv420p) through an ffmpeg child
/// process fed on stdin. ffmpeg's stderr is kept for error messages.
/// </summary>
public sealed class VideoEncoder : IDisposable
{
    /// <summary>Path of the ffmpeg executable when it is not "ffmpeg" on PATH.</summary>
    public const string FfmpegVariable = "HARNESS_FFMPEG";

    private readonly Process _process;
    private readonly Stream _stdin;
    private readonly StringBuilder _stderr = new();
    private readonly int _frameBytes;
    private bool _finished;

    private VideoEncoder(Process process, string path, int width, int height)
    {
        _process = process;
        _stdin = process.StandardInput.BaseStream;
        Path = path;
        Width = width;
        Height = height;
        _frameBytes = width * height * 3;
    }

    public string Path { get; }
    public int Width { get; }
    public int Height { get; }
    public int Frames { get; private set; }

    public static string FfmpegPath => Environment.GetEnvironmentVariable(FfmpegVariable) is { Length: > 0 } p ? p : "ffmpeg";

    /// <summary>Checks once that ffmpeg runs and has libx264; throws with how to install it otherwise.</summary>
    public static void EnsureAvailable()
    {
        string exe = FfmpegPath;
        try
        {
            using var p = Process.Start(new ProcessStartInfo(exe, ["-hide_banner", "-encoders"])
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            })!;
            var errTask = p.StandardError.ReadToEndAsync();
            string encoders = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            if (!encoders.Contains("libx264", StringComparison.Ordinal))
                throw new VideoUnavailableException(
                    $"'{exe}' has no libx264 encoder, which videos need (H.264). Install Debian's ffmpeg (./scripts/setup.sh, or sudo apt-get install ffmpeg), or point {FfmpegVariable} to a build with libx264. {errTask.Result.Trim()}");
        }
        catch (Win32Exception ex)
        {
            throw new VideoUnavailableException(
                $"videos need ffmpeg, but '{exe}' could not be started ({ex.Message}). It comes from the Debian package ffmpeg: run ./scripts/setup.sh (or sudo apt-get install ffmpeg), or set {FfmpegVariable} to its path.");
        }
    }

    public static VideoEncoder Start(string path, int width, int height, double fps)
    {
        if (width % 2 != 0 || height % 2 != 0)
            throw new ArgumentException($"H.264 in yuv420p needs even frame sizes; got {width}x{height}.");
        var psi = new ProcessStartInfo(FfmpegPath)
        {
            RedirectStandardInput = true, RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
        };
        foreach (var a in new[]
                 {
                     "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                     "-f", "rawvideo", "-pix_fmt", "rgb24", "-video_size", $"{width}x{height}",
                     "-framerate", fps.ToString("0.###", CultureInfo.InvariantCulture), "-i", "pipe:0",
                     "-an", "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p",
                     "-movflags", "+faststart", "-f", "mp4", path,
                 })
            psi.ArgumentList.Add(a);
        Process p;
        try { p = Process.Start(psi)!; }
        catch (Win32Exception ex)
        {
            throw new VideoUnavailableException(
                $"videos need ffmpeg, but '{FfmpegPath}' could not be started ({ex.Message}). Run ./scripts/setup.sh (Debian package ffmpeg) or set {FfmpegVariable}.");
        }
        var enc = new VideoEncoder(p, path, width, height);
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (enc._stderr) enc._stderr.AppendLine(e.Data); };
        p.BeginErrorReadLine();
        p.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        return enc;
    }

    public void WriteFrame(ReadOnlySpan<byte> rgb)
    {
        if (rgb.Length != _frameBytes)
            throw new ArgumentException($"frame has {rgb.Length} bytes; {Height}x{Width} RGB needs {_frameBytes}.");
        try { _stdin.Write(rgb); }
        catch (IOException ex) { throw Failure($"ffmpeg stopped accepting frames ({ex.Message})"); }
        Frames++;
    }

    /// <summary>Closes the input and waits for ffmpeg; throws with its stderr when it failed.</summary>
    public void Finish()
    {
        if (_finished) return;
        _finished = true;
        try { _stdin.Dispose(); }
        catch (IOException) { }
        if (!_process.WaitForExit(120_000))
        {
            _process.Kill();
            throw Failure("ffmpeg did not finish within 120 s");
        }
        _process.WaitForExit(); // drains the stderr reader
        if (_process.ExitCode != 0) throw Failure($"ffmpeg exited with code {_process.ExitCode}");
    }

    private VideoEncodingException Failure(string what)
    {
        if (!_process.HasExited) _process.WaitForExit(5000);
        string err;
        lock (_stderr) err = _stderr.ToString().Trim();
        return new VideoEncodingException($"{what} while writing {Path}: {(err.Length > 0 ? err : "(no output on stderr)")}");
    }

    public void Dispose()
    {
        if (!_finished)
        {
            _finished = true;
            try { _stdin.Dispose(); } catch (IOException) { }
            try { if (!_process.WaitForExit(10_000)) _process.Kill(); } catch (InvalidOperationException) { }
        }
        _process.Dispose();
    }
}

/// <summary>ffmpeg is missing or lacks what videos need.</summary>
public sealed class VideoUnavailableException(string message) : Exception(message);

/// <summary>ffmpeg failed while encoding; the message carries its stderr.</summary>
public sealed class VideoEncodingException(string message) : Exception(message);
