using System.CommandLine;
using System.Runtime.InteropServices;
using Harness.Cli.Composition;
using Harness.Cli.Output;
using Harness.Robots.Virtual.Feetech;
using Harness.Sim.Native;
using Harness.Twin.Rig;

namespace Harness.Cli.Commands;

/// <summary>
/// `harness sim-bus so101 --link PATH`: a virtual SO-101 on a pseudo-terminal (six STS3215
/// answering Feetech's protocol byte for byte), moved by the scene's MuJoCo model, with an
/// operator channel, the scene's cameras as MJPEG streams and injected faults. Runs until SIGINT
/// or SIGTERM.
/// </summary>
public static class SimBusCommand
{
    public static Command Create()
    {
        var link = new Option<string>("--link") { Description = "Path of the serial port to create (a symlink to the pty), e.g. /tmp/so101.", Required = true };
        var scene = CommonOptions.Scene(required: false);
        var seed = new Option<int>("--seed") { Description = "Run seed: RESET lays out episode i of this seed (run the evaluation with the same --seed).", DefaultValueFactory = _ => 0 };
        var fault = new Option<string[]>("--fault") { Description = $"Inject a fault (repeatable): {FaultSpec.Forms}.", AllowMultipleArgumentsPerToken = true };
        var autoLabel = new Option<string>("--auto-label")
        {
            Description = "sim (default): the scene's task monitor answers the operator's labelling prompt (LABEL, what `real so101 eval --auto-label sim` asks); none: the rig refuses, outcomes are labelled by hand.",
            DefaultValueFactory = _ => "sim",
        };
        var cameraPort = new Option<int>("--camera-port") { Description = "Loopback port of the MJPEG camera server (0: any free port).", DefaultValueFactory = _ => 0 };
        var noCameras = new Option<bool>("--no-cameras") { Description = "Serve no cameras." };
        var cameraSize = new Option<string?>("--camera-size") { Description = "Rendered image size HEIGHTxWIDTH (default: the scene's, else 480x640)." };
        var cameraFps = new Option<double>("--camera-fps") { Description = "Frames per second per watched camera.", DefaultValueFactory = _ => 30 };
        var gl = CommonOptions.Gl();
        var handSpeed = new Option<double>("--hand-speed") { Description = "How fast the virtual operator's hand moves a joint, encoder ticks per second.", DefaultValueFactory = _ => 1000 };
        var friction = new Option<double>("--friction") { Description = "Scale every geom's sliding friction (a world more slippery than the scene, for sim-to-real tests).", DefaultValueFactory = _ => 1 };
        var torqueLimit = new Option<string[]>("--torque-limit") { Description = $"Cap a servo's torque (repeatable): {RigPhysics.TorqueLimitForm}, like a weaker real gripper.", AllowMultipleArgumentsPerToken = true };
        var robot = new Argument<string>("robot") { Description = "The robot: so101." };

        var cmd = new Command("sim-bus", "Run a virtual robot on a serial port (pty) for tests and demos, until SIGINT or SIGTERM.")
        {
            robot, link, scene, seed, fault, autoLabel, cameraPort, noCameras, cameraSize, cameraFps, gl, handSpeed, friction, torqueLimit,
        };
        cmd.SetAction(pr => CliErrors.Guard(() =>
        {
            if (pr.GetValue(robot) != "so101")
                throw new ArgumentException($"sim-bus knows the robot 'so101'; got '{pr.GetValue(robot)}'.");
            string label = pr.GetValue(autoLabel)!;
            if (label is not ("sim" or "none"))
                throw new ArgumentException($"--auto-label takes sim (the scene's physics labels outcomes) or none (label by hand); got '{label}'.");
            int? h = null, w = null;
            if (pr.GetValue(cameraSize) is { } size) (h, w) = ImageOptions.ParseSize(size);
            var options = new SimRigOptions
            {
                Scene = SceneEntry.Resolve(pr.GetValue(scene)!).Definition,
                LinkPath = pr.GetValue(link)!,
                Seed = pr.GetValue(seed),
                AutoLabel = label == "sim",
                Faults = (pr.GetValue(fault) ?? []).Select(FaultSpec.Parse).ToArray(),
                Physics = RigPhysics.Parse(pr.GetValue(friction), pr.GetValue(torqueLimit) ?? []),
                CameraPort = pr.GetValue(noCameras) ? null : pr.GetValue(cameraPort),
                CameraHeight = h,
                CameraWidth = w,
                CameraFps = pr.GetValue(cameraFps),
                Gl = GlBackends.Resolve(pr.GetValue(gl)),
                HandTicksPerSecond = pr.GetValue(handSpeed),
                OnFault = f => Console.WriteLine($"fault injected: {f}"),
            };
            return Serve(options);
        }));
        return cmd;
    }

    private static int Serve(SimRigOptions options)
    {
        using var stop = new ManualResetEventSlim();
        void Stop(PosixSignalContext c)
        {
            c.Cancel = true;
            stop.Set();
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var rig = SimRig.Start(options);
        Console.WriteLine($"virtual SO-101 on {rig.LinkPath} (pty {rig.Bus.DevicePath}): six STS3215 (ids {string.Join(", ", rig.Bus.Ids)}), " +
                          $"scene {options.Scene.Name}, seed {options.Seed}" +
                          (options.Physics.IsNominal ? "" : $"; physics differs from the scene: {options.Physics}"));
        Console.WriteLine($"operator channel: {rig.Arm.OperatorSocketPath} (MIDDLE_POSE, SWEEP, RESET, LABEL{(options.AutoLabel ? ": answered by the scene's physics" : ": refused (--auto-label none)")})");
        if (rig.Cameras is { } cams)
            foreach (var c in cams.Cameras) Console.WriteLine($"camera {c}: {cams.Url(c)}");
        Console.WriteLine("ready; stop with Ctrl-C or SIGTERM.");
        while (!stop.Wait(TimeSpan.FromSeconds(1)))
            if (rig.Bus.Failure is { } failure)
            {
                Console.Error.WriteLine($"error: the virtual bus stopped serving: {failure.Message}");
                return 2;
            }
        Console.WriteLine("stopping the virtual SO-101.");
        return 0;
    }
}
