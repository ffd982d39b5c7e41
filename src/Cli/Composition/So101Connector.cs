using System.Globalization;
using Harness.Core.Robots;
using Harness.Robots.Feetech;
using Harness.Robots.RealTime;
using Harness.Robots.So101;
using Harness.Twin.Hardware;

namespace Harness.Cli.Composition;

/// <summary>`real so101 eval`: an SO-101 follower on a serial port, with LeRobot's calibration file.</summary>
public sealed record So101Connector(string Port, string CalibrationPath) : IRealRobotConnector
{
    /// <summary>
    /// Where the arm is sent before torque goes off, unless --rest-pose says otherwise: folded
    /// down (upper arm back, forearm and wrist folded, gripper closed), in LeRobot units. The rest
    /// pose used is where the simulated twin comes to rest when driven there (limits, table, its own links).
    /// </summary>
    public static readonly IReadOnlyList<double> FoldedRestPose = [0, -100, 100, 75, 0, 0];

    public string? RestPose { get; init; }
    public double? MaxRelativeTarget { get; init; }
    public So101Safety? Safety { get; init; }
    public FeetechBusOptions Bus { get; init; } = FeetechBusOptions.Default;

    public string Robot => "so101_follower";
    public string DefaultScene => Harness.Sim.Scenes.SceneCatalog.Default;
    public string OperatorLink => Port;
    public string OperatorStartHint => $"harness sim-bus so101 --link {Port}";

    public RobotSpec SpecFor(RobotSpec twin, IReadOnlyList<CameraSpec> cameras) => So101Follower.SpecFor(twin, So101Motors.Follower(), cameras);

    public IRealRobotEnv Connect(RealRobotSession s)
    {
        ArmCalibration calibration;
        IReadOnlyList<double> rest;
        try
        {
            calibration = CalibrationFile.Load(CalibrationPath);
            rest = Rest(s.Twin);
        }
        catch
        {
            s.Cameras?.Dispose();
            throw;
        }
        return So101Follower.Connect(new So101FollowerOptions
        {
            Port = Port,
            Calibration = calibration,
            TwinSpec = s.Twin.Spec,
            Schema = s.Twin.Env.Schema,
            TaskText = s.Twin.Env.TaskText,
            StartPose = s.Scene.Definition.HomePose,
            RestPose = rest,
            Operator = s.Operator,
            Labeler = s.Labeler,
            DryRun = s.DryRun,
            Safety = (Safety ?? So101Safety.Default) with { MaxRelativeTarget = MaxRelativeTarget is { } m ? [m] : Safety?.MaxRelativeTarget },
            Cameras = s.Cameras,
            Twin = s.Twin,
            ResetGuide = new SceneResetGuide(s.Twin),
            ResetImageDirectory = s.ResetImageDirectory,
            Log = s.Log,
            Bus = Bus,
        });
    }

    public IReadOnlyDictionary<string, object> Describe() => new Dictionary<string, object>
    {
        ["robot"] = Robot, ["port"] = Port, ["calibration"] = Path.GetFullPath(CalibrationPath),
    };

    public IReadOnlyDictionary<string, string> Settings() => new Dictionary<string, string>
    {
        ["max_relative_target"] = MaxRelativeTarget?.ToString(CultureInfo.InvariantCulture) ?? "none",
    };

    private IReadOnlyList<double> Rest(MujocoTwin twin)
    {
        var spec = twin.Spec;
        if (RestPose is not { } text) return spec.ClampAction(twin.Settle(FoldedRestPose).Select(v => Math.Round(v, 1)).ToArray());
        var values = text.Split(',', StringSplitOptions.TrimEntries).Select(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : double.NaN).ToArray();
        if (values.Length != spec.Joints.Count || values.Any(double.IsNaN))
            throw new ArgumentException($"--rest-pose needs {spec.Joints.Count} numbers ({string.Join(", ", spec.Joints.Select(j => j.Key))}); got '{text}'.");
        return values;
    }
}
