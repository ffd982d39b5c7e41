using Harness.Core.Policies;
using Harness.Core.Robots;

namespace Harness.Tests.Support;

/// <summary>Returns the same action in chunks of one, whatever it observes.</summary>
public sealed class ConstantPolicy(double[] action) : IPolicy
{
    public string Name => "test:constant";
    public PolicyInputs Inputs => PolicyInputs.StateOnly;
    public ExecutionHint Hint => ExecutionHint.Default;
    public void Reset() { }
    public ActionChunk Infer(Observation observation, string task) => new([(double[])action.Clone()]);
    public void Dispose() { }
}
