using Harness.Robots.Operators;
using Harness.Robots.UR;
using Harness.Robots.Virtual.Cameras;
using Harness.Robots.Virtual.Operator;
using Harness.Robots.Virtual.UR;
using Harness.Sim.Native;
using Harness.Sim.Scenes;

namespace Harness.Twin.Rig;

/// <summary>How to build a simulated UR5e + 2F-85 rig.</summary>
public sealed record SimUrRigOptions
{
    public required SceneDefinition Scene { get; init; }

    /// <summary>The controller's ports (the real ones plus --port-offset; port 0 picks a free one).</summary>
    public UrPorts Ports { get; init; } = UrPorts.Default;

    /// <summary>The run seed whose episodes RESET lays out.</summary>
    public int Seed { get; init; }

    /// <summary>Let the scene's task monitor answer LABEL requests (the default).</summary>
    public bool AutoLabel { get; init; } = true;

    public IReadOnlyList<UrFaultSpec> Faults { get; init; } = [];

    /// <summary>Where the operator channel listens (its ".operator" socket); <see cref="SimUrChannel.LinkFor"/> of the ports when null.</summary>
    public string? ChannelLink { get; init; }

    /// <summary>Every motion command the controller receives is appended here too (the proof that a dry run moved nothing).</summary>
    public string? LogPath { get; init; }

    /// <summary>Spin the end of each 2 ms controller cycle (low jitter, one busy core).</summary>
    public bool PreciseClock { get; init; }

    /// <summary>Serve the scene's cameras as MJPEG on this loopback port (0: any free port); null: no cameras.</summary>
    public int? CameraPort { get; init; } = 0;
    public int? CameraHeight { get; init; }
    public int? CameraWidth { get; init; }
    public double CameraFps { get; init; } = 30;
    public GlBackend? Gl { get; init; }

    public Action<UrFaultSpec>? OnFault { get; init; }
}

/// <summary>
/// A virtual UR5e + Robotiq 2F-85 in its scene (`harness sim-ur`): the virtual controller's RTDE,
/// dashboard, secondary and gripper sockets around the scene's MuJoCo model
/// (<see cref="MujocoUrPlant"/>), the operator channel with the scene (RESET lays out episode i of
/// <see cref="SimUrRigOptions.Seed"/>, LABEL answers from the task monitor), the scene's cameras as
/// MJPEG streams, and injected faults.
/// </summary>
public sealed class SimUrRig : IDisposable
{
    private readonly UrFaultSchedule _faults;
    private readonly OperatorChannelServer _channel;

    private SimUrRig(MujocoUrPlant plant, VirtualUrController controller, SimRigScene scene, OperatorChannelServer channel,
        MjpegServer? cameras, RigCameraFeed? feed, UrFaultSchedule faults)
    {
        Plant = plant;
        Controller = controller;
        Scene = scene;
        _channel = channel;
        Cameras = cameras;
        Feed = feed;
        _faults = faults;
    }

    public static SimUrRig Start(SimUrRigOptions o)
    {
        var plant = new MujocoUrPlant(o.Scene);
        VirtualUrController? controller = null;
        OperatorChannelServer? channel = null;
        MjpegServer? server = null;
        RigCameraFeed? feed = null;
        try
        {
            var scene = new SimRigScene(plant, o.Seed, o.AutoLabel);
            scene.Reset(Harness.Core.Randomness.EpisodeSeeds.For(o.Seed, 0));
            controller = VirtualUrController.Start(new VirtualUrOptions
            {
                Ports = o.Ports,
                InitialQ = plant.State.Q,
                LogPath = o.LogPath,
                PreciseClock = o.PreciseClock,
                Plant = _ => plant,
                GripperPlant = () => plant,
            });
            string link = o.ChannelLink ?? SimUrChannel.LinkFor(controller.Ports);
            channel = OperatorChannelServer.Start(OperatorChannel.SocketPath(link), line => Handle(line, scene));
            (server, feed) = RigCameraFeed.Serve(plant, o.CameraPort, o.CameraHeight, o.CameraWidth, o.CameraFps, o.Gl);
            var faults = new UrFaultSchedule(controller, o.Faults, o.OnFault);
            return new SimUrRig(plant, controller, scene, channel, server, feed, faults);
        }
        catch
        {
            feed?.Dispose();
            server?.Dispose();
            channel?.Dispose();
            controller?.Dispose();
            plant.Dispose();
            throw;
        }
    }

    // A UR rig's operator only resets the scene and labels; nobody moves a UR5e's joints by hand here.
    private static string Handle(string line, SimRigScene scene) =>
        RigOperator.SceneRequest(line.Split(' ', StringSplitOptions.RemoveEmptyEntries), scene)
        ?? $"{OperatorChannel.Error} unknown request '{line}'; this UR rig understands '{OperatorChannel.Reset} SEED' and '{OperatorChannel.Label} STEPS 0|1'";

    public MujocoUrPlant Plant { get; }
    public VirtualUrController Controller { get; }
    public SimRigScene Scene { get; }
    public MjpegServer? Cameras { get; }
    public RigCameraFeed? Feed { get; }
    public string OperatorSocketPath => _channel.SocketPath;

    private bool _disposed;

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _faults.Dispose();
        Feed?.Dispose();
        Cameras?.Dispose();
        _channel.Dispose();
        Controller.Dispose();
        Plant.Dispose();
    }
}
