using Harness.Core.Robots;
using Harness.Datasets.Format;
using Harness.Datasets.Recording;
using Harness.Tests.Support;

namespace Harness.Tests.Datasets;

/// <summary>Episodes finished by parallel workers in any order land in the dataset in episode order.</summary>
public class DatasetRecordingTests
{
    private static RobotSpec Robot()
    {
        var joints = TestDatasets.Joints.Select(k => new JointSpec(k, Units.Degrees, -110, 110)).ToArray();
        return new RobotSpec("so101_follower", joints, [], 30, 300, RobotSpec.JointFeatures(joints));
    }

    private static RecordedFrames Episode(int episode, bool success, int length) => new(
        episode, success, "pick",
        Enumerable.Range(0, length).Select(f => Enumerable.Range(0, 6).Select(j => TestDatasets.State(episode, f, j)).ToArray()).ToArray(),
        Enumerable.Range(0, length).Select(f => Enumerable.Range(0, 6).Select(j => TestDatasets.Action(episode, f, j)).ToArray()).ToArray(),
        Enumerable.Range(0, length).Select(_ => (IReadOnlyDictionary<string, CameraImage>)new Dictionary<string, CameraImage>()).ToArray());

    [Test]
    public void Out_of_order_episodes_are_written_in_order_and_failures_dropped()
    {
        using var tmp = new TempDir("recording");
        using var recording = new DatasetRecording(new RecordingOptions(tmp["ds"], OnlySuccess: true));
        recording.Submit(2, Episode(2, true, 4), Robot());
        recording.Submit(1, Episode(1, false, 6), Robot());
        Assert.That(recording.Kept, Is.EqualTo(0), "episode 0 not finished yet: nothing written");
        recording.Submit(0, Episode(0, true, 5), Robot());
        recording.Submit(3, null, Robot());
        Assert.That(recording.Kept, Is.EqualTo(2));
        var ds = DatasetReader.Open(recording.Complete()!);
        Assert.That(ds.Episodes.Select(e => e.Length), Is.EqualTo(new[] { 5, 4 }));
        var second = new EpisodeFrameReader(ds).Read(1);
        Assert.That(second.Vector("action", 0).ToArray(), Is.EqualTo(Enumerable.Range(0, 6).Select(j => TestDatasets.Action(2, 0, j))), "run episode 2 is dataset episode 1");
        Assert.That(ds.Info.Feature("observation.state")!.InfoJson, Does.Contain("\"deg\""));
    }
}
