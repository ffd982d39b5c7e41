using Harness.Sim.Scenes;

namespace Harness.Sim.Scenes.So101;

/// <summary>The so101-pick-place scene: SO-101 follower, table, block, bowl; 30 Hz control.</summary>
public static class So101PickPlace
{
    public const string Name = "so101-pick-place";

    /// <summary>Home pose in robot units: arm raised over the table, gripper half open.</summary>
    public static readonly double[] Home = [0, -10, 30, 60, 0, 40];

    public static SceneDefinition Definition { get; } = new(
        Name,
        "SO-101 follower picks a 2.5 cm block from a seeded position and places it in a bowl.",
        "so101-pick-place/scene.xml",
        "so101_follower",
        ControlHz: 30,
        MaxEpisodeSteps: 300,
        CameraNames: ["overhead_cam", "wrist_cam", "front_cam"],
        CreateJoints: m => new So101Joints(m),
        CreateTask: m => new PickPlaceTask(m),
        HomePose: Home,
        Grippers: [new GripperDescription("gripper", "tcp", "fixed_jaw", "moving_jaw")],
        VideoCameras: ["overhead_cam", "wrist_cam"],
        ViewCamera: "overhead_cam",
        Schema: PickPlaceSchema.Schema);
}
