using Harness.Core.Robots;
using Harness.Datasets.Format;
using Harness.Datasets.Replay;
using Harness.Sim.Env;

namespace Harness.Cli.Composition;

/// <summary>`harness dataset replay`: a dataset's episodes in the scene's simulated twin.</summary>
public static class TwinReplayJob
{
    public static (string Out, IReadOnlyList<EpisodeTracking> Episodes) Run(string datasetDir, string scene, IReadOnlyList<int>? episodes,
        string outDir, IReadOnlyDictionary<string, string>? map, bool overwrite)
    {
        var ds = DatasetReader.Open(datasetDir);
        var entry = SceneEntry.Resolve(scene);
        using var env = EnvFactory.Create(entry, new ImageOptions());
        var results = (episodes ?? ds.Episodes.Select(e => e.Index).ToArray())
            .Select(e => TwinReplay.Run(ds, e, env, SetJoints, map)).ToArray();
        return (TrackingFiles.Write(outDir, ds.Root, entry.Name, results, overwrite), results);
    }

    // The simulator's own joint map puts the arm in the recorded state (robot units), at rest.
    private static void SetJoints(IRobotEnv env, double[] pose)
    {
        var sim = (MujocoEnv)env;
        sim.Parts.Joints.SetPose(sim.Data, pose);
        sim.Data.Forward();
    }
}
