namespace Harness.Core.Policies;

/// <summary>
/// An environment that must not be reset and stepped just to probe a policy (a real robot would
/// move): it supplies pre-flight observations itself, from where it safely can (its measured
/// state, a simulated twin's reset states). <see cref="PreflightContext.Collect"/> asks it instead
/// of resetting and stepping it.
/// </summary>
public interface IPreflightProbeSource
{
    PreflightContext Probe(int runSeed, string taskText);
}
