using Harness.Core.Robots;
using Harness.Policies.Remote.Layouts;
using Harness.Policies.Remote.Msgpack;
using NUnit.Framework;

namespace Harness.Tests.Remote;

public class LayoutTests
{
    private static MsgpackMap Wire(IReadOnlyDictionary<string, object?> request) =>
        (MsgpackMap)MsgpackNumpy.Unpack(MsgpackNumpy.Pack(request))!;

    private static NdArray ArrayAt(MsgpackMap map, params string[] path)
    {
        object? value = map;
        foreach (var key in path) Assert.That(((MsgpackMap)value!).TryGet(key, out value), Is.True, $"missing {key}");
        return (NdArray)value!;
    }

    [Test]
    public void Lerobot_layout_round_trips_exactly()
    {
        var layout = new LeRobotLayout();
        var obs = TestObservations.Make(step: 17, cameraHeight: 48, cameraWidth: 64);
        var wire = Wire(layout.Encode(obs, "pick the cube", episodeStart: true));
        Assert.That(ArrayAt(wire, FeatureNames.State).DType.Str, Is.EqualTo("<f8"));
        Assert.That(ArrayAt(wire, FeatureNames.EnvironmentState).DType.Str, Is.EqualTo("<f8"));
        Assert.That(ArrayAt(wire, "observation.images.front").Shape, Is.EqualTo(new[] { 48, 64, 3 }));

        var decoded = layout.Decode(wire);
        Assert.That(decoded.Task, Is.EqualTo("pick the cube"));
        Assert.That(decoded.EpisodeStart, Is.True);
        Assert.That(decoded.Observation.Step, Is.EqualTo(17));
        Assert.That(decoded.Observation.Time, Is.EqualTo(obs.Time));
        Assert.That(decoded.Observation.Vectors.Keys, Is.EquivalentTo(obs.Vectors.Keys));
        foreach (var (k, v) in obs.Vectors) Assert.That(decoded.Observation.Vectors[k], Is.EqualTo(v), k);
        foreach (var (k, v) in obs.Images)
        {
            var got = decoded.Observation.Images[k];
            Assert.That((got.Height, got.Width, got.Channels), Is.EqualTo((v.Height, v.Width, v.Channels)));
            Assert.That(got.Pixels, Is.EqualTo(v.Pixels), k);
        }
        Assert.That(layout.Decode(Wire(layout.Encode(obs, "x", episodeStart: false))).EpisodeStart, Is.False);
    }

    [Test]
    public void Lerobot_decoder_without_state_points_at_the_layout_option()
    {
        var request = Wire(new Dictionary<string, object?> { ["state"] = NdArray.FromDoubles([1.0]), ["prompt"] = "x" });
        var ex = Assert.Throws<Harness.Policies.Remote.OpenPiProtocolException>(() => new LeRobotLayout().Decode(request));
        Assert.That(ex!.Message, Does.Contain("observation.state").And.Contain("--layout"));
    }

    [Test]
    public void Lerobot_decoder_rejects_a_non_uint8_image_naming_it()
    {
        var request = Wire(new Dictionary<string, object?>
        {
            [FeatureNames.State] = NdArray.FromDoubles([1.0]),
            ["observation.images.front"] = NdArray.FromDoubles([1.0, 2, 3], 1, 1, 3),
        });
        var ex = Assert.Throws<Harness.Policies.Remote.OpenPiProtocolException>(() => new LeRobotLayout().Decode(request));
        Assert.That(ex!.Message, Does.Contain("observation.images.front").And.Contain("|u1"));
    }

    [Test]
    public void Aloha_layout_sends_state_14_and_chw_224_images()
    {
        var layout = ObservationLayouts.Resolve("aloha", new Dictionary<string, string> { ["cam_high"] = "front", ["cam_left_wrist"] = "wrist" });
        var obs = new Observation(0, 0,
            new Dictionary<string, double[]> { [FeatureNames.State] = Enumerable.Range(0, 14).Select(i => (double)i).ToArray() },
            new Dictionary<string, CameraImage>
            {
                ["observation.images.front"] = new(480, 640, 3, new byte[480 * 640 * 3]),
                ["observation.images.wrist"] = new(224, 224, 3, Enumerable.Range(0, 224 * 224 * 3).Select(i => (byte)i).ToArray()),
            });
        var wire = Wire(layout.Encode(obs, "fold", episodeStart: true));
        Assert.That(ArrayAt(wire, "state").ToDoubles(), Is.EqualTo(obs.State));
        Assert.That(ArrayAt(wire, "images", "cam_high").Shape, Is.EqualTo(new[] { 3, 224, 224 }));
        Assert.That(ArrayAt(wire, "images", "cam_left_wrist").Data[1], Is.EqualTo(3), "CHW: second byte is pixel (0,1) red");
        Assert.That(((MsgpackMap)(wire.TryGet("images", out var i) ? i : null)!).ContainsKey("cam_low"), Is.False, "optional cameras are left out");
        Assert.That(wire.ContainsKey("harness/episode_start"), Is.False, "presets send only what openpi examples send");

        var decoded = layout.Decode(wire);
        Assert.That(decoded.Observation.State, Is.EqualTo(obs.State));
        Assert.That(decoded.Observation.Images["observation.images.wrist"].Pixels, Is.EqualTo(obs.Images["observation.images.wrist"].Pixels));
        Assert.That(decoded.Task, Is.EqualTo("fold"));
    }

    [Test]
    public void Droid_layout_splits_state_into_joints_and_gripper_and_rebuilds_it()
    {
        var layout = ObservationLayouts.Resolve("droid");
        double[] state = [1, 2, 3, 4, 5, 6, 7, 0.5];
        var img = new CameraImage(224, 224, 3, new byte[224 * 224 * 3]);
        var obs = new Observation(0, 0, new Dictionary<string, double[]> { [FeatureNames.State] = state },
            new Dictionary<string, CameraImage> { ["observation.images.exterior"] = img, ["observation.images.wrist"] = img });
        var wire = Wire(layout.Encode(obs, "x", false));
        Assert.That(ArrayAt(wire, "observation/joint_position").ToDoubles(), Is.EqualTo(state[..7]));
        Assert.That(ArrayAt(wire, "observation/gripper_position").ToDoubles(), Is.EqualTo(new[] { 0.5 }));
        Assert.That(ArrayAt(wire, "observation/exterior_image_1_left").Shape, Is.EqualTo(new[] { 224, 224, 3 }));
        Assert.That(layout.Decode(wire).Observation.State, Is.EqualTo(state));
    }

    [Test]
    public void Preset_on_a_robot_that_does_not_fit_says_what_to_do()
    {
        var layout = ObservationLayouts.Resolve("libero");
        var ex = Assert.Throws<Harness.Policies.Remote.OpenPiProtocolException>(() =>
            layout.Encode(TestObservations.Make(cameraHeight: 8, cameraWidth: 8), "x", false));
        Assert.That(ex!.Message, Does.Contain("observation.images.agentview").And.Contain("front, observation.images.wrist").Or.Contain("camera map"));
    }

    [Test]
    public void Mapping_file_is_parsed_and_drives_the_encoding()
    {
        string json = """
        {
          "name": "so101-custom",
          "prompt_key": "instruction",
          "send_episode_start": true,
          "fields": [
            {"key": "joints", "source": "observation.state", "slice": [0, 5], "dtype": "<f4"},
            {"key": "gripper", "source": "observation.state", "slice": [5, 6]},
            {"key": ["cams", "top"], "source": "observation.images.front", "layout": "CHW", "resize": [96, 128]},
            {"key": ["cams", "hand"], "source": "observation.images.hand", "optional": true},
            {"key": "env", "source": "observation.environment_state", "resize": null}
          ]
        }
        """;
        string path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"layout-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        try
        {
            var layout = ObservationLayouts.Resolve(path);
            Assert.That(layout.Name, Is.EqualTo("so101-custom"));
            var obs = TestObservations.Make(cameraHeight: 48, cameraWidth: 64);
            var wire = Wire(layout.Encode(obs, "stack", episodeStart: true));
            Assert.That(ArrayAt(wire, "joints").DType.Str, Is.EqualTo("<f4"));
            Assert.That(ArrayAt(wire, "joints").ToDoubles(), Is.EqualTo(obs.State[..5].Select(v => (double)(float)v)));
            Assert.That(ArrayAt(wire, "cams", "top").Shape, Is.EqualTo(new[] { 3, 96, 128 }));
            Assert.That(ArrayAt(wire, "env").ToDoubles(), Is.EqualTo(obs.Vector(FeatureNames.EnvironmentState)));
            Assert.That(wire.TryGet("instruction", out var p) && (string)p! == "stack", Is.True);
            Assert.That(wire.ContainsKey("harness/episode_start"), Is.True);
        }
        finally { File.Delete(path); }
    }

    [TestCase("""{"fields": [{"source": "observation.state"}]}""", "has no 'key'")]
    [TestCase("""{"fields": [{"key": "a", "source": "observation.state", "slice": [3, 1]}]}""", "slice")]
    [TestCase("""{"fields": [{"key": "a", "source": "observation.state", "dtype": "<i8"}]}""", "dtype")]
    [TestCase("""{"fields": [{"key": "a", "source": "observation.images.x", "layout": "WHC"}]}""", "layout")]
    [TestCase("""{"nofields": 1}""", "'fields'")]
    public void Bad_mapping_files_say_what_is_wrong(string json, string expected)
    {
        var ex = Assert.Throws<InvalidDataException>(() => LayoutSpec.Parse(json, "x"));
        Assert.That(ex!.Message, Does.Contain(expected));
    }

    [Test]
    public void Unknown_layout_name_lists_the_choices() =>
        Assert.That(Assert.Throws<ArgumentException>(() => ObservationLayouts.Resolve("pi0"))!.Message,
            Does.Contain("lerobot, aloha, droid, libero"));

    [Test]
    public void Check_against_a_robot_names_missing_cameras_and_short_state()
    {
        var robot = new RobotSpec("so101", Enumerable.Range(0, 6).Select(i => new JointSpec($"j{i}.pos", "deg", -180, 180)).ToList(),
            [new CameraSpec("front", 480, 640, 60)], 30, 300,
            [new FeatureSpec(FeatureNames.State, FeatureDType.Float32, [6])]);
        var ex = Assert.Throws<ArgumentException>(() => ObservationLayouts.Resolve("aloha", new Dictionary<string, string> { ["cam_high"] = "front" }).Check(robot));
        Assert.That(ex!.Message, Does.Contain("[0:14]").And.Contain("6 values"));
        var bimanual = robot with
        {
            Joints = Enumerable.Range(0, 14).Select(i => new JointSpec($"j{i}.pos", "rad", -3, 3)).ToList(),
            Features = [new FeatureSpec(FeatureNames.State, FeatureDType.Float32, [14])],
        };
        Assert.DoesNotThrow(() => ObservationLayouts.Resolve("aloha", new Dictionary<string, string> { ["cam_high"] = "front" }).Check(bimanual));
        ex = Assert.Throws<ArgumentException>(() => ObservationLayouts.Resolve("aloha").Check(bimanual));
        Assert.That(ex!.Message, Does.Contain("'cam_high'").And.Contain("'front'"));
        Assert.DoesNotThrow(() => new LeRobotLayout(["front"]).Check(robot));
        Assert.Throws<ArgumentException>(() => new LeRobotLayout(["top"]).Check(robot));
    }
}
