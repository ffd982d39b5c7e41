namespace Harness.Robots.Cameras;

/// <summary>How a camera is reached.</summary>
public enum CameraSourceKind
{
    /// <summary>A V4L2 device by a stable path (/dev/v4l/by-id/..., /dev/v4l/by-path/...), read through OpenCV.</summary>
    Device,
    /// <summary>An MJPEG stream over HTTP (multipart/x-mixed-replace), frames decoded by OpenCV.</summary>
    MjpegHttp,
    /// <summary>Any other stream URL (RTSP, ...), decoded by an ffmpeg child process.</summary>
    FfmpegUrl,
}

/// <summary>
/// One camera of a real robot: the name the policy knows it by (the feature is
/// <c>observation.images.&lt;name&gt;</c>) and where it is: <c>name=/dev/v4l/by-id/...</c>,
/// <c>name=http://host:port/path</c> (MJPEG) or <c>name=rtsp://...</c>.
/// </summary>
public sealed record CameraSource(string Name, string Location)
{
    public CameraSourceKind Kind =>
        Location.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || Location.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? CameraSourceKind.MjpegHttp
        : Location.Contains("://", StringComparison.Ordinal) ? CameraSourceKind.FfmpegUrl
        : CameraSourceKind.Device;

    /// <summary>Parses <c>name=location</c>.</summary>
    public static CameraSource Parse(string text)
    {
        int eq = text.IndexOf('=');
        if (eq <= 0 || eq == text.Length - 1)
            throw new ArgumentException(
                $"--cameras expects name=LOCATION (e.g. overhead_cam=/dev/v4l/by-id/usb-...-video-index0 or wrist_cam=http://127.0.0.1:8080/wrist_cam.mjpg); got '{text}'.");
        return new CameraSource(text[..eq].Trim(), text[(eq + 1)..].Trim());
    }

    /// <summary>Parses a comma-separated list (or several options) of <c>name=location</c>; names must be distinct.</summary>
    public static IReadOnlyList<CameraSource> ParseAll(IEnumerable<string> texts)
    {
        var all = texts.SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Select(Parse).ToList();
        var twice = all.GroupBy(c => c.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        if (twice.Length > 0) throw new ArgumentException($"--cameras names {string.Join(", ", twice)} more than once; give each camera one location.");
        return all;
    }
}
