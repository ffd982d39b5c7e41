using System.Text.Json.Nodes;
using Harness.Core.Robots;
using Harness.Datasets.Format;

namespace Harness.Datasets.Robots;

/// <summary>
/// Checks that a dataset's actions can drive a robot: the action feature's elements map onto the
/// robot's joints (by name, or through a --map), the dataset's fps equals the control rate, and
/// the values are in the robot's units (SO-101 data in LeRobot's older -100..100 joint units is
/// recognised from its value ranges). Each problem names the file and what was expected.
/// </summary>
public static class DatasetRobotCheck
{
    /// <summary>For each robot joint, the index of the dataset action element that drives it.</summary>
    public static int[] ActionMapping(LeRobotDataset ds, RobotSpec robot, IReadOnlyDictionary<string, string>? map = null)
    {
        string info = ds.FullPath(InfoJson.RelativePath);
        var action = ds.Info.Feature(FeatureNames.Action)
                     ?? throw new DatasetFormatException(info, $"has no '{FeatureNames.Action}' feature; a dataset to replay needs recorded actions.");
        var joints = robot.Joints.Select(j => j.Key).ToArray();
        var names = action.Names?.Flat.ToArray();
        if (names is null || names.Length != action.Size)
        {
            if (action.Size != joints.Length)
                throw new DatasetFormatException(info, $"'action' has {action.Size} elements; {robot.RobotType} has {joints.Length} joints ({string.Join(", ", joints)}).");
            return Enumerable.Range(0, joints.Length).ToArray();
        }
        // --map dataset_name=robot_key renames dataset elements before matching.
        var renamed = names.Select(n => map is not null && map.TryGetValue(n, out var to) ? to : n).ToArray();
        var mapping = new int[joints.Length];
        var missing = new List<string>();
        for (int j = 0; j < joints.Length; j++)
        {
            mapping[j] = Array.IndexOf(renamed, joints[j]);
            if (mapping[j] < 0) missing.Add(joints[j]);
        }
        if (missing.Count > 0)
        {
            var unused = renamed.Where(n => !joints.Contains(n)).ToArray();
            string suggestion = unused.Length > 0
                ? $" Map them with --map {string.Join(",", unused.Zip(missing).Select(p => $"{p.First}={p.Second}"))}."
                : "";
            throw new DatasetFormatException(info,
                $"the dataset's actions ({string.Join(", ", names)}) do not cover {robot.RobotType}'s joints: missing {string.Join(", ", missing)}.{suggestion}");
        }
        return mapping;
    }

    public static void CheckRate(LeRobotDataset ds, RobotSpec robot)
    {
        if (Math.Abs(ds.Fps - robot.ControlHz) > 1e-6)
            throw new DatasetFormatException(ds.FullPath(InfoJson.RelativePath),
                $"fps is {ds.Fps}; {robot.RobotType} here runs at {robot.ControlHz:0.###} Hz. Replayed at the wrong rate every motion would be {robot.ControlHz / ds.Fps:0.##} times too slow or fast; use a scene with a {ds.Fps} Hz control rate or resample the dataset.");
    }

    /// <summary>
    /// Units: declared ones (Harness writes them into the feature's info) must equal the robot's;
    /// without a declaration, SO-101 body joints whose values all lie within -100..100 and touch
    /// +-100 are LeRobot's older RANGE_M100_100 units, not degrees.
    /// </summary>
    public static void CheckUnits(LeRobotDataset ds, RobotSpec robot, int[] mapping, IReadOnlyList<(double Min, double Max)> ranges)
    {
        string info = ds.FullPath(InfoJson.RelativePath);
        var declared = DeclaredUnits(ds.Info.Feature(FeatureNames.Action));
        for (int j = 0; j < robot.Joints.Count; j++)
        {
            var joint = robot.Joints[j];
            if (declared is not null && mapping[j] < declared.Count && declared[mapping[j]] != joint.Unit)
                throw new DatasetFormatException(info, $"action element '{joint.Key}' is in {declared[mapping[j]]}; {robot.RobotType} takes {joint.Unit}. Convert the dataset first.");
        }
        if (declared is not null) return;
        var body = Enumerable.Range(0, robot.Joints.Count).Where(j => !robot.Joints[j].IsGripper && robot.Joints[j].Unit == Units.Degrees).ToArray();
        if (body.Length == 0) return;
        bool within = body.All(j => ranges[mapping[j]].Min >= -100 && ranges[mapping[j]].Max <= 100);
        bool touches = body.Any(j => ranges[mapping[j]].Min <= -95 || ranges[mapping[j]].Max >= 95);
        if (within && touches)
            throw new DatasetFormatException(info,
                $"the body joints' actions all lie within -100..100 and reach +-{body.Max(j => Math.Max(-ranges[mapping[j]].Min, ranges[mapping[j]].Max)):0.#}: this looks like LeRobot's older -100..100 joint units (RANGE_M100_100), while {robot.RobotType} here takes degrees. Convert the dataset to degrees with your calibration (LeRobot >= 0.4 records degrees).");
    }

    private static IReadOnlyList<string>? DeclaredUnits(FeatureInfo? f)
    {
        if (f?.InfoJson is null) return null;
        return JsonNode.Parse(f.InfoJson)?["units"] is JsonArray a ? a.Select(x => x!.GetValue<string>()).ToArray() : null;
    }
}
