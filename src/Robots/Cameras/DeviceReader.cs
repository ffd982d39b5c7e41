using Harness.Core.Robots;
using OpenCvSharp;

namespace Harness.Robots.Cameras;

/// <summary>
/// A V4L2 camera (USB webcams, RealSense colour streams) through OpenCV, as LeRobot's OpenCV
/// cameras read them: opened by a stable path (/dev/v4l/by-id/... or by-path/...), asked for the
/// resolution and rate the robot spec needs (MJPG, which most USB cameras need for 30 fps at
/// 640x480 and above); what the device actually delivers is checked by <see cref="CameraSet"/>.
/// </summary>
public sealed class DeviceReader : FrameReader
{
    private readonly VideoCapture _capture;
    private readonly Mat _frame = new();

    private DeviceReader(CameraSource source, VideoCapture capture) : base(source) => _capture = capture;

    public static DeviceReader Open(CameraSource source, CameraSpec expected, double fps)
    {
        RequireStablePath(source);
        if (!File.Exists(source.Location))
            throw new CameraStreamException(
                $"camera '{source.Name}': {source.Location} does not exist. Plugged in? The stable names of the cameras here are: {StableNames()}.");
        var capture = new VideoCapture(source.Location, VideoCaptureAPIs.V4L2);
        if (!capture.IsOpened())
        {
            capture.Dispose();
            throw new CameraStreamException(
                $"camera '{source.Name}': OpenCV cannot open {source.Location} as a V4L2 device (busy in another program? permissions: add yourself to the 'video' group).");
        }
        capture.Set(VideoCaptureProperties.FourCC, VideoWriter.FourCC('M', 'J', 'P', 'G'));
        capture.Set(VideoCaptureProperties.FrameWidth, expected.Width);
        capture.Set(VideoCaptureProperties.FrameHeight, expected.Height);
        capture.Set(VideoCaptureProperties.Fps, fps);
        var reader = new DeviceReader(source, capture);
        reader.StartReading();
        return reader;
    }

    /// <summary>/dev/videoN numbers change across reboots and replugs: cameras would swap names silently.</summary>
    public static void RequireStablePath(CameraSource source)
    {
        string full = Path.GetFullPath(source.Location);
        if (!System.Text.RegularExpressions.Regex.IsMatch(full, @"^/dev/video\d+$")) return;
        var same = StableLinks().Where(l => ResolvesTo(l, full)).ToArray();
        throw new CameraStreamException(
            $"camera '{source.Name}': {source.Location} is numbered by the kernel and the number can change at the next boot or replug, silently swapping cameras. " +
            (same.Length > 0 ? $"Use its stable name: {string.Join(" or ", same)}." : $"Use a stable name under /dev/v4l/by-id or /dev/v4l/by-path ({StableNames()})."));
    }

    private static IEnumerable<string> StableLinks() =>
        new[] { "/dev/v4l/by-id", "/dev/v4l/by-path" }.Where(Directory.Exists).SelectMany(Directory.EnumerateFileSystemEntries).Order();

    private static bool ResolvesTo(string link, string target)
    {
        try { return new FileInfo(link).ResolveLinkTarget(returnFinalTarget: true)?.FullName == target; }
        catch (IOException) { return false; }
    }

    private static string StableNames()
    {
        var all = StableLinks().ToArray();
        return all.Length == 0 ? "none found (no V4L2 camera is connected)" : string.Join(", ", all);
    }

    protected override CameraImage? ReadFrame()
    {
        if (!_capture.Read(_frame) || _frame.Empty()) return null;
        return OpenCvImages.FromBgr(_frame);
    }

    protected override void Close()
    {
        // VideoCapture.Read blocks until a frame or an error; releasing the device ends it.
        _capture.Release();
        _capture.Dispose();
        _frame.Dispose();
    }
}
