using Harness.Sim.Native;
using Harness.Sim.Scenes;

namespace Harness.Tests.Models;

/// <summary>The scene files built from the official robot models, and what the tests share about them.</summary>
internal static class ModelScenes
{
    public const string So101 = "so101-pick-place/scene.xml";
    public const string Ur5e = "ur5e-pick-place/scene.xml";
    public const string Trossen = "trossen-transfer-cube/scene.xml";

    /// <summary>Where a scene file is once its package folder has been extracted from Harness.Sim.</summary>
    public static string PathOf(string scene)
    {
        int slash = scene.IndexOf('/');
        return Path.Combine(EmbeddedScenes.Folder(scene[..slash]), scene[(slash + 1)..]);
    }

    /// <summary>Loads a scene the way the harness does: from the copy embedded in Harness.Sim.</summary>
    public static MjModel Load(string scene) => MjModel.LoadXml(PathOf(scene));

    /// <summary>Home poses (qpos of the robot joints, in model order), written out from the scene files' keyframes.</summary>
    public static readonly double[] So101Home = [0, -0.1745, 0.5236, 1.0472, 0, 0.5934];
    public static readonly double[] Ur5eHome = [-1.5708, -1.5708, 1.5708, -1.5708, -1.5708, 0];
    public static readonly double[] TrossenArmHome = [0, 1.0, 0.8, -0.25, 0, 0];

    /// <summary>
    /// MuJoCo 2.2.2 has no gravcomp: cancel gravity on every body under the given roots with an
    /// upward force m*g at its centre of mass (xfrc_applied acts there), before every step.
    /// </summary>
    public sealed class GravityCompensation
    {
        private const double G = 9.81; // the scenes keep MuJoCo's default gravity (0 0 -9.81)
        private readonly (int Body, double Force)[] _forces;

        public GravityCompensation(MjModel model, params string[] roots)
        {
            var rootIds = roots.Select(r => model.RequireId(MjObject.Body, r)).ToHashSet();
            _forces = Enumerable.Range(1, model.NBody - 1)
                .Where(b => IsUnder(model, b, rootIds))
                .Select(b => (b, model.BodyMass(b) * G)).ToArray();
        }

        public int BodyCount => _forces.Length;

        public void Apply(MjData data)
        {
            var x = data.XfrcApplied;
            foreach (var (body, force) in _forces) x[6 * body + 2] = force;
        }

        private static bool IsUnder(MjModel model, int body, HashSet<int> roots)
        {
            for (int b = body; b > 0; b = model.BodyParent(b))
                if (roots.Contains(b)) return true;
            return false;
        }
    }

    public static int Qpos(MjModel m, string joint) => m.JointQposAdr(m.RequireId(MjObject.Joint, joint));
}
