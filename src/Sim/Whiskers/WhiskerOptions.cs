namespace Harness.Sim.Whiskers;

/// <summary>
/// What the whisker simulator records. <see cref="Gripper"/> names the MuJoCo site whose path is
/// drawn and the jaw geoms used to find the grasp and release moments (null: every gripper of the
/// scene, one path each, so a bimanual kit draws both hands); <see cref="Samples"/> &gt; 1 draws that many extra chunks per query from a stochastic
/// policy; <see cref="RecordSnapshots"/> keeps the physical state of every step (for videos,
/// stills and the viewer).
/// </summary>
public sealed record WhiskerOptions(
    Scenes.GripperDescription? Gripper = null,
    int Samples = 1,
    bool RecordSnapshots = false,
    bool ReuseExecutedRows = true)
{
    public void Validate()
    {
        if (Samples < 1) throw new ArgumentException($"--samples must be at least 1; got {Samples}.");
    }
}
