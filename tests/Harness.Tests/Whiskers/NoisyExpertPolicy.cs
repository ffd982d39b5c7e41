using Harness.Core.Policies;
using Harness.Core.Randomness;
using Harness.Core.Robots;

namespace Harness.Tests.Whiskers;

/// <summary>
/// A stochastic policy for tests: acts like the wrapped policy, and its samples are the last
/// inferred chunk plus seeded Gaussian noise (degrees), so sampling never advances the wrapped
/// policy's own state.
/// </summary>
internal sealed class NoisyExpertPolicy(IPolicy inner, double noiseDeg) : IStochasticPolicy
{
    private ActionChunk? _last;
    private int _step;

    public int Samples { get; private set; }
    public string Name => "test:noisy-" + inner.Name;
    public PolicyInputs Inputs => inner.Inputs;
    public ExecutionHint Hint => inner.Hint;

    public void Reset() { inner.Reset(); _last = null; }

    public ActionChunk Infer(Observation observation, string task)
    {
        _step = observation.Step;
        return _last = inner.Infer(observation, task);
    }

    public ActionChunk Sample(Observation observation, string task, int sampleIndex)
    {
        Samples++;
        var last = _last ?? throw new InvalidOperationException("sample before infer");
        var r = new SeededRandom((ulong)(_step * 1000 + sampleIndex + 1));
        return new ActionChunk(last.Actions.Select(a => a.Select(v => v + noiseDeg * r.Gaussian()).ToArray()).ToArray());
    }

    public void Dispose() => inner.Dispose();
}
