using Harness.Eval.Runs;

namespace Harness.Tests.Reports;

/// <summary>
/// A realistic set of runs: a checkpoint sweep plus other policies on one scene (one on other seeds, one
/// incomplete) and a second scene with a shorter paired run with another setting, media, and a run that stopped early.
/// </summary>
public sealed class ReportScenario
{
    public const string PickScene = "so101_pick_cube";
    public const string StackScene = "so101_stack_blocks";

    public string Root { get; }
    public IReadOnlyDictionary<string, RunDirectory> Runs { get; }

    public ReportScenario(string root)
    {
        Root = root;
        var specs = new Dictionary<string, RunSpec>
        {
            ["act-010k"] = new("act", 0.35) { Checkpoint = "outputs/train/act_so101/checkpoints/010000/pretrained_model", TrainingStep = 10_000 },
            ["act-020k"] = new("act", 0.55) { Checkpoint = "outputs/train/act_so101/checkpoints/020000/pretrained_model", TrainingStep = 20_000 },
            ["act-040k"] = new("act", 0.75) { Checkpoint = "outputs/train/act_so101/checkpoints/040000/pretrained_model", TrainingStep = 40_000, ErrorEpisodes = 1 },
            ["diffusion"] = new("diffusion", 0.6) { Checkpoint = "last", WithLatency = false },
            ["smolvla-other-seeds"] = new("smolvla", 0.5) { Seed = 8 },
            ["act-080k-partial"] = new("act", 0.8) { Checkpoint = "checkpoints/080000", TrainingStep = 80_000, Episodes = 15, Complete = false, EpisodesRequested = 40 },
            ["stack-act"] = new("act", 0.4) { Scene = StackScene, Task = "stack the blue block on the red one", Episodes = 30, Videos = 2, WhiskerStills = 3 },
            ["stack-pi0"] = new("pi0", 0.55)
            {
                Scene = StackScene, Task = "stack the blue block on the red one", Episodes = 40, Videos = 1,
                Settings = new RunSettings { ActionsPerQuery = 25 },
            },
            ["stack-smolvla-stopped"] = new("smolvla", 0.5)
            {
                Scene = StackScene, Task = "stack the blue block on the red one", Episodes = 6, EpisodesRequested = 40,
                Stopped = "the policy could not be reached in 3 episodes in a row (ws://gpu-box:8000 refused the connection)",
            },
        };
        Runs = specs.ToDictionary(kv => kv.Key, kv => RunFixture.Write(Path.Combine(root, kv.Key), kv.Value));
    }
}
