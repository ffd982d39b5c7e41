using System.CommandLine;
using Harness.Cli.Composition;
using Harness.Cli.Output;
using Harness.Robots.UR;
using Harness.Robots.Virtual.UR;
using Harness.Sim.Native;
using Harness.Twin.Rig;

namespace Harness.Cli.Commands;

/// <summary>
/// `harness sim-ur --port-offset K`: a virtual UR5e + Robotiq 2F-85 controller on 127.0.0.1 (RTDE,
/// dashboard, secondary, gripper socket at the real ports plus K) moved by the scene's MuJoCo model,
/// with an operator channel, the scene's cameras as MJPEG streams and injected faults. Every motion
/// command it receives is printed and appended to --log. Runs until SIGINT or SIGTERM.
/// </summary>
public static class SimUrCommand
{
    public const string DefaultScene = "ur5e-pick-place";

    public static Command Create()
    {
        var offset = new Option<int>("--port-offset") { Description = "Added to every port (29999, 30002, 30003, 30004, 63352); use the same K with `real ur5e`.", DefaultValueFactory = _ => 0 };
        var scene = new Option<string>("--scene") { Description = "Scene with a UR5e + 2F-85 (name or package folder).", DefaultValueFactory = _ => DefaultScene };
        var seed = new Option<int>("--seed") { Description = "Run seed: RESET lays out episode i of this seed (run the evaluation with the same --seed).", DefaultValueFactory = _ => 0 };
        var fault = new Option<string[]>("--fault") { Description = $"Inject a fault (repeatable): {UrFaultSpec.Forms}.", AllowMultipleArgumentsPerToken = true };
        var autoLabel = new Option<string>("--auto-label")
        {
            Description = "sim (default): the scene's task monitor answers the labelling prompt (`real ur5e eval --auto-label sim`); none: refused, label by hand.",
            DefaultValueFactory = _ => "sim",
        };
        var log = new Option<string?>("--log") { Description = "Append every command that would move the arm or gripper to this file (default: <tmp>/harness-sim-ur-<dashboard port>.log)." };
        var cameraPort = new Option<int>("--camera-port") { Description = "Loopback port of the MJPEG camera server (0: any free port).", DefaultValueFactory = _ => 0 };
        var noCameras = new Option<bool>("--no-cameras") { Description = "Serve no cameras." };
        var cameraSize = new Option<string?>("--camera-size") { Description = "Rendered image size HEIGHTxWIDTH (default: the scene's)." };
        var cameraFps = new Option<double>("--camera-fps") { Description = "Frames per second per watched camera.", DefaultValueFactory = _ => 30 };
        var precise = new Option<bool>("--precise-clock") { Description = "Spin the end of each 2 ms controller cycle (lower jitter, one busy core)." };
        var gl = CommonOptions.Gl();

        var cmd = new Command("sim-ur", "Run a virtual UR5e + Robotiq 2F-85 controller on 127.0.0.1, moved by MuJoCo, until SIGINT or SIGTERM.")
        {
            offset, scene, seed, fault, autoLabel, log, cameraPort, noCameras, cameraSize, cameraFps, precise, gl,
        };
        cmd.SetAction(pr => CliErrors.Guard(() =>
        {
            string label = pr.GetValue(autoLabel)!;
            if (label is not ("sim" or "none"))
                throw new ArgumentException($"--auto-label takes sim (the scene's physics labels outcomes) or none (label by hand); got '{label}'.");
            int? h = null, w = null;
            if (pr.GetValue(cameraSize) is { } size) (h, w) = ImageOptions.ParseSize(size);
            var ports = UrPorts.Default.WithOffset(pr.GetValue(offset));
            var options = new SimUrRigOptions
            {
                Scene = SceneEntry.Resolve(pr.GetValue(scene)!).Definition,
                Ports = ports,
                Seed = pr.GetValue(seed),
                AutoLabel = label == "sim",
                Faults = (pr.GetValue(fault) ?? []).Select(UrFaultSpec.Parse).ToArray(),
                LogPath = pr.GetValue(log) ?? FreshDefaultLog(ports),
                PreciseClock = pr.GetValue(precise),
                CameraPort = pr.GetValue(noCameras) ? null : pr.GetValue(cameraPort),
                CameraHeight = h,
                CameraWidth = w,
                CameraFps = pr.GetValue(cameraFps),
                Gl = GlBackends.Resolve(pr.GetValue(gl)),
                OnFault = f => Console.WriteLine($"fault injected: {f}"),
            };
            return Serve(options);
        }));
        return cmd;
    }

    // The default log is this rig's own: each run starts it empty, so it lists this run's commands only.
    private static string FreshDefaultLog(UrPorts ports)
    {
        string path = SimUrChannel.LinkFor(ports) + ".log";
        File.Delete(path);
        return path;
    }

    private static int Serve(SimUrRigOptions options)
    {
        using var stop = new StopSignals();
        using var rig = SimUrRig.Start(options);
        var p = rig.Controller.Ports;
        Console.WriteLine($"virtual UR5e + Robotiq 2F-85 on 127.0.0.1: dashboard {p.Dashboard}, secondary {p.Secondary}, realtime {p.Realtime}, RTDE {p.Rtde}, gripper {p.Gripper}; " +
                          $"scene {options.Scene.Name}, seed {options.Seed}");
        Console.WriteLine($"operator channel: {rig.OperatorSocketPath} (RESET, LABEL{(options.AutoLabel ? ": answered by the scene's physics" : ": refused (--auto-label none)")})");
        Console.WriteLine($"controller log (every command that would move the arm or gripper): {options.LogPath}");
        if (rig.Cameras is { } cams)
            foreach (var c in cams.Cameras) Console.WriteLine($"camera {c}: {cams.Url(c)}");
        Console.WriteLine("ready; stop with Ctrl-C or SIGTERM.");
        int printed = 0;
        while (!stop.Wait(TimeSpan.FromMilliseconds(250)))
        {
            var entries = rig.Controller.Log.Entries;
            // servoj arrives at the policy rate: say that it streams, not every target.
            for (; printed < entries.Count; printed++)
                if (!entries[printed].Command.StartsWith("servoj", StringComparison.Ordinal) || printed == 0 || !entries[printed - 1].Command.StartsWith("servoj", StringComparison.Ordinal))
                    Console.WriteLine(FormattableString.Invariant($"moved: {entries[printed].ControllerTime:0.000} s {entries[printed].Source}: {entries[printed].Command}{(entries[printed].Command.StartsWith("servoj", StringComparison.Ordinal) ? " (streaming...)" : "")}"));
        }
        var all = rig.Controller.Log.Entries;
        Console.WriteLine($"stopping the virtual UR5e: {all.Count} motion command(s) received, {all.Count(e => e.Command.StartsWith("servoj", StringComparison.Ordinal))} servoj.");
        foreach (var e in rig.Controller.ProgramErrors) Console.WriteLine($"program: {e}");
        return 0;
    }
}
