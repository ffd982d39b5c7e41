using Harness.Core.Randomness;
using Harness.Core.Robots;
using Harness.Sim.Env;

namespace Harness.Sim.Perturbations.Kinds;

/// <summary>
/// action_latency: every action reaches the robot the value's number of control steps late (a slow
/// link or a loaded computer); until the first one arrives the robot holds the pose it started in.
/// </summary>
public sealed record ActionLatency(double ControlHz) : IPerturbation
{
    public string Kind => "action_latency";
    public IReadOnlyList<string> DetailKeys => [];
    public StillMoment Still => StillMoment.None;

    public string Describe(double value, PerturbationRange range) =>
        PerturbationText.Value(value, range.Unit) + (range.Unit == "steps" ? $" ({value * 1000 / ControlHz:0} ms)" : "");

    internal static IPerturbation? Parse(PerturbationContext c) => new ActionLatency(c.ControlHz);

    public IBoundPerturbation Bind(MujocoEnv env, PerturbationRange range) => new Bound();

    private sealed class Bound : IBoundPerturbation
    {
        private readonly Queue<double[]> _pending = new();
        private int _delay;
        private double[] _hold = [];
        public bool EditsModel => false;
        public IReadOnlyDictionary<string, double?> Details { get; } = new Dictionary<string, double?>();

        public void Begin(double value, SeededRandom draws)
        {
            _delay = (int)Math.Round(value);
            _pending.Clear();
        }

        public void Started(Observation first) => _hold = (double[])first.State.Clone();

        public IReadOnlyList<double> Action(IReadOnlyList<double> commanded)
        {
            _pending.Enqueue(commanded.ToArray());
            return _pending.Count > _delay ? _pending.Dequeue() : _hold;
        }
    }
}
