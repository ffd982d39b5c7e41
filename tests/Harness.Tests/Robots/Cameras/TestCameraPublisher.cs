using Harness.Core.Robots;
using Harness.Robots.Cameras;
using Harness.Robots.Virtual.Cameras;

namespace Harness.Tests.Robots.Cameras;

/// <summary>
/// Publishes frames to a real MJPEG server on loopback at a given rate: a gradient whose
/// brightness changes every frame (a live camera), or, once <see cref="Freeze"/> is called, the
/// same JPEG again and again (a frozen one), or nothing after <see cref="Stall"/> (a stalled one).
/// </summary>
internal sealed class TestCameraPublisher : IDisposable
{
    private readonly Thread _thread;
    private volatile bool _stop, _stall, _freeze;

    // 60 frames/s by default: twice the loop's rate, so a loaded test machine still passes the rate check.
    public TestCameraPublisher(string camera = "top", int height = 48, int width = 64, double fps = 60)
    {
        Server = MjpegServer.Start([camera]);
        Camera = camera;
        _thread = new Thread(() =>
        {
            byte[]? frozen = null;
            for (int n = 0; !_stop; n++)
            {
                if (!_stall)
                {
                    var jpeg = _freeze ? frozen ??= OpenCvImages.EncodeJpeg(Frame(height, width, n)) : OpenCvImages.EncodeJpeg(Frame(height, width, n));
                    Server.Publish(camera, jpeg);
                }
                Thread.Sleep(TimeSpan.FromSeconds(1 / fps));
            }
        }) { IsBackground = true };
        _thread.Start();
    }

    public MjpegServer Server { get; }
    public string Camera { get; }
    public string Url => Server.Url(Camera);

    /// <summary>Row r, column c, frame n: red = 4c, green = 4r, blue = 2n mod 256.</summary>
    public static CameraImage Frame(int height, int width, int n)
    {
        var px = new byte[height * width * 3];
        for (int r = 0; r < height; r++)
            for (int c = 0; c < width; c++)
            {
                int i = (r * width + c) * 3;
                px[i] = (byte)(4 * c);
                px[i + 1] = (byte)(4 * r);
                px[i + 2] = (byte)(2 * n % 256);
            }
        return new CameraImage(height, width, 3, px);
    }

    public void Stall() => _stall = true;
    public void Freeze() => _freeze = true;

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
        Server.Dispose();
    }
}
