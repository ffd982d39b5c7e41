namespace Harness.Eval.Runs;

/// <summary>One setting that differs between two runs, with both values as run.json records them.</summary>
public sealed record SettingDifference(string Setting, string A, string B)
{
    public override string ToString() => $"{Setting}: {A} vs {B}";
}
