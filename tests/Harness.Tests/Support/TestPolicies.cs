using Harness.Core.Policies;
using Harness.Core.Robots;

namespace Harness.Tests.Support;

/// <summary>A policy that holds the current joint state, counting calls; optionally throws.</summary>
public sealed class HoldPolicy(int chunkLength = 5, int throwAtCall = -1, int actionDim = 6) : IPolicy
{
    public int Resets { get; private set; }
    public int Calls { get; private set; }
    public int CallsSinceReset { get; private set; }
    public string Name => "test:hold";
    public PolicyInputs Inputs => PolicyInputs.StateOnly;
    public ExecutionHint Hint => ExecutionHint.Default;

    public void Reset() { Resets++; CallsSinceReset = 0; }

    public ActionChunk Infer(Observation observation, string task)
    {
        Calls++;
        CallsSinceReset++;
        if (Calls == throwAtCall) throw new InvalidOperationException("boom from the test policy");
        var s = observation.State;
        return new ActionChunk(Enumerable.Range(0, chunkLength).Select(t =>
            Enumerable.Range(0, actionDim).Select(j => j < s.Length ? s[j] + t : t).ToArray()).ToArray());
    }

    public void Dispose() { }
}
