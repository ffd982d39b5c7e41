using Harness.Sim.Tasks;

namespace Harness.Tests.ToyTask;

/// <summary>
/// A second task that exists only in this folder: a pusher on a rail pushes a puck along x into a
/// zone. It is a scene package like any user's (scene.yaml + MJCF, written here) whose task type,
/// <see cref="ToyPushTaskType"/>, is handed to the harness through <see cref="SceneTaskTypes.Register"/>;
/// `harness eval --scene DIR` and `harness report` then run it with no change anywhere else.
/// </summary>
public static class ToyPushPackage
{
    public const string Name = "toy-push";

    private const string Mjcf = """
        <mujoco model="toy-push">
          <option timestep="0.005"/>
          <worldbody>
            <light pos="0.2 0 1"/>
            <geom name="floor" type="plane" size="1 1 0.05" rgba="0.85 0.85 0.85 1"/>
            <geom name="zone" type="box" pos="0.30 0 0.0005" size="0.03 0.05 0.0005" rgba="0.2 0.8 0.2 1" contype="0" conaffinity="0"/>
            <body name="pusher" pos="0 0 0.02">
              <joint name="pusher" type="slide" axis="1 0 0" limited="true" range="0 0.45" damping="6"/>
              <geom name="pusher" type="box" size="0.01 0.03 0.015" mass="0.5" rgba="0.2 0.3 0.8 1"/>
            </body>
            <body name="puck" pos="0 0 0.02">
              <joint name="puck" type="slide" axis="1 0 0" damping="1"/>
              <geom name="puck" type="cylinder" size="0.02 0.01" mass="0.05" rgba="0.8 0.2 0.2 1"/>
            </body>
            <camera name="top" pos="0.22 0 0.7" fovy="50"/>
          </worldbody>
          <actuator>
            <position name="pusher" joint="pusher" kp="20" ctrllimited="true" ctrlrange="0 0.45"/>
          </actuator>
        </mujoco>
        """;

    private const string Manifest = """
        format: harness.scene/1
        name: toy-push
        version: 0.1.0
        description: A pusher on a rail pushes a puck into a zone (a task defined only in the test project).
        mjcf: scene.xml
        robot:
          type: toy_pusher
          control_hz: 20
          max_episode_steps: 80
          home: [0]
          settle_s: 0
          joints:
            - {key: pusher.pos, joint: pusher, actuator: pusher, unit: m}
        cameras:
          - {name: top, kind: rgb}
        task:
          type: toy-push
          prompt: Push the puck into the green zone
          parameters: {puck_joint: puck, zone: [0.27, 0.33], start: [0.06, 0.36]}
        """;

    private static readonly Lazy<ToyPushTaskType> Type = new(() =>
    {
        var type = new ToyPushTaskType();
        SceneTaskTypes.Register(type);
        return type;
    });

    /// <summary>Registers the task type (once per process) and writes the package into <paramref name="dir"/>.</summary>
    public static string Write(string dir)
    {
        _ = Type.Value;
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "scene.xml"), Mjcf);
        File.WriteAllText(Path.Combine(dir, "scene.yaml"), Manifest);
        return Path.GetFullPath(dir);
    }
}
