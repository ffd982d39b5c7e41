using Harness.Core.Randomness;
using Harness.Sim.Env;
using Harness.Sim.Native;

namespace Harness.Sim.Perturbations.Kinds;

/// <summary>
/// camera_pose: cameras moved by the value (metres) in a direction drawn from the seed, and tilted
/// about an axis drawn from the seed by <see cref="TiltDeg"/> times the value's share of the range's
/// edge (a camera remounted slightly off). Directions are the same at every level.
/// </summary>
public sealed record CameraPose(IReadOnlyList<string> Cameras, double TiltDeg) : IPerturbation
{
    public string Kind => "camera_pose";
    public IReadOnlyList<string> DetailKeys => Cameras.SelectMany(c => new[] { $"{c}.dx_m", $"{c}.dy_m", $"{c}.dz_m", $"{c}.tilt_deg" }).ToArray();
    public StillMoment Still => StillMoment.InitialState;

    internal static IPerturbation? Parse(PerturbationContext c)
    {
        var cams = c.MjcfCameras(c.Section.Cameras);
        if (c.Section.TiltDeg is < 0 or > 45) { c.P("tilt_deg", $"expected 0..45 degrees at the edge of the range; found {c.Section.TiltDeg}."); return null; }
        return cams is null ? null : new CameraPose(cams, c.Section.TiltDeg ?? 0);
    }

    public IBoundPerturbation Bind(MujocoEnv env, PerturbationRange range) =>
        new Bound(this, env, ModelTargets.Ids(env.Model, MjObject.Camera, Cameras), Math.Max(Math.Abs(range.Low - range.Nominal), Math.Abs(range.High - range.Nominal)));

    private sealed class Bound(CameraPose kind, MujocoEnv env, int[] cameras, double edge) : IBoundPerturbation
    {
        private readonly Dictionary<string, double?> _details = kind.DetailKeys.ToDictionary(k => k, _ => (double?)null);
        public bool EditsModel => true;
        public IReadOnlyDictionary<string, double?> Details => _details;

        public void Begin(double value, SeededRandom draws)
        {
            for (int i = 0; i < cameras.Length; i++)
            {
                var shift = Rotations.UnitVector(draws);
                var axis = Rotations.UnitVector(draws);
                double tilt = edge > 0 ? kind.TiltDeg * Math.Abs(value) / edge : 0;
                var pos = env.Model.EditCameraPos(cameras[i]);
                for (int k = 0; k < 3; k++) pos[k] += value * shift[k];
                var quat = env.Model.EditCameraQuat(cameras[i]);
                Rotations.Turn(quat, axis, Rotations.Rad(tilt)).CopyTo(quat);
                string c = kind.Cameras[i];
                (_details[$"{c}.dx_m"], _details[$"{c}.dy_m"], _details[$"{c}.dz_m"], _details[$"{c}.tilt_deg"]) = (value * shift[0], value * shift[1], value * shift[2], tilt);
            }
        }
    }
}
