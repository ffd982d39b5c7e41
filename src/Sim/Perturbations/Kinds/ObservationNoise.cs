using Harness.Core.Randomness;
using Harness.Core.Robots;
using Harness.Sim.Env;

namespace Harness.Sim.Perturbations.Kinds;

/// <summary>
/// observation_noise: Gaussian noise with the value as its standard deviation (in the features'
/// own units) added to vector features the policy observes, drawn afresh every step from the
/// episode's seed (the same unit draws at every level). The simulation itself is untouched.
/// </summary>
public sealed record ObservationNoise(IReadOnlyList<string> Features) : IPerturbation
{
    public string Kind => "observation_noise";
    public IReadOnlyList<string> DetailKeys => [];
    public StillMoment Still => StillMoment.None;

    internal static IPerturbation? Parse(PerturbationContext c) => new ObservationNoise(c.Section.Features ?? [FeatureNames.State]);

    public IBoundPerturbation Bind(MujocoEnv env, PerturbationRange range)
    {
        var known = env.Spec.Features.Select(f => f.Name).ToList();
        foreach (var f in Features)
            if (!known.Contains(f)) throw new ArgumentException($"observation_noise: scene '{env.Scene.Name}' has no feature '{f}'; it has {string.Join(", ", known)}.");
        return new Bound(this);
    }

    private sealed class Bound(ObservationNoise kind) : IBoundPerturbation
    {
        private double _std;
        private SeededRandom _noise = new(0);
        public bool EditsModel => false;
        public IReadOnlyDictionary<string, double?> Details { get; } = new Dictionary<string, double?>();

        public void Begin(double value, SeededRandom draws)
        {
            _std = value;
            _noise = new SeededRandom(draws.NextUInt64());
        }

        public Observation Observe(Observation observation)
        {
            var vectors = new Dictionary<string, double[]>(observation.Vectors);
            foreach (var f in kind.Features)
                if (vectors.TryGetValue(f, out var v))
                {
                    var noisy = (double[])v.Clone();
                    for (int i = 0; i < noisy.Length; i++) noisy[i] += _std * _noise.Gaussian();
                    vectors[f] = noisy;
                }
            return observation with { Vectors = vectors };
        }
    }
}
