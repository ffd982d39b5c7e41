using System.CommandLine;
using System.Runtime.InteropServices;
using Harness.Cli.Composition;
using Harness.Cli.Output;

namespace Harness.Cli.Commands;

/// <summary>`harness real so101 eval`: N episodes of a policy on the real arm, into the same run files as simulation.</summary>
public static class RealEvalCommand
{
    public static Command Create()
    {
        var port = new Option<string>("--port") { Description = "Serial port of the arm's bus adapter (or a sim-bus --link).", Required = true };
        var calibration = new Option<string>("--calibration") { Description = "LeRobot calibration file of this arm (`harness real so101 calibrate`).", Required = true };
        var policy = CommonOptions.Policy();
        var scene = CommonOptions.Scene(required: false);
        var episodes = new Option<int>("--episodes") { Description = "Number of episodes.", DefaultValueFactory = _ => 10 };
        var seed = CommonOptions.Seed();
        var outDir = new Option<string>("--out") { Description = "Run directory to write (run.json, episodes.csv, whiskers/, resets/).", Required = true };
        var dryRun = new Option<bool>("--dry-run") { Description = "Read state and cameras and run the policy, but never write a goal position or switch torque on." };
        var autoLabel = new Option<string?>("--auto-label") { Description = "sim: a virtual rig's physics resets the scene and labels outcomes (sim-bus --auto-label sim)." };
        var record = new Option<string?>("--record") { Description = "Also write the real episodes as a LeRobot dataset into this new folder." };
        var recordFormat = new Option<string?>("--record-format") { Description = "Dataset layout: v3.0 (default) or v2.1." };
        var cameras = new Option<string[]>("--cameras")
        {
            Description = "Cameras, name=LOCATION (repeatable or comma separated): a V4L2 device by a stable path (/dev/v4l/by-id/...), an MJPEG http:// URL or an rtsp:// URL; names are the scene's camera names.",
            AllowMultipleArgumentsPerToken = true,
        };
        var imageSize = new Option<string?>("--image-size") { Description = "Resolution the cameras must deliver, HEIGHTxWIDTH (default: the scene's camera resolution, else 480x640)." };
        var maxSteps = new Option<int?>("--max-steps") { Description = "Episode step limit (default: the scene's)." };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace an existing run in --out." };
        var prompt = new Option<string?>("--prompt") { Description = "Task text sent to language-conditioned policies instead of the scene's." };
        var requestAt = new Option<double>("--request-at") { Description = "Ask for the next chunk once this fraction of the current one is left (asynchronous inference).", DefaultValueFactory = _ => 0.5 };
        var blend = new Option<int>("--blend-steps") { Description = "Steps over which a late chunk is blended into the current plan.", DefaultValueFactory = _ => 0 };
        var restPose = new Option<string?>("--rest-pose") { Description = "Joint values (robot units, comma separated) the arm moves to before torque goes off at the end (default: folded)." };
        var maxRelative = new Option<double?>("--max-relative-target") { Description = "LeRobot's max_relative_target: the most a target may differ from the measured position, per step, in joint units." };
        var gl = CommonOptions.Gl();
        var timeout = RealCommand.ReplyTimeout();
        var policyOptions = PolicyOptionSet.Create();

        var cmd = new Command("eval", "Evaluate a policy on the real SO-101 with the simulation's episode loop, run files and reports.")
        {
            port, calibration, policy, scene, episodes, seed, outDir, dryRun, autoLabel, record, recordFormat, cameras, imageSize, maxSteps, overwrite,
            prompt, requestAt, blend, restPose, maxRelative, gl, timeout,
        };
        policyOptions.AddTo(cmd, openPiCameras: false);
        cmd.SetAction(pr => CliErrors.Guard(() =>
        {
            string? label = pr.GetValue(autoLabel);
            if (label is not (null or "sim"))
                throw new ArgumentException($"--auto-label takes 'sim' (a virtual rig's physics labels outcomes); got '{label}'.");
            var req = new RealEvalRequest
            {
                Port = pr.GetValue(port)!,
                CalibrationPath = pr.GetValue(calibration)!,
                Policy = pr.GetValue(policy)!,
                Scene = pr.GetValue(scene)!,
                Episodes = pr.GetValue(episodes),
                Seed = pr.GetValue(seed),
                OutDir = pr.GetValue(outDir)!,
                DryRun = pr.GetValue(dryRun),
                AutoLabel = label == "sim",
                Record = pr.GetValue(record),
                RecordFormat = pr.GetValue(recordFormat),
                Cameras = pr.GetValue(cameras) ?? [],
                ImageSize = pr.GetValue(imageSize),
                MaxSteps = pr.GetValue(maxSteps),
                Overwrite = pr.GetValue(overwrite),
                Prompt = pr.GetValue(prompt),
                RequestAt = pr.GetValue(requestAt),
                BlendSteps = pr.GetValue(blend),
                RestPose = pr.GetValue(restPose),
                MaxRelativeTarget = pr.GetValue(maxRelative),
                Gl = pr.GetValue(gl),
                PolicyOptions = policyOptions.Read(pr),
                Bus = RealCommand.BusOptions(pr.GetValue(timeout)),
            };
            using var cancel = new CancellationTokenSource();
            void Stop(PosixSignalContext c)
            {
                c.Cancel = true;
                Console.Error.WriteLine("stopping: the arm moves to its rest pose, then torque goes off...");
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
