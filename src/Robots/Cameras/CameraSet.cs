using System.Diagnostics;
using Harness.Core.Robots;

namespace Harness.Robots.Cameras;

/// <summary>
/// The cameras of a real robot, exposed as <c>observation.images.&lt;name&gt;</c> with the
/// resolution the robot spec gives them. At open every camera must deliver frames of exactly that
/// size at (nearly) the control rate; afterwards each capture refuses a stale frame (the stream
/// stalled) and a frozen one (the same pixels for too long), so an episode never runs on a
/// picture of the past.
/// </summary>
public sealed class CameraSet : IDisposable
{
    private readonly Dictionary<string, FrameReader> _readers;
    private readonly Dictionary<string, (ulong Fingerprint, long Since)> _lastChange = [];
    private readonly CameraSetOptions _options;
    private readonly TimeSpan _stale;

    private CameraSet(Dictionary<string, FrameReader> readers, IReadOnlyList<CameraSpec> specs, CameraSetOptions options, double controlHz)
    {
        _readers = readers;
        Specs = specs;
        _options = options;
        _stale = options.StaleAfter ?? TimeSpan.FromSeconds(Math.Max(0.5, 5 / controlHz));
    }

    /// <summary>The cameras, with the resolution each delivers (equal to the spec's).</summary>
    public IReadOnlyList<CameraSpec> Specs { get; }

    public IReadOnlyList<string> Names => Specs.Select(s => s.Name).ToArray();

    /// <summary>Rates measured at open, frames per second, by camera.</summary>
    public IReadOnlyDictionary<string, double> MeasuredFps { get; private set; } = new Dictionary<string, double>();

    /// <summary>
    /// Opens every source and checks it against <paramref name="expected"/> (the spec's camera of
    /// the same name: resolution) and the control rate. Names must be cameras of the spec.
    /// </summary>
    public static CameraSet Open(IReadOnlyList<CameraSource> sources, IReadOnlyList<CameraSpec> expected, double controlHz, CameraSetOptions? options = null)
    {
        options ??= CameraSetOptions.Default;
        var specs = sources.Select(s => expected.FirstOrDefault(c => c.Name == s.Name) ?? throw new CameraStreamException(
            $"--cameras names '{s.Name}', which the robot's spec does not have; its cameras are: {string.Join(", ", expected.Select(c => c.Name))}. " +
            "Name each camera after the scene camera it stands for (the policy was given that name).")).ToArray();
        var readers = new Dictionary<string, FrameReader>();
        var set = new CameraSet(readers, specs, options, controlHz);
        try
        {
            foreach (var (source, spec) in sources.Zip(specs))
                readers[source.Name] = source.Kind switch
                {
                    CameraSourceKind.MjpegHttp => MjpegHttpReader.Open(source, options.OpenTimeout),
                    CameraSourceKind.FfmpegUrl => FfmpegUrlReader.Open(source, options.OpenTimeout),
                    _ => DeviceReader.Open(source, spec, controlHz),
                };
            set.CheckAtOpen(controlHz);
            return set;
        }
        catch
        {
            set.Dispose();
            throw;
        }
    }

    private void CheckAtOpen(double controlHz)
    {
        var fps = new Dictionary<string, double>();
        foreach (var spec in Specs)
        {
            var reader = _readers[spec.Name];
            var first = WaitForFrame(reader, 0, _options.OpenTimeout);
            if (first.Image.Height != spec.Height || first.Image.Width != spec.Width)
                throw new CameraStreamException(
                    $"camera '{spec.Name}' ({reader.Source.Location}) delivers {first.Image.Height}x{first.Image.Width}; the robot spec (and the policy) expect {spec.Height}x{spec.Width}. " +
                    "Set the camera to that resolution, or evaluate with the matching --image-size; images are never resized silently.");
            var end = first.ArrivedAt + (long)(_options.RateWindow.TotalSeconds * Stopwatch.Frequency);
            while (Stopwatch.GetTimestamp() < end) Thread.Sleep(5);
            var last = reader.Latest!;
            double seconds = Stopwatch.GetElapsedTime(first.ArrivedAt, last.ArrivedAt).TotalSeconds;
            double rate = seconds > 0 ? (last.Sequence - first.Sequence) / seconds : 0;
            fps[spec.Name] = rate;
            if (rate < _options.MinRateShare * controlHz)
                throw new CameraStreamException(
                    $"camera '{spec.Name}' ({reader.Source.Location}) delivers {rate:0.#} frames/s; the loop runs at {controlHz:0.#} Hz and needs at least {_options.MinRateShare * controlHz:0.#}. " +
                    "Lower the exposure time or the resolution, or check the USB bandwidth (one camera per USB controller).");
        }
        MeasuredFps = fps;
    }

    private static CameraFrame WaitForFrame(FrameReader reader, long after, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            if (reader.Failure is { } f) throw f;
            if (reader.Latest is { } frame && frame.Sequence > after) return frame;
            if (Stopwatch.GetTimestamp() > deadline)
                throw new CameraStreamException($"camera '{reader.Name}' ({reader.Source.Location}) sent no frame within {timeout.TotalSeconds:0.#} s.");
            Thread.Sleep(5);
        }
    }

    /// <summary>
    /// The newest frame of each named camera, by feature name; throws <see cref="CameraStreamException"/>
    /// when a stream failed, stalled (newest frame older than the stale limit) or froze.
    /// </summary>
    public Dictionary<string, CameraImage> Capture(IEnumerable<string> cameras)
    {
        var images = new Dictionary<string, CameraImage>();
        long now = Stopwatch.GetTimestamp();
        foreach (var name in cameras)
        {
            var reader = _readers.TryGetValue(name, out var r) ? r
                : throw new CameraStreamException($"no camera '{name}' is configured; configured: {string.Join(", ", _readers.Keys)}.");
            if (reader.Failure is { } failure) throw new CameraStreamException($"camera '{name}' stopped: {failure.Message}", failure);
            var frame = reader.Latest ?? throw new CameraStreamException($"camera '{name}' ({reader.Source.Location}) has delivered no frame.");
            var age = Stopwatch.GetElapsedTime(frame.ArrivedAt, now);
            if (age > _stale)
                throw new CameraStreamException(
                    $"camera '{name}' ({reader.Source.Location}) is stale: its newest frame is {age.TotalMilliseconds:0} ms old (limit {_stale.TotalMilliseconds:0} ms). " +
                    "The stream stalled (cable, USB bandwidth, camera server); the episode ends rather than run on an old picture.");
            if (!_lastChange.TryGetValue(name, out var change) || change.Fingerprint != frame.Fingerprint)
                _lastChange[name] = (frame.Fingerprint, frame.ArrivedAt);
            else if (Stopwatch.GetElapsedTime(change.Since, now) > _options.FrozenAfter)
                throw new CameraStreamException(
                    $"camera '{name}' ({reader.Source.Location}) is frozen: frames keep coming but every pixel has been the same for {Stopwatch.GetElapsedTime(change.Since, now).TotalSeconds:0.#} s " +
                    $"(limit {_options.FrozenAfter.TotalSeconds:0.#} s); a live sensor's noise always changes some. Restart the camera or its server.");
            images[FeatureNames.Image(name)] = frame.Image;
        }
        return images;
    }

    public void Dispose()
    {
        foreach (var r in _readers.Values) r.Dispose();
    }
}
