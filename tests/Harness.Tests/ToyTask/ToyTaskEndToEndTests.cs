using System.Text.Json;
using Harness.Eval.Runs;
using Harness.Tests.Support;

namespace Harness.Tests.ToyTask;

/// <summary>
/// A task defined only in this folder (scene package, task type, monitor, schema, policies) runs through
/// `harness eval` and `harness report` like a built-in one: its classes and metrics become the
/// columns of episodes.csv and of the report, and a report over both tasks keeps them apart.
/// </summary>
[NonParallelizable] // redirects Console
public class ToyTaskEndToEndTests
{
    private static readonly (string Name, double Target)[] Policies = [("aim", 0.27), ("long", 0.40), ("short", 0.15)];

    [Test]
    public void The_toy_task_runs_through_eval_and_report_with_its_own_classes_and_metrics()
    {
        using var dir = new TempDir("toy");
        var scene = ToyPushPackage.Write(dir["scene"]);
        foreach (var (name, target) in Policies)
        {
            var pkg = ToyPushPolicy.Write(dir[$"pkg/{name}"], target);
            var (code, _, err) = InProcessCli.Run("eval", "--scene", scene, "--policy", "onnx:" + pkg, "--episodes", "12", "--seed", "0",
                "--out", dir[$"runs/{name}"]);
            Assert.That(code, Is.Zero, err);
        }
        var runs = Policies.ToDictionary(p => p.Name, p => RunDirectoryReader.Read(dir[$"runs/{p.Name}"]));
        Assert.That(File.ReadLines(dir["runs/aim/episodes.csv"]).First(), Does.Contain(",steps,touched,puck_travel_m,zone_distance_m,time_to_touch_s,policy_calls,"));
        Assert.That(runs["aim"].Summary.Schema.Name, Is.EqualTo("toy-push-puck"));
        // Each way of failing shows up (the physics of the toy decide which; the labels come from its own monitor).
        var seen = runs.Values.SelectMany(r => r.Episodes).Select(e => e.Outcome).ToHashSet();
        Assert.That(seen, Is.SupersetOf(new[] { "SUCCESS", "PUSHED_PAST", "STOPPED_SHORT", "NEVER_TOUCHED" }));
        Assert.That(runs["long"].Episodes.Count(e => e.Outcome == "PUSHED_PAST"), Is.GreaterThan(runs["aim"].Episodes.Count(e => e.Outcome == "PUSHED_PAST")));

        var (rc, _, rerr) = InProcessCli.Run("report", dir["runs"], "--out", dir["report"]);
        Assert.That(rc, Is.Zero, rerr);
        var md = File.ReadAllText(dir["report/report.md"]);
        var header = md.Split('\n').First(l => l.StartsWith("| Run |"));
        Assert.That(header, Does.Contain("| Pushed past | Stopped short | Never touched |"), "the toy's classes are the columns, in precedence order");
        Assert.That(header, Does.Not.Contain("Never picked up"));
        var metricHeader = md.Split('\n').First(l => l.StartsWith("| Run |") && l.Contains("touched rate"));
        Assert.That(metricHeader, Does.Contain("puck_travel_m mean (m)").And.Contain("zone_distance_m max (m)").And.Contain("time_to_touch_s p50 (s)"));
        Assert.That(md, Does.Contain("**PUSHED_PAST**: the puck was pushed and rests beyond the zone"));
        foreach (var (name, _) in Policies)
        {
            var row = md.Split('\n').Single(l => l.StartsWith($"| `{name}` |") && l.Contains("onnx:"));
            var counts = new[] { "PUSHED_PAST", "STOPPED_SHORT", "NEVER_TOUCHED" }.Select(c => runs[name].Episodes.Count(e => e.Outcome == c));
            Assert.That(row, Does.Contain(" | " + string.Join(" | ", counts) + " | "), $"{name}: the class counts of episodes.csv");
        }
        using var json = JsonDocument.Parse(File.ReadAllText(dir["report/report.json"]));
        var section = json.RootElement.GetProperty("scenes").EnumerateArray().Single();
        Assert.That(section.GetProperty("schema").GetProperty("name").GetString(), Is.EqualTo("toy-push-puck"));
        Assert.That(section.GetProperty("paired").GetArrayLength(), Is.EqualTo(3), "same scene files, same seeds: every pair is compared");
    }

    [Test]
    public void A_report_over_two_tasks_gives_each_its_own_section_and_columns()
    {
        using var dir = new TempDir("two");
        var scene = ToyPushPackage.Write(dir["scene"]);
        var pkg = ToyPushPolicy.Write(dir["pkg"], 0.27);
        Assert.That(InProcessCli.Run("eval", "--scene", scene, "--policy", "onnx:" + pkg, "--episodes", "4", "--out", dir["runs/toy"]).Code, Is.Zero);
        Assert.That(InProcessCli.Run("eval", "--scene", "so101-pick-place", "--policy", "scripted", "--episodes", "3", "--out", dir["runs/pick"]).Code, Is.Zero);
        var (rc, stdout, rerr) = InProcessCli.Run("report", dir["runs"], "--out", dir["report"]);
        Assert.That(rc, Is.Zero, rerr);
        Assert.That(stdout, Does.Contain("scene toy-push, task toy-push-puck").And.Contain("scene so101-pick-place, task pick-place"));

        var md = File.ReadAllText(dir["report/report.md"]);
        var sections = md.Split("\n## ").Skip(1).ToDictionary(s => s.Split('\n')[0]);
        Assert.That(sections.Keys, Is.EquivalentTo(new[] { "Scene `toy-push`", "Scene `so101-pick-place`" }));
        string Header(string scene) => sections[scene].Split('\n').First(l => l.StartsWith("| Run |"));
        Assert.That(Header("Scene `toy-push`"), Does.Contain("Never touched").And.Not.Contain("Never picked up"));
        Assert.That(Header("Scene `so101-pick-place`"), Does.Contain("Never picked up").And.Not.Contain("Never touched"));
        Assert.That(md, Does.Not.Contain("| `toy` | `pick` |"), "runs of different tasks are never compared");
    }
}
