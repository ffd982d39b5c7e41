namespace Harness.Sim.Whiskers;

/// <summary>
/// What the whisker simulator records. <see cref="ToolSite"/> is the MuJoCo site whose path is
/// drawn (the SO-101 gripper's "tcp"); <see cref="Samples"/> &gt; 1 draws that many extra chunks
/// per query from a stochastic policy; <see cref="RecordSnapshots"/> keeps the physical state of
/// every step (for videos, stills and the viewer); <see cref="FixedJawPrefix"/> and
/// <see cref="MovingJawPrefix"/> name the jaw geoms used to find the grasp and release moments.
/// </summary>
public sealed record WhiskerOptions(
    string ToolSite = "tcp",
    int Samples = 1,
    bool RecordSnapshots = false,
    string FixedJawPrefix = "fixed_jaw",
    string MovingJawPrefix = "moving_jaw",
    bool ReuseExecutedRows = true)
{
    public void Validate()
    {
        if (Samples < 1) throw new ArgumentException($"--samples must be at least 1; got {Samples}.");
        if (string.IsNullOrWhiteSpace(ToolSite)) throw new ArgumentException("the whisker tool site name is empty; the SO-101 gripper's is 'tcp'.");
    }
}
