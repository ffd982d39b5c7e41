using Harness.Core.Robots;
using Harness.Datasets.Format;
using Harness.Datasets.Video;
using Harness.Datasets.Writing;

namespace Harness.Tests.Datasets;

/// <summary>Small recorded datasets with values and images that say which episode and frame they belong to.</summary>
public static class TestDatasets
{
    public const int Fps = 10;
    public const int CameraHeight = 64, CameraWidth = 96;
    public static readonly string[] Joints = ["shoulder_pan.pos", "shoulder_lift.pos", "elbow_flex.pos", "wrist_flex.pos", "wrist_roll.pos", "gripper.pos"];

    public static DatasetSpec Spec(bool camera) => new("so101_follower", Fps,
        camera
            ? [DatasetSpec.Vector("observation.state", Joints), DatasetSpec.Vector("action", Joints), DatasetSpec.Camera("observation.images.top", CameraHeight, CameraWidth)]
            : [DatasetSpec.Vector("observation.state", Joints), DatasetSpec.Vector("action", Joints)]);

    public static float State(int episode, int frame, int joint) => episode * 100 + frame + joint * 0.25f;
    public static float Action(int episode, int frame, int joint) => State(episode, frame, joint) + 0.5f;
    public static string Task(int episode) => episode % 2 == 0 ? "pick the block" : "place the block in the bowl";

    /// <summary>A frame whose content moves with its index: a bright bar at row 2*frame, a colour per episode.</summary>
    public static CameraImage Image(int episode, int frame)
    {
        var px = new byte[CameraHeight * CameraWidth * 3];
        for (int y = 0; y < CameraHeight; y++)
            for (int x = 0; x < CameraWidth; x++)
            {
                int o = (y * CameraWidth + x) * 3;
                bool bar = Math.Abs(y - (2 * frame) % CameraHeight) < 3;
                px[o] = (byte)(bar ? 240 : 20 + 40 * episode);
                px[o + 1] = (byte)(bar ? 240 : x * 2);
                px[o + 2] = (byte)(bar ? 240 : 60);
            }
        return new CameraImage(CameraHeight, CameraWidth, 3, px);
    }

    public static DatasetFrame Frame(int episode, int frame, bool camera) => new(
        new Dictionary<string, float[]>
        {
            ["observation.state"] = Enumerable.Range(0, 6).Select(j => State(episode, frame, j)).ToArray(),
            ["action"] = Enumerable.Range(0, 6).Select(j => Action(episode, frame, j)).ToArray(),
        },
        camera ? new Dictionary<string, CameraImage> { ["observation.images.top"] = Image(episode, frame) } : new Dictionary<string, CameraImage>());

    public static string Write(string root, RecordFormat format, int[] lengths, bool camera, VideoCodecChoice? codec = null)
    {
        using var w = DatasetWriter.Create(root, Spec(camera), format, new DatasetWriterOptions(Codec: codec));
        for (int e = 0; e < lengths.Length; e++)
        {
            w.BeginEpisode(Task(e));
            for (int f = 0; f < lengths[e]; f++) w.AddFrame(Frame(e, f, camera));
            w.EndEpisode();
        }
        return w.Complete();
    }

    /// <summary>Mean absolute difference of two images of equal size.</summary>
    public static double Difference(CameraImage a, CameraImage b)
    {
        long sum = 0;
        for (int i = 0; i < a.Pixels.Length; i++) sum += Math.Abs(a.Pixels[i] - b.Pixels[i]);
        return (double)sum / a.Pixels.Length;
    }
}
