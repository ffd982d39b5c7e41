using Harness.Core.Robots;
using Harness.Robots.Cameras;

namespace Harness.Tests.Robots.Cameras;

/// <summary>
/// Cameras as a real robot reads them, against a real MJPEG server on loopback: HTTP multipart
/// parsing, OpenCV JPEG decoding, the resolution and rate checks at open, and stale and frozen
/// streams detected during a run. ffmpeg's decoding of the same stream stands in for RTSP.
/// </summary>
public class CameraStreamTests
{
    private static readonly CameraSpec Top = new("top", 48, 64, 60);

    private static CameraSet Open(TestCameraPublisher pub, CameraSpec? spec = null, double hz = 30, CameraSetOptions? options = null) =>
        CameraSet.Open([new CameraSource("top", pub.Url)], [spec ?? Top], hz, options ?? new CameraSetOptions { RateWindow = TimeSpan.FromMilliseconds(500) });

    [Test]
    public void Frames_of_an_http_mjpeg_stream_are_decoded_by_opencv_as_the_named_image_feature()
    {
        using var pub = new TestCameraPublisher();
        using var set = Open(pub);
        var images = set.Capture(["top"]);
        Assert.That(images.Keys, Is.EqualTo(new[] { "observation.images.top" }));
        var img = images["observation.images.top"];
        Assert.That((img.Height, img.Width, img.Channels), Is.EqualTo((48, 64, 3)));
        // The gradient survives JPEG: red = 4 x column, green = 4 x row (within compression error).
        Assert.That(img.At(10, 40, 0), Is.EqualTo(160).Within(12));
        Assert.That(img.At(10, 40, 1), Is.EqualTo(40).Within(12));
        Assert.That(set.MeasuredFps["top"], Is.GreaterThan(24), "the publisher sends up to 60 frames/s");
    }

    [Test]
    public void A_camera_with_another_resolution_than_the_spec_is_refused_at_open()
    {
        using var pub = new TestCameraPublisher(height: 48, width: 64);
        var ex = Assert.Throws<CameraStreamException>(() => Open(pub, new CameraSpec("top", 480, 640, 60)));
        Assert.That(ex!.Message, Does.Contain("delivers 48x64").And.Contain("expect 480x640").And.Contain("never resized"));
    }

    [Test]
    public void A_camera_slower_than_the_control_rate_is_refused_at_open()
    {
        using var pub = new TestCameraPublisher(fps: 5);
        var ex = Assert.Throws<CameraStreamException>(() => Open(pub));
        Assert.That(ex!.Message, Does.Contain("frames/s").And.Contain("the loop runs at 30 Hz and needs at least 24"));
    }

    [Test]
    public void A_stalled_stream_is_stale_and_capture_says_so()
    {
        using var pub = new TestCameraPublisher();
        using var set = Open(pub, options: new CameraSetOptions { RateWindow = TimeSpan.FromMilliseconds(300), StaleAfter = TimeSpan.FromMilliseconds(300) });
        Assert.DoesNotThrow(() => set.Capture(["top"]));
        pub.Stall();
        Thread.Sleep(600);
        var ex = Assert.Throws<CameraStreamException>(() => set.Capture(["top"]));
        Assert.That(ex!.Message, Does.Contain("camera 'top'").And.Contain("is stale").And.Contain("limit 300 ms"));
    }

    [Test]
    public void A_stream_repeating_the_same_picture_is_frozen_and_capture_says_so()
    {
        using var pub = new TestCameraPublisher();
        using var set = Open(pub, options: new CameraSetOptions { RateWindow = TimeSpan.FromMilliseconds(300), FrozenAfter = TimeSpan.FromMilliseconds(400) });
        pub.Freeze();
        Thread.Sleep(100);
        Assert.DoesNotThrow(() => set.Capture(["top"]), "the first repeated picture starts the clock");
        Thread.Sleep(700);
        var ex = Assert.Throws<CameraStreamException>(() => set.Capture(["top"]));
        Assert.That(ex!.Message, Does.Contain("is frozen").And.Contain("limit 0.4 s"));
    }

    [Test]
    public void A_live_stream_is_neither_stale_nor_frozen_over_a_second_of_captures()
    {
        using var pub = new TestCameraPublisher();
        using var set = Open(pub, options: new CameraSetOptions { RateWindow = TimeSpan.FromMilliseconds(300), FrozenAfter = TimeSpan.FromMilliseconds(300), StaleAfter = TimeSpan.FromMilliseconds(300) });
        for (int i = 0; i < 30; i++)
        {
            Assert.DoesNotThrow(() => set.Capture(["top"]));
            Thread.Sleep(33);
        }
    }

    [Test]
    public void The_ffmpeg_reader_decodes_the_same_stream_at_its_own_resolution()
    {
        using var pub = new TestCameraPublisher();
        using var reader = FfmpegUrlReader.Open(new CameraSource("top", pub.Url), TimeSpan.FromSeconds(10));
        Wait.Until(() => reader.Latest is not null || reader.Failure is not null, "a frame from ffmpeg");
        Assert.That(reader.Failure, Is.Null);
        var img = reader.Latest!.Image;
        Assert.That((img.Height, img.Width), Is.EqualTo((48, 64)));
        Assert.That(img.At(10, 40, 0), Is.EqualTo(160).Within(12));
    }

    [Test]
    public void A_url_that_is_not_an_mjpeg_stream_is_refused_with_what_it_serves()
    {
        using var pub = new TestCameraPublisher();
        var root = pub.Url[..pub.Url.LastIndexOf('/')] + "/";
        var ex = Assert.Throws<CameraStreamException>(() => CameraSet.Open([new CameraSource("top", root)], [Top], 30));
        Assert.That(ex!.Message, Does.Contain("text/plain").And.Contain("not an MJPEG stream"));
        var missing = Assert.Throws<CameraStreamException>(() => CameraSet.Open([new CameraSource("top", pub.Url.Replace("top", "nope"))], [Top], 30));
        Assert.That(missing!.Message, Does.Contain("404"));
    }

    [Test]
    public void Kernel_numbered_devices_and_missing_stable_paths_are_refused_with_what_to_use()
    {
        var numbered = Assert.Throws<CameraStreamException>(() => DeviceReader.RequireStablePath(new CameraSource("top", "/dev/video0")));
        Assert.That(numbered!.Message, Does.Contain("can change at the next boot").And.Contain("/dev/v4l/by-"));
        var missing = Assert.Throws<CameraStreamException>(() => DeviceReader.Open(new CameraSource("top", "/dev/v4l/by-id/usb-none-video-index0"), Top, 30));
        Assert.That(missing!.Message, Does.Contain("does not exist"));
    }

    [Test]
    public void Camera_names_must_be_cameras_of_the_spec_and_given_once()
    {
        var ex = Assert.Throws<CameraStreamException>(() => CameraSet.Open([new CameraSource("side", "http://127.0.0.1:9/side.mjpg")], [Top], 30));
        Assert.That(ex!.Message, Does.Contain("'side'").And.Contain("its cameras are: top"));
        Assert.That(() => CameraSource.ParseAll(["top=/dev/v4l/by-id/a,top=/dev/v4l/by-id/b"]), Throws.ArgumentException.With.Message.Contains("more than once"));
        Assert.That(CameraSource.Parse("top=rtsp://cam/1").Kind, Is.EqualTo(CameraSourceKind.FfmpegUrl));
        Assert.That(CameraSource.Parse("top=http://cam/1.mjpg").Kind, Is.EqualTo(CameraSourceKind.MjpegHttp));
        Assert.That(CameraSource.Parse("top=/dev/v4l/by-id/x").Kind, Is.EqualTo(CameraSourceKind.Device));
        Assert.That(() => CameraSource.Parse("top"), Throws.ArgumentException.With.Message.Contains("name=LOCATION"));
    }
}
