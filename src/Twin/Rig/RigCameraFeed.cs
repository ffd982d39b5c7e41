using Harness.Core.Randomness;
using Harness.Core.Robots;
using Harness.Robots.Cameras;
using Harness.Robots.Virtual.Cameras;
using Harness.Sim.Native;
using Harness.Sim.Rendering;

namespace Harness.Twin.Rig;

/// <summary>
/// The virtual rig's cameras: the scene's cameras rendered from the live simulation and published
/// as MJPEG streams. Only cameras someone is watching are rendered, at most <c>fps</c> times a
/// second each, on one thread that owns the GL context. Like a real sensor, every frame carries a
/// little noise (a still scene must not look like a frozen stream).
/// </summary>
public sealed class RigCameraFeed : IDisposable
{
    /// <summary>Noise added to each pixel channel: at most this many levels either way.</summary>
    public const int NoiseLevels = 2;

    private readonly MujocoServoPlant _plant;
    private readonly MjpegServer _server;
    private readonly int _height, _width;
    private readonly double _fps;
    private readonly GlBackend _gl;
    private readonly Thread _thread;
    private readonly SeededRandom _noise = new(0x5EED);
    private volatile bool _stopping;
    private volatile Exception? _failure;

    public RigCameraFeed(MujocoServoPlant plant, MjpegServer server, int height, int width, double fps, GlBackend gl)
    {
        if (fps <= 0) throw new ArgumentOutOfRangeException(nameof(fps), "--camera-fps must be positive.");
        _plant = plant;
        _server = server;
        _height = height;
        _width = width;
        _fps = fps;
        _gl = gl;
        _thread = new Thread(Loop) { IsBackground = true, Name = "rig-cameras" };
        _thread.Start();
    }

    /// <summary>Why rendering stopped (no GL, ...), if it did.</summary>
    public Exception? Failure => _failure;

    public long FramesRendered => Interlocked.Read(ref _frames);
    private long _frames;

    private void Loop()
    {
        CameraRenderer? renderer = null;
        MjData? scratch = null;
        try
        {
            var period = TimeSpan.FromSeconds(1 / _fps);
            var next = DateTime.UtcNow;
            while (!_stopping)
            {
                var watched = _server.Cameras.Where(c => _server.Viewers(c) > 0).ToArray();
                if (watched.Length > 0)
                {
                    renderer ??= new CameraRenderer(_plant.Model, _height, _width, _gl);
                    scratch ??= new MjData(_plant.Model);
                    _plant.CopyStateTo(scratch);
                    foreach (var camera in watched)
                    {
                        var image = renderer.Render(scratch, _plant.Scene.Camera(camera)!.MjcfCamera);
                        _server.Publish(camera, OpenCvImages.EncodeJpeg(AddNoise(image)));
                        Interlocked.Increment(ref _frames);
                    }
                }
                next += period;
                var wait = next - DateTime.UtcNow;
                if (wait > TimeSpan.Zero) Thread.Sleep(wait);
                else next = DateTime.UtcNow; // behind: no burst of catch-up frames
            }
        }
        catch (Exception e) when (!_stopping)
        {
            _failure = e;
            Console.Error.WriteLine($"sim-bus: the cameras stopped: {e.Message}");
        }
        finally
        {
            renderer?.Dispose();
            scratch?.Dispose();
        }
    }

    private CameraImage AddNoise(CameraImage image)
    {
        var px = image.Pixels;
        ulong bits = 0;
        for (int i = 0; i < px.Length; i++)
        {
            if ((i & 7) == 0) bits = _noise.NextUInt64();
            int delta = (int)(bits & 7) % (2 * NoiseLevels + 1) - NoiseLevels;
            bits >>= 8;
            px[i] = (byte)Math.Clamp(px[i] + delta, 0, 255);
        }
        return image;
    }

    public void Dispose()
    {
        _stopping = true;
        _thread.Join();
    }
}
