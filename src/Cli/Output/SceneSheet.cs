using System.Globalization;
using Harness.Core.Robots;
using Harness.Core.Tasks;
using Harness.Sim.Env;
using Spectre.Console;

namespace Harness.Cli.Output;

/// <summary>
/// What `harness scenes` prints about one scene, read from the environment's descriptions alone:
/// the joints (unit, kind, limits), the action representation, the cameras (kind, resolution,
/// field of view), every feature with its element units, and the task's outcome classes and
/// metrics with their definitions, and the robustness axes the package declares.
/// </summary>
public static class SceneSheet
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Print(MujocoEnv env)
    {
        var spec = env.Spec;
        var def = env.Scene;
        AnsiConsole.MarkupLine($"[bold underline]{Markup.Escape(def.Name)}[/]: {Markup.Escape(def.Description)}");
        AnsiConsole.MarkupLine($"robot [bold]{Markup.Escape(spec.RobotType)}[/]; control {F(spec.ControlHz)} Hz ({env.Substeps} physics substeps of " +
                               $"{F(env.Model.Timestep * 1000)} ms), step limit {spec.MaxEpisodeSteps}; action representation: " +
                               $"[bold]{Markup.Escape(Action(spec.ActionRepresentation))}[/]");

        var joints = new Table().Border(TableBorder.Simple).Title("joints (action order)");
        // Keys, names and kinds are identifiers to copy: they never wrap (the text columns do).
        joints.AddColumn(new TableColumn("key").NoWrap());
        joints.AddColumn(new TableColumn("kind").NoWrap());
        foreach (var c in new[] { "unit", "min", "max", "gripper" }) joints.AddColumn(c);
        foreach (var j in spec.Joints)
            joints.AddRow(Markup.Escape(j.Key), j.Kind == JointKind.Gripper ? "gripper" : "joint position", Markup.Escape(j.Unit), F(j.Min), F(j.Max),
                j.Gripper is { } g ? $"open {F(g.Open)}, closed {F(g.Closed)}" : "");
        AnsiConsole.Write(joints);

        var cameras = new Table().Border(TableBorder.Simple).Title("cameras (resolution: --image-size)");
        cameras.AddColumn(new TableColumn("name").NoWrap());
        foreach (var c in new[] { "kind", "resolution (HxW)", "fov y / x (deg)" }) cameras.AddColumn(c);
        foreach (var c in spec.Cameras)
            cameras.AddRow(Markup.Escape(c.Name), c.Kind == CameraKind.Depth ? "depth (m)" : "rgb", $"{c.Height}x{c.Width}", $"{F(c.FovYDeg)} / {F(c.FovXDeg)}");
        AnsiConsole.Write(cameras);

        // One line per feature: element lists are long and read better wrapped than squeezed into a column.
        AnsiConsole.MarkupLine("[bold]features[/] (LeRobot names):");
        foreach (var f in spec.Features)
            AnsiConsole.MarkupLine($"  [bold]{Markup.Escape(f.Name)}[/]{(f.Privileged ? " [yellow](sim only)[/]" : "")}: {f.DType} " +
                                   $"{Markup.Escape($"[{string.Join(", ", f.Shape)}]")}, {Markup.Escape(Kind(f, spec))}{Markup.Escape(Elements(f))}");

        var schema = env.Schema;
        AnsiConsole.MarkupLine($"task [bold]{Markup.Escape(schema.Name)}[/]: \"{Markup.Escape(env.TaskText)}\"");
        var classes = new Table().Border(TableBorder.Simple).Title("outcome classes (checked in order of precedence; the first that matches labels the episode)");
        foreach (var c in new[] { "class", "precedence", "key", "definition" }) classes.AddColumn(c);
        foreach (var c in schema.Classes)
            classes.AddRow(Markup.Escape(c.Label), c.Precedence.ToString(Inv), c.OperatorKey is { } k ? k.ToString() : "", Markup.Escape(c.Definition));
        AnsiConsole.Write(classes);
        var metrics = new Table().Border(TableBorder.Simple).Title("per-episode metrics (episodes.csv columns)");
        metrics.AddColumn(new TableColumn("metric").NoWrap());
        foreach (var c in new[] { "unit", "over a run", "definition" }) metrics.AddColumn(c);
        foreach (var m in schema.Metrics)
            metrics.AddRow(Markup.Escape(m.Key), Markup.Escape(m.Unit), Markup.Escape(string.Join(", ", m.Aggregations.Select(Aggregation))), Markup.Escape(m.Definition));
        AnsiConsole.Write(metrics);

        if (def.Perturbations.Count == 0) return;
        var axes = new Table().Border(TableBorder.Simple).Title("perturbation axes (harness robustness --axes)");
        axes.AddColumn(new TableColumn("axis").NoWrap());
        axes.AddColumn(new TableColumn("kind").NoWrap());
        foreach (var c in new[] { "nominal", "range", "what" }) axes.AddColumn(c);
        foreach (var a in def.Perturbations)
            axes.AddRow(Markup.Escape(a.Name), Markup.Escape(a.Kind), Markup.Escape(a.Describe(a.Range.Nominal)),
                Markup.Escape($"{a.Describe(a.Range.Low)} .. {a.Describe(a.Range.High)}"), Markup.Escape(a.Description));
        AnsiConsole.Write(axes);
    }

    private static string Kind(FeatureSpec f, RobotSpec spec)
    {
        if (f.IsImage) return spec.Cameras.FirstOrDefault(c => c.FeatureName == f.Name)?.Kind == CameraKind.Depth ? "depth image" : "rgb image";
        if (f.Name is FeatureNames.State or FeatureNames.Action && f.Size == spec.Joints.Count)
            return string.Join(", ", spec.Joints.Select(j => j.Kind == JointKind.Gripper ? "gripper" : "joint position").Distinct()) +
                   (f.Name == FeatureNames.Action ? $" ({Action(spec.ActionRepresentation)})" : "");
        return f.Privileged ? "privileged simulator state" : "vector";
    }

    /// <summary>"; elements: name (unit), ..." for vectors; images say what their values are.</summary>
    private static string Elements(FeatureSpec f)
    {
        if (f.IsImage) return f.DType == FeatureDType.Image ? " (uint8 pixels)" : f.Units is { Count: > 0 } u ? $" ({u[0]})" : "";
        var names = f.Names ?? Enumerable.Range(0, f.Size).Select(i => $"[{i}]").ToList();
        return "; elements: " + string.Join(", ", names.Select((n, i) =>
            f.Units is { } u && i < u.Count ? $"{n} ({u[i]})" : n)) + (f.Units is null ? " (units not declared)" : "");
    }

    private static string Action(ActionRepresentation a) => a.Kind switch
    {
        ActionKind.AbsoluteJoints => "absolute joint positions",
        ActionKind.DeltaJoints => "joint offsets from the state at the query",
        ActionKind.StepDeltaJoints => "joint offsets from the previous action",
        ActionKind.EndEffectorPose => "end-effector pose + gripper",
        _ => a.Kind.ToString(),
    } + (a.Convention is { Length: > 0 } c ? $" ({c})" : "");

    private static string Aggregation(MetricAggregation a) => a switch
    {
        MetricAggregation.MeanSuccess => "mean of successes",
        _ => a.ToString().ToLowerInvariant(),
    };

    private static string F(double v) => v.ToString("0.###", Inv);
}
