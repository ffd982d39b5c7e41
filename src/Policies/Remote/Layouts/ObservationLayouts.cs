using Harness.Core.Robots;

namespace Harness.Policies.Remote.Layouts;

/// <summary>
/// The built-in layouts: <c>lerobot</c> (our names, lossless), the openpi example clients
/// <c>aloha</c>, <c>droid</c>, <c>libero</c>, and <c>ur5e</c> (the openpi configs of GELLO UR5e
/// users); anything else is a JSON mapping file.
/// </summary>
public static class ObservationLayouts
{
    public static IReadOnlyList<string> PresetNames { get; } = ["lerobot", "aloha", "droid", "libero", "ur5e"];

    /// <summary>
    /// ALOHA: <c>state</c> [14] and <c>images</c> {cam_high, cam_low, cam_left_wrist, cam_right_wrist}
    /// uint8 CHW 224x224 (only cam_high is required, as in openpi's ALOHA inputs).
    /// </summary>
    public static LayoutSpec Aloha { get; } = new("aloha",
    [
        new LayoutField(["state"], FeatureNames.State) { Slice = (0, 14) },
        AlohaCamera("cam_high", optional: false),
        AlohaCamera("cam_low", optional: true),
        AlohaCamera("cam_left_wrist", optional: true),
        AlohaCamera("cam_right_wrist", optional: true),
    ]);

    /// <summary>DROID: two HWC 224x224 cameras (ours: <c>exterior</c>, <c>wrist</c>), joints [7] and gripper [1] from the state.</summary>
    public static LayoutSpec Droid { get; } = new("droid",
    [
        new LayoutField(["observation/exterior_image_1_left"], FeatureNames.Image("exterior")),
        new LayoutField(["observation/wrist_image_left"], FeatureNames.Image("wrist")),
        new LayoutField(["observation/joint_position"], FeatureNames.State) { Slice = (0, 7) },
        new LayoutField(["observation/gripper_position"], FeatureNames.State) { Slice = (7, 8) },
    ]);

    /// <summary>LIBERO: two HWC 224x224 cameras (ours: <c>agentview</c>, <c>wrist</c>) and state [8].</summary>
    public static LayoutSpec Libero { get; } = new("libero",
    [
        new LayoutField(["observation/image"], FeatureNames.Image("agentview")),
        new LayoutField(["observation/wrist_image"], FeatureNames.Image("wrist")),
        new LayoutField(["observation/state"], FeatureNames.State) { Slice = (0, 8) },
    ]);

    /// <summary>
    /// UR5e + Robotiq 2F-85 (GELLO data converted to LeRobot, trained with openpi): the base and
    /// wrist cameras (ours: <c>base_rgb</c>, <c>wrist_rgb</c>) HWC 224x224 with padding, and the 7
    /// state values unnormalised (6 joints in radians, gripper position / 255); the server answers
    /// with chunks of 7-value absolute actions in the same units.
    /// </summary>
    public static LayoutSpec Ur5e { get; } = new("ur5e",
    [
        new LayoutField(["observation/image"], FeatureNames.Image("base_rgb")),
        new LayoutField(["observation/wrist_image"], FeatureNames.Image("wrist_rgb")),
        new LayoutField(["observation/state"], FeatureNames.State) { Slice = (0, 7) },
    ]);

    /// <summary>
    /// A preset name or the path of a JSON mapping file. <paramref name="cameraMap"/> renames the
    /// layout's cameras to the robot's; <paramref name="cameras"/> lists the cameras the lerobot
    /// layout asks the environment to render.
    /// </summary>
    public static IObservationLayout Resolve(string nameOrPath, IReadOnlyDictionary<string, string>? cameraMap = null,
        IReadOnlyList<string>? cameras = null)
    {
        switch (nameOrPath.ToLowerInvariant())
        {
            case "lerobot":
                if (cameraMap is { Count: > 0 })
                    throw new ArgumentException("layout 'lerobot' sends our own camera names; a camera map applies to aloha, droid, libero and mapping files.");
                return new LeRobotLayout(cameras);
            case "aloha": return new MappedLayout(Aloha.WithCameraMap(cameraMap));
            case "droid": return new MappedLayout(Droid.WithCameraMap(cameraMap));
            case "libero": return new MappedLayout(Libero.WithCameraMap(cameraMap));
            case "ur5e": return new MappedLayout(Ur5e.WithCameraMap(cameraMap));
        }
        if (nameOrPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || File.Exists(nameOrPath))
            return new MappedLayout(LayoutSpec.Load(nameOrPath).WithCameraMap(cameraMap));
        throw new ArgumentException(
            $"unknown observation layout '{nameOrPath}'; expected one of {string.Join(", ", PresetNames)} or the path of a JSON mapping file (see src/Policies/Remote/README.md).");
    }

    private static LayoutField AlohaCamera(string name, bool optional) =>
        new(["images", name], FeatureNames.Image(name)) { Axes = ImageAxes.CHW, Optional = optional };
}
