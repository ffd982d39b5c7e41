using System.Diagnostics;
using Harness.Core.Robots;

namespace Harness.Robots.Cameras;

/// <summary>
/// A camera stream read on its own thread: each frame is decoded as it comes and kept as the
/// latest, so the control loop takes the newest picture without waiting. A reader that fails
/// (the stream ended, the device vanished) keeps the reason in <see cref="Failure"/>.
/// </summary>
public abstract class FrameReader : IDisposable
{
    private readonly Thread _thread;
    private volatile CameraFrame? _latest;
    private volatile Exception? _failure;
    private long _sequence;
    protected volatile bool Stopping;

    protected FrameReader(CameraSource source)
    {
        Source = source;
        _thread = new Thread(Loop) { IsBackground = true, Name = $"camera-{source.Name}" };
    }

    public CameraSource Source { get; }
    public string Name => Source.Name;
    public CameraFrame? Latest => _latest;
    public Exception? Failure => _failure;

    protected void StartReading() => _thread.Start();

    /// <summary>Blocks until the next frame (RGB) arrives; null when the stream ended.</summary>
    protected abstract CameraImage? ReadFrame();

    private void Loop()
    {
        try
        {
            while (!Stopping)
            {
                var image = ReadFrame();
                if (image is null)
                {
                    if (!Stopping) _failure = new CameraStreamException($"camera '{Name}' ({Source.Location}): the stream ended.");
                    return;
                }
                _latest = new CameraFrame(image, ++_sequence, Stopwatch.GetTimestamp(), CameraFrame.FingerprintOf(image.Pixels));
            }
        }
        catch (Exception e) when (!Stopping)
        {
            _failure = e as CameraStreamException ?? new CameraStreamException($"camera '{Name}' ({Source.Location}) failed: {e.Message}", e);
        }
        catch (Exception) { }
    }

    protected abstract void Close();

    public void Dispose()
    {
        if (Stopping) return;
        Stopping = true;
        Close();
        if (_thread.IsAlive && !_thread.Join(TimeSpan.FromSeconds(5)))
            _failure ??= new CameraStreamException($"camera '{Name}': the reader did not stop within 5 s.");
        GC.SuppressFinalize(this);
    }
}
