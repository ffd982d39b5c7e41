using System.Globalization;
using System.Text;
using Harness.Core.Robots;

namespace Harness.Datasets.Video;

/// <summary>
/// Decodes frames of one camera's MP4 with ffmpeg (AV1 through libdav1d, H.264, HEVC). An episode's
/// frame i is at <c>from_timestamp + i / fps</c>; decoding starts half a frame before the first
/// wanted timestamp so the frame nearest to it (within LeRobot's 1e-4 s tolerance) comes first.
/// </summary>
public static class VideoFrameDecoder
{
    public static IReadOnlyList<CameraImage> Decode(string path, double fromTimestamp, int count, int fps, int height, int width)
    {
        if (!File.Exists(path))
            throw new VideoException($"{path}: video not found; expected the camera's frames here.");
        if (count <= 0) return [];
        double start = Math.Max(0, fromTimestamp - 0.5 / fps);
        var args = new List<string>
        {
            "-hide_banner", "-loglevel", "error", "-nostdin",
            "-ss", start.ToString("0.######", CultureInfo.InvariantCulture), "-i", path,
            "-frames:v", count.ToString(CultureInfo.InvariantCulture),
            "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1",
        };
        using var p = Ffmpeg.Start(args, stdin: false, stdout: true);
        var stderr = new StringBuilder();
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        p.BeginErrorReadLine();
        int frameBytes = height * width * 3;
        var frames = new List<CameraImage>(count);
        var stdout = p.StandardOutput.BaseStream;
        while (frames.Count < count)
        {
            var buffer = new byte[frameBytes];
            int read = 0;
            while (read < frameBytes)
            {
                int n = stdout.Read(buffer, read, frameBytes - read);
                if (n == 0) break;
                read += n;
            }
            if (read < frameBytes) break;
            frames.Add(new CameraImage(height, width, 3, buffer));
        }
        p.WaitForExit();
        string err;
        lock (stderr) err = stderr.ToString().Trim();
        if (p.ExitCode != 0)
            throw new VideoException($"{path}: ffmpeg could not decode it (exit code {p.ExitCode}): {err}");
        if (frames.Count < count)
            throw new VideoException($"{path}: expected {count} frames of {height}x{width} from {fromTimestamp:0.####} s, the video gave {frames.Count}. The video is shorter than the episode or its size differs from meta/info.json. {err}");
        return frames;
    }
}
