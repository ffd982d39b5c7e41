using Harness.Core.Randomness;
using Harness.Sim.Env;
using Harness.Sim.Native;

namespace Harness.Sim.Perturbations.Kinds;

/// <summary>camera_fov: the cameras' vertical field of view changed by the value (degrees), as with another lens.</summary>
public sealed record CameraFov(IReadOnlyList<string> Cameras) : IPerturbation
{
    public string Kind => "camera_fov";
    public IReadOnlyList<string> DetailKeys => [];
    public StillMoment Still => StillMoment.InitialState;

    internal static IPerturbation? Parse(PerturbationContext c) => c.MjcfCameras(c.Section.Cameras) is { } cams ? new CameraFov(cams) : null;

    public IBoundPerturbation Bind(MujocoEnv env, PerturbationRange range) => new Bound(env, ModelTargets.Ids(env.Model, MjObject.Camera, Cameras));

    private sealed class Bound(MujocoEnv env, int[] cameras) : IBoundPerturbation
    {
        public bool EditsModel => true;
        public IReadOnlyDictionary<string, double?> Details { get; } = new Dictionary<string, double?>();

        public void Begin(double value, SeededRandom draws)
        {
            foreach (var c in cameras) env.Model.EditCameraFovY(c) += value;
        }
    }
}
