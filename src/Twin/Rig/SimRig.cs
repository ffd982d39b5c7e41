using Harness.Robots.Virtual.Cameras;
using Harness.Robots.Virtual.Feetech;
using Harness.Robots.Virtual.So101;
using Harness.Sim.Native;
using Harness.Sim.Scenes;

namespace Harness.Twin.Rig;

/// <summary>How to build a simulated SO-101 rig.</summary>
public sealed record SimRigOptions
{
    public required SceneDefinition Scene { get; init; }
    public required string LinkPath { get; init; }

    /// <summary>The run seed whose episodes RESET lays out.</summary>
    public int Seed { get; init; }

    /// <summary>Let the scene's task monitor answer LABEL requests (sim-bus --auto-label sim, the default).</summary>
    public bool AutoLabel { get; init; } = true;

    public IReadOnlyList<FaultSpec> Faults { get; init; } = [];

    /// <summary>Deliberate differences from the scene's physics (friction, servo torque limits).</summary>
    public RigPhysics Physics { get; init; } = RigPhysics.Nominal;

    /// <summary>Serve the scene's cameras as MJPEG on this loopback port (0: any free port); null: no cameras.</summary>
    public int? CameraPort { get; init; } = 0;

    /// <summary>Rendered image size (null: each camera's resolution from the scene, else 480x640).</summary>
    public int? CameraHeight { get; init; }
    public int? CameraWidth { get; init; }
    public double CameraFps { get; init; } = 30;
    public GlBackend? Gl { get; init; }

    public double HandTicksPerSecond { get; init; } = 1000;
    public TimeSpan SweepDwell { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Where applied faults are reported.</summary>
    public Action<FaultSpec>? OnFault { get; init; }
}

/// <summary>
/// A virtual SO-101 follower in its scene: six emulated STS3215 on a pty whose motion is the
/// scene's MuJoCo model (<see cref="MujocoServoPlant"/>), the operator channel with the scene
/// (RESET lays out episode i of <see cref="SimRigOptions.Seed"/>, LABEL answers from the task
/// monitor), the scene's cameras as MJPEG streams on loopback, and injected faults.
/// </summary>
public sealed class SimRig : IDisposable
{
    private readonly FaultSchedule _faults;

    private SimRig(MujocoServoPlant plant, VirtualSo101 arm, SimRigScene scene, MjpegServer? cameras, RigCameraFeed? feed, FaultSchedule faults)
    {
        Plant = plant;
        Arm = arm;
        Scene = scene;
        Cameras = cameras;
        Feed = feed;
        _faults = faults;
    }

    public static SimRig Start(SimRigOptions o)
    {
        var plant = new MujocoServoPlant(o.Scene, physics: o.Physics);
        VirtualSo101? arm = null;
        MjpegServer? server = null;
        RigCameraFeed? feed = null;
        try
        {
            var scene = new SimRigScene(plant, o.Seed, o.AutoLabel);
            scene.Reset(Harness.Core.Randomness.EpisodeSeeds.For(o.Seed, 0));
            arm = VirtualSo101.Start(new VirtualSo101Options
            {
                LinkPath = o.LinkPath,
                Plant = plant,
                HandTicksPerSecond = o.HandTicksPerSecond,
                SweepDwell = o.SweepDwell,
                Scene = scene,
            });
            if (o.CameraPort is { } port && o.Scene.Cameras.Count > 0)
            {
                server = MjpegServer.Start(o.Scene.CameraNames, port);
                var first = o.Scene.Cameras[0];
                feed = new RigCameraFeed(plant, server,
                    o.CameraHeight ?? first.Height ?? Harness.Sim.Env.MujocoEnvOptions.DefaultHeight,
                    o.CameraWidth ?? first.Width ?? Harness.Sim.Env.MujocoEnvOptions.DefaultWidth,
                    o.CameraFps, o.Gl ?? GlBackends.Resolve());
            }
            var faults = new FaultSchedule(arm.Bus, o.Faults, o.OnFault);
            return new SimRig(plant, arm, scene, server, feed, faults);
        }
        catch
        {
            feed?.Dispose();
            server?.Dispose();
            arm?.Dispose();
            plant.Dispose();
            throw;
        }
    }

    public MujocoServoPlant Plant { get; }
    public VirtualSo101 Arm { get; }
    public SimRigScene Scene { get; }
    public MjpegServer? Cameras { get; }
    public RigCameraFeed? Feed { get; }
    public VirtualFeetechBus Bus => Arm.Bus;
    public string LinkPath => Arm.LinkPath;

    private bool _disposed;

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _faults.Dispose();
        Feed?.Dispose();
        Cameras?.Dispose();
        Arm.Dispose();
        Plant.Dispose();
    }
}
