using System.CommandLine;
using System.Runtime.InteropServices;
using Harness.Cli.Composition;
using Harness.Cli.Output;

namespace Harness.Cli.Commands;

/// <summary>
/// `harness real so101 eval` and `harness real ur5e eval`: N episodes of a policy on a real arm,
/// into the same run files as simulation. The options below are every robot's; each robot adds
/// how to reach it (<see cref="IRealRobotConnector"/>).
/// </summary>
public static class RealEvalCommand
{
    public static Command Create()
    {
        var port = new Option<string>("--port") { Description = "Serial port of the arm's bus adapter (or a sim-bus --link).", Required = true };
        var calibration = new Option<string>("--calibration") { Description = "LeRobot calibration file of this arm (`harness real so101 calibrate`).", Required = true };
        var restPose = new Option<string?>("--rest-pose") { Description = "Joint values (robot units, comma separated) the arm moves to before torque goes off at the end (default: folded)." };
        var maxRelative = new Option<double?>("--max-relative-target") { Description = "LeRobot's max_relative_target: the most a target may differ from the measured position, per step, in joint units." };
        var timeout = RealCommand.ReplyTimeout();
        var common = new Common("Read state and cameras and run the policy, but never write a goal position or switch torque on.",
            "sim: a virtual rig's physics resets the scene and labels outcomes (sim-bus --auto-label sim).");
        var cmd = new Command("eval", "Evaluate a policy on the real SO-101 with the simulation's episode loop, run files and reports.")
        {
            port, calibration, restPose, maxRelative, timeout,
        };
        return common.Build(cmd, "the arm moves to its rest pose, then torque goes off", pr => new So101Connector(pr.GetValue(port)!, pr.GetValue(calibration)!)
        {
            RestPose = pr.GetValue(restPose),
            MaxRelativeTarget = pr.GetValue(maxRelative),
            Bus = RealCommand.BusOptions(pr.GetValue(timeout)),
        });
    }

    public static Command CreateUr5e()
    {
        var host = RealUrCommand.Host();
        var offset = RealUrCommand.PortOffset();
        var speed = new Option<double>("--movej-speed") { Description = "Joint speed of the moveJ to the start pose before each episode, rad/s.", DefaultValueFactory = _ => 0.5 };
        var watchdog = new Option<double>("--watchdog-hz") { Description = "The servo program stops when no command arrives for 1/Hz s (RTDE watchdog).", DefaultValueFactory = _ => 5 };
        var stateAge = new Option<int>("--max-state-age-ms") { Description = "Motion is refused when the newest RTDE state is older than this (lost or stalled controller).", DefaultValueFactory = _ => 100 };
        var common = new Common("Connect and read state and cameras and run the policy; every command is computed, safety-checked and logged, none is sent (no program, no gripper command).",
            "sim: a virtual controller's physics resets the scene and labels outcomes (`harness sim-ur`).");
        var cmd = new Command("eval", "Evaluate a policy on a real UR5e + Robotiq 2F-85 with the simulation's episode loop, run files and reports.")
        {
            host, offset, speed, watchdog, stateAge,
        };
        return common.Build(cmd, "streaming stops, the arm decelerates and holds, the program ends", pr =>
        {
            double v = pr.GetValue(speed);
            if (!(v is > 0 and <= 1.0)) throw new ArgumentException($"--movej-speed must lie in (0, 1] rad/s; got {v}.");
            double hz = pr.GetValue(watchdog);
            int age = pr.GetValue(stateAge);
            if (!(hz is >= 1 and <= 100)) throw new ArgumentException($"--watchdog-hz must lie in 1..100; got {hz}.");
            if (age is < 10 or > 5000) throw new ArgumentException($"--max-state-age-ms must lie in 10..5000; got {age}.");
            return new Ur5eConnector(pr.GetValue(host)!, pr.GetValue(offset)) { MoveSpeed = v, WatchdogHz = hz, MaxStateAge = TimeSpan.FromMilliseconds(age) };
        });
    }

    /// <summary>The options every real robot's eval has.</summary>
    private sealed class Common(string dryRunText, string autoLabelText)
    {
        private readonly Option<string> _policy = CommonOptions.Policy();
        private readonly Option<string?> _scene = new("--scene") { Description = "Scene of the simulated twin (name or package folder); default: the robot's scene." };
        private readonly Option<int> _episodes = new("--episodes") { Description = "Number of episodes.", DefaultValueFactory = _ => 10 };
        private readonly Option<int> _seed = CommonOptions.Seed();
        private readonly Option<string> _outDir = new("--out") { Description = "Run directory to write (run.json, episodes.csv, whiskers/, resets/).", Required = true };
        private readonly Option<bool> _dryRun = new("--dry-run") { Description = dryRunText };
        private readonly Option<string?> _autoLabel = new("--auto-label") { Description = autoLabelText + " operator (default): a person labels each outcome." };
        private readonly Option<string?> _record = new("--record") { Description = "Also write the real episodes as a LeRobot dataset into this new folder." };
        private readonly Option<string?> _recordFormat = new("--record-format") { Description = "Dataset layout: v3.0 (default) or v2.1." };
        private readonly Option<string[]> _cameras = new("--cameras")
        {
            Description = "Cameras, name=LOCATION (repeatable or comma separated): a V4L2 device by a stable path (/dev/v4l/by-id/...), an MJPEG http:// URL or an rtsp:// URL; names are the scene's camera names.",
            AllowMultipleArgumentsPerToken = true,
        };
        private readonly Option<string?> _imageSize = new("--image-size") { Description = "Resolution the cameras must deliver, HEIGHTxWIDTH (default: the size an onnx: package's image inputs declare, else the scene's camera resolution, else 480x640)." };
        private readonly Option<int?> _maxSteps = new("--max-steps") { Description = "Episode step limit (default: the scene's)." };
        private readonly Option<bool> _overwrite = new("--overwrite") { Description = "Replace an existing run in --out." };
        private readonly Option<string?> _prompt = new("--prompt") { Description = "Task text sent to language-conditioned policies instead of the scene's." };
        private readonly Option<double> _requestAt = new("--request-at") { Description = "Ask for the next chunk once this fraction of the current one is left (asynchronous inference).", DefaultValueFactory = _ => 0.5 };
        private readonly Option<int> _blend = new("--blend-steps") { Description = "Steps over which a late chunk is blended into the current plan.", DefaultValueFactory = _ => 0 };
        private readonly Option<string?> _gl = CommonOptions.Gl();
        private readonly PolicyOptionSet _policyOptions = PolicyOptionSet.Create();

        public Command Build(Command cmd, string stopping, Func<ParseResult, IRealRobotConnector> robot)
        {
            foreach (var o in new Option[] { _policy, _scene, _episodes, _seed, _outDir, _dryRun, _autoLabel, _record, _recordFormat, _cameras, _imageSize, _maxSteps, _overwrite, _prompt, _requestAt, _blend, _gl })
                cmd.Options.Add(o);
            _policyOptions.AddTo(cmd, openPiCameras: false);
            cmd.SetAction(pr => CliErrors.Guard(() =>
            {
                string? label = pr.GetValue(_autoLabel);
                if (label is not (null or "sim" or "operator"))
                    throw new ArgumentException($"--auto-label takes 'sim' (a virtual rig's physics labels outcomes) or 'operator' (a person does); got '{label}'.");
                var req = new RealEvalRequest
                {
                    Robot = robot(pr),
                    Policy = pr.GetValue(_policy)!,
                    Scene = pr.GetValue(_scene),
                    Episodes = pr.GetValue(_episodes),
                    Seed = pr.GetValue(_seed),
                    OutDir = pr.GetValue(_outDir)!,
                    DryRun = pr.GetValue(_dryRun),
                    AutoLabel = label == "sim",
                    Record = pr.GetValue(_record),
                    RecordFormat = pr.GetValue(_recordFormat),
                    Cameras = pr.GetValue(_cameras) ?? [],
                    ImageSize = pr.GetValue(_imageSize) ?? PolicyImageSize.DeclaredBy(pr.GetValue(_policy)!),
                    MaxSteps = pr.GetValue(_maxSteps),
                    Overwrite = pr.GetValue(_overwrite),
                    Prompt = pr.GetValue(_prompt),
                    RequestAt = pr.GetValue(_requestAt),
                    BlendSteps = pr.GetValue(_blend),
                    Gl = pr.GetValue(_gl),
                    PolicyOptions = _policyOptions.Read(pr),
                };
                using var cancel = new CancellationTokenSource();
                void Stop(PosixSignalContext c)
                {
                    c.Cancel = true;
                    Console.Error.WriteLine($"stopping: {stopping}...");
                    cancel.Cancel();
                }
                using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
                using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
                var summary = RealEvalJob.Run(req, Console.Out, cancel.Token);
                SummaryTable.Print(summary, req.OutDir);
                return 0;
            }));
            return cmd;
        }
    }
}
