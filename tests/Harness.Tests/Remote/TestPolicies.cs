using Harness.Core.Policies;
using Harness.Core.Robots;

namespace Harness.Tests.Remote;

/// <summary>
/// A deterministic policy whose chunk depends on every input (state, other vectors, image bytes,
/// task, step, and how many steps since its last reset), so any loss in transport shows up.
/// Prompt "fail" makes it throw.
/// </summary>
public sealed class EchoingTestPolicy(int horizon = 4, int dim = 3) : IPolicy
{
    public int Resets { get; private set; }
    public int CallsSinceReset { get; private set; }
    public bool Disposed { get; private set; }
    public string Name => "echo-test";
    public PolicyInputs Inputs => PolicyInputs.StateOnly;
    public ExecutionHint Hint => ExecutionHint.Default;

    public void Reset() { Resets++; CallsSinceReset = 0; }

    public ActionChunk Infer(Observation observation, string task)
    {
        if (task == "fail") throw new InvalidOperationException("test policy was told to fail");
        if (task == "io") throw new IOException("checkpoint file vanished");
        double vectors = observation.Vectors.OrderBy(v => v.Key, StringComparer.Ordinal)
            .SelectMany(v => v.Value.Select((x, i) => x * (i + 1) + v.Key.Length)).Sum();
        double pixels = observation.Images.OrderBy(i => i.Key, StringComparer.Ordinal)
            .Sum(i => i.Value.Pixels.Select((p, k) => (double)p * (k % 7 + 1)).Sum() + i.Value.Height * 1000 + i.Value.Width);
        double call = CallsSinceReset++;
        var rows = new double[horizon][];
        for (int t = 0; t < horizon; t++)
        {
            rows[t] = new double[dim];
            for (int j = 0; j < dim; j++)
                rows[t][j] = vectors * (j + 1) + pixels / 1e3 + task.Length * 0.1 + observation.Step * 0.01 + observation.Time + t * 0.5 + call * 100;
        }
        return new ActionChunk(rows);
    }

    public void Dispose() => Disposed = true;
}

public static class TestObservations
{
    public static Observation Make(int step = 3, int cameraHeight = 0, int cameraWidth = 0, int seed = 1)
    {
        var rng = new Random(seed);
        var vectors = new Dictionary<string, double[]>
        {
            [FeatureNames.State] = Enumerable.Range(0, 6).Select(_ => rng.NextDouble() * 180 - 90).ToArray(),
            [FeatureNames.EnvironmentState] = [Math.PI, -1e-300, 123456.789012345],
        };
        var images = new Dictionary<string, CameraImage>();
        if (cameraHeight > 0)
            foreach (var cam in new[] { "front", "wrist" })
            {
                var px = new byte[cameraHeight * cameraWidth * 3];
                rng.NextBytes(px);
                images[FeatureNames.Image(cam)] = new CameraImage(cameraHeight, cameraWidth, 3, px);
            }
        return new Observation(step, step / 30.0, vectors, images);
    }
}
