using Harness.Robots.So101;
using Harness.Tests.Support;

namespace Harness.Tests.Robots.So101;

public class CalibrationFileTests
{
    internal static readonly ArmCalibration Example = new(
    [
        new("shoulder_pan", 1, 0, 3, 747, 3347),
        new("shoulder_lift", 2, 0, -47, 867, 3227),
        new("elbow_flex", 3, 0, -57, 937, 3157),
        new("wrist_flex", 4, 0, 3, 847, 3247),
        new("wrist_roll", 5, 0, 0, 0, 4095),
        new("gripper", 6, 0, 653, 1327, 2767),
    ]);

    /// <summary>What Python's json.dump(calibration, f, indent=4) writes for the first two motors.</summary>
    private const string TwoMotorsAsLeRobotWritesThem =
        "{\n" +
        "    \"shoulder_pan\": {\n" +
        "        \"id\": 1,\n" +
        "        \"drive_mode\": 0,\n" +
        "        \"homing_offset\": 3,\n" +
        "        \"range_min\": 747,\n" +
        "        \"range_max\": 3347\n" +
        "    },\n" +
        "    \"shoulder_lift\": {\n" +
        "        \"id\": 2,\n" +
        "        \"drive_mode\": 0,\n" +
        "        \"homing_offset\": -47,\n" +
        "        \"range_min\": 867,\n" +
        "        \"range_max\": 3227\n" +
        "    }\n" +
        "}";

    [Test]
    public void Written_exactly_like_lerobot_indent_4_no_trailing_newline()
    {
        var two = new ArmCalibration(Example.Motors.Take(2).ToArray());
        Assert.That(CalibrationFile.ToJson(two), Is.EqualTo(TwoMotorsAsLeRobotWritesThem));
    }

    [Test]
    public void Round_trip_through_a_file_keeps_order_and_values()
    {
        using var dir = new TempDir("cal");
        string path = CalibrationPaths.For(dir.Path, CalibrationPaths.SoFollower, "arm1");
        CalibrationFile.Save(path, Example);
        Assert.That(File.Exists(path + ".tmp"), Is.False);
        var back = CalibrationFile.Load(path);
        Assert.That(back.Motors, Is.EqualTo(Example.Motors));
    }

    [Test]
    public void A_lerobot_file_with_other_spacing_loads()
    {
        var c = CalibrationFile.FromJson("{\"gripper\":{\"range_max\":2767,\"id\":6,\"drive_mode\":1,\"homing_offset\":653,\"range_min\":1327}}", "x.json");
        Assert.That(c["gripper"], Is.EqualTo(new MotorCalibration("gripper", 6, 1, 653, 1327, 2767)));
    }

    [Test]
    public void Broken_files_say_what_is_wrong()
    {
        Assert.That(() => CalibrationFile.FromJson("{\"gripper\": {\"id\": 6}}", "cal.json"),
            Throws.InstanceOf<InvalidDataException>().With.Message.Contains("motor 'gripper' needs an integer 'drive_mode'"));
        Assert.That(() => CalibrationFile.FromJson("{\"gripper\": {\"id\": 6, \"drive_mode\": 0, \"homing_offset\": 0, \"range_min\": 9, \"range_max\": 9}}", "cal.json"),
            Throws.InstanceOf<InvalidDataException>().With.Message.Contains("range_min 9 >= range_max 9"));
        Assert.That(() => CalibrationFile.Load("/nonexistent/cal.json"),
            Throws.InstanceOf<FileNotFoundException>().With.Message.Contains("harness real so101 calibrate"));
    }

    [Test]
    public void Lerobot_path_convention()
    {
        var env = new Dictionary<string, string?>();
        string? Env(string k) => env.GetValueOrDefault(k);
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

        Assert.That(CalibrationPaths.Directory(Env), Is.EqualTo(home + "/.cache/huggingface/lerobot/calibration"));
        env["XDG_CACHE_HOME"] = "/xdg";
        Assert.That(CalibrationPaths.Directory(Env), Is.EqualTo("/xdg/huggingface/lerobot/calibration"));
        env["HF_HOME"] = "/hf";
        Assert.That(CalibrationPaths.Directory(Env), Is.EqualTo("/hf/lerobot/calibration"));
        env["HF_LEROBOT_HOME"] = "~/lr";
        Assert.That(CalibrationPaths.Directory(Env), Is.EqualTo(home + "/lr/calibration"));
        env["HF_LEROBOT_CALIBRATION"] = "/cal";
        Assert.That(CalibrationPaths.Directory(Env), Is.EqualTo("/cal"));

        Assert.That(CalibrationPaths.For("/cal", CalibrationPaths.SoFollower, "my_arm"), Is.EqualTo("/cal/robots/so_follower/my_arm.json"));
    }

    [Test]
    public void Find_prefers_the_current_robot_name_then_the_legacy_one()
    {
        using var dir = new TempDir("cal");
        Assert.That(CalibrationPaths.Find(dir.Path, "a"), Is.Null);
        CalibrationFile.Save(CalibrationPaths.For(dir.Path, "so101_follower", "a"), Example);
        Assert.That(CalibrationPaths.Find(dir.Path, "a"), Is.EqualTo(dir.Path + "/robots/so101_follower/a.json"));
        CalibrationFile.Save(CalibrationPaths.For(dir.Path, "so_follower", "a"), Example);
        Assert.That(CalibrationPaths.Find(dir.Path, "a"), Is.EqualTo(dir.Path + "/robots/so_follower/a.json"));
    }
}
