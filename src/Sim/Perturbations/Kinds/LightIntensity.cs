using Harness.Core.Randomness;
using Harness.Sim.Env;
using Harness.Sim.Native;

namespace Harness.Sim.Perturbations.Kinds;

/// <summary>light_intensity: the lights' diffuse colour (their brightness on surfaces) scaled by the value.</summary>
public sealed record LightIntensity(IReadOnlyList<string> Lights) : IPerturbation
{
    public string Kind => "light_intensity";
    public IReadOnlyList<string> DetailKeys => [];
    public StillMoment Still => StillMoment.InitialState;

    internal static IPerturbation? Parse(PerturbationContext c) => LightDirection.FixedLights(c) is { } l ? new LightIntensity(l) : null;

    public IBoundPerturbation Bind(MujocoEnv env, PerturbationRange range) => new Bound(env, ModelTargets.Ids(env.Model, MjObject.Light, Lights));

    private sealed class Bound(MujocoEnv env, int[] lights) : IBoundPerturbation
    {
        public bool EditsModel => true;
        public IReadOnlyDictionary<string, double?> Details { get; } = new Dictionary<string, double?>();

        public void Begin(double value, SeededRandom draws)
        {
            foreach (var l in lights)
            {
                var d = env.Model.EditLightDiffuse(l);
                for (int i = 0; i < 3; i++) d[i] = (float)(d[i] * value);
            }
        }
    }
}
