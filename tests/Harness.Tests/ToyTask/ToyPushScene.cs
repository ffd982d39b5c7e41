using Harness.Sim.Scenes;

namespace Harness.Tests.ToyTask;

/// <summary>
/// A second task that exists only in this folder: a pusher on a rail pushes a puck along x into a
/// zone (x 0.27..0.33 m). Its MJCF is written here; the scene is handed to the harness through
/// <see cref="SceneCatalog.Register"/>, the one hook for scenes supplied by code, so `harness
/// eval` and `harness report` run it with no change anywhere else.
/// </summary>
public static class ToyPushScene
{
    public const string Name = "toy-push";
    public const double ZoneCentre = 0.30, ZoneHalfWidth = 0.03, PuckRadius = 0.02, PusherHalf = 0.01;

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

    private static readonly Lazy<SceneDefinition> Scene = new(() =>
    {
        var dir = Path.Combine(Path.GetTempPath(), "harness-tests", "toy-push-scene");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "scene.xml");
        string tmp = path + "." + Environment.ProcessId + ".tmp";
        File.WriteAllText(tmp, Mjcf);
        File.Move(tmp, path, overwrite: true);
        var def = new SceneDefinition(Name, "A pusher on a rail pushes a puck into a zone (a task defined only in the test project).", path,
            "toy_pusher", ControlHz: 20, MaxEpisodeSteps: 80, CameraNames: ["top"],
            CreateJoints: m => new ToyPushJoints(m), CreateTask: m => new ToyPushTask(m), HomePose: [0.0],
            Grippers: [], VideoCameras: ["top"], ViewCamera: "top", Schema: ToyPushTask.Schema);
        SceneCatalog.Register(def);
        return def;
    });

    /// <summary>Writes the MJCF and registers the scene (once per test process).</summary>
    public static SceneDefinition Register() => Scene.Value;
}
