using Harness.Core.Episodes;
using Harness.Core.Policies;
using Harness.Core.Robots;
using Harness.Sim.Native;
using Harness.Sim.Rendering.Video;
using Harness.Tests.Support;

namespace Harness.Tests.Rendering;

public class CameraPolicyVideoTests
{
    /// <summary>Holds the joint state and keeps the overhead images it was given.</summary>
    private sealed class LookingPolicy : IPolicy
    {
        public List<CameraImage> Seen { get; } = [];
        public string Name => "test:looking";
        public PolicyInputs Inputs => new([FeatureNames.State, FeatureNames.Image("overhead_cam")]);
        public ExecutionHint Hint => ExecutionHint.Default;
        public void Reset() { }

        public ActionChunk Infer(Observation observation, string task)
        {
            Seen.Add(observation.Image(FeatureNames.Image("overhead_cam")));
            return new ActionChunk([observation.State.ToArray(), observation.State.ToArray()]);
        }

        public void Dispose() { }
    }

    [Test]
    public void Policy_images_and_video_share_one_renderer_and_the_video_has_steps_plus_one_frames()
    {
        using var dir = new TempDir("camvideo");
        using var env = RenderTestScene.CreateEnv(96, 128);
        var policy = new LookingPolicy();
        env.RequestCameras(policy.Inputs.Cameras.ToArray());
        long before = MjRenderContext.ContextsCreated;
        using var recorder = new VideoRecorder(new VideoOptions(dir.Path, 1, ["overhead_cam", "front_cam"]));
        var record = new EpisodeRunner(env, policy, observers: [recorder]).Run(0, 11, maxSteps: 6);

        Assert.That(MjRenderContext.ContextsCreated - before, Is.EqualTo(1));
        Assert.That(policy.Seen, Has.Count.EqualTo(3));
        Assert.That(RenderTestScene.Blob(policy.Seen[0], RenderTestScene.IsRed).Count, Is.GreaterThan(3), "the policy sees the block");
        var video = Path.Combine(dir.Path, VideoRecorder.FileName(0, record.Outcome.Label));
        Assert.That(recorder.Written, Is.EqualTo(new[] { video }));
        Assert.That(ProcessRunner.CountFrames(video), Is.EqualTo(record.StepCount + 1));
    }
}
