using System.Diagnostics;
using System.Globalization;
using Harness.Core.Robots;

namespace Harness.Robots.Cameras;

/// <summary>
/// A stream URL OpenCV's bundled FFmpeg cannot open (it has no network protocols): RTSP and
/// others, decoded by an `ffmpeg` child process (Debian's, or $HARNESS_FFMPEG) into raw RGB
/// frames at the stream's own resolution (found with ffprobe first), read from its stdout.
/// </summary>
public sealed class FfmpegUrlReader : FrameReader
{
    private readonly Process _ffmpeg;
    private readonly Stream _stdout;
    private readonly int _height, _width;

    private FfmpegUrlReader(CameraSource source, Process ffmpeg, int height, int width) : base(source)
    {
        _ffmpeg = ffmpeg;
        _stdout = ffmpeg.StandardOutput.BaseStream;
        _height = height;
        _width = width;
    }

    public static string FfmpegPath => Environment.GetEnvironmentVariable("HARNESS_FFMPEG") is { Length: > 0 } p ? p : "ffmpeg";

    /// <summary>ffprobe next to the chosen ffmpeg (or on the PATH).</summary>
    private static string FfprobePath => FfmpegPath.Contains('/') ? Path.Combine(Path.GetDirectoryName(FfmpegPath)!, "ffprobe") : "ffprobe";

    public static FfmpegUrlReader Open(CameraSource source, TimeSpan timeout)
    {
        var (w, h) = Probe(source, timeout);
        var args = new List<string> { "-hide_banner", "-loglevel", "error", "-nostdin" };
        if (source.Location.StartsWith("rtsp://", StringComparison.OrdinalIgnoreCase)) args.AddRange(["-rtsp_transport", "tcp"]);
        args.AddRange(["-fflags", "nobuffer", "-flags", "low_delay", "-i", source.Location, "-an", "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"]);
        var process = Start(FfmpegPath, args, source);
        var reader = new FfmpegUrlReader(source, process, h, w);
        reader.StartReading();
        return reader;
    }

    private static (int W, int H) Probe(CameraSource source, TimeSpan timeout)
    {
        var args = new List<string> { "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height", "-of", "csv=p=0" };
        if (source.Location.StartsWith("rtsp://", StringComparison.OrdinalIgnoreCase)) args.AddRange(["-rtsp_transport", "tcp"]);
        args.Add(source.Location);
        using var p = Start(FfprobePath, args, source);
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            throw new CameraStreamException($"camera '{source.Name}': no video from {source.Location} within {timeout.TotalSeconds:0.#} s; check the URL and that the stream is live.");
        }
        var parts = output.Result.Trim().Split(',');
        if (p.ExitCode != 0 || parts.Length < 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out int w) || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out int h))
            throw new CameraStreamException($"camera '{source.Name}': ffprobe found no video stream at {source.Location}: {error.Result.Trim()}");
        return (w, h);
    }

    private static Process Start(string exe, IEnumerable<string> args, CameraSource source)
    {
        var info = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        try { return Process.Start(info) ?? throw new InvalidOperationException("no process"); }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new CameraStreamException($"camera '{source.Name}': cannot run {exe} ({e.Message}); install ffmpeg (./scripts/setup.sh does) or set HARNESS_FFMPEG.", e);
        }
    }

    protected override CameraImage? ReadFrame()
    {
        var pixels = new byte[_height * _width * 3];
        int got = 0;
        while (got < pixels.Length)
        {
            int n = _stdout.Read(pixels, got, pixels.Length - got);
            if (n <= 0) return null;
            got += n;
        }
        return new CameraImage(_height, _width, 3, pixels);
    }

    protected override void Close()
    {
        try { if (!_ffmpeg.HasExited) _ffmpeg.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { }
        _ffmpeg.Dispose();
    }
}
