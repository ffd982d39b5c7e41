using Harness.Tests.Support;
using Harness.Cli;
using Harness.Eval.Reports;
using Harness.Eval.Runs;
using Harness.Eval.Statistics;
using NUnit.Framework;

namespace Harness.Tests.Reports;

[NonParallelizable] // redirects Console
public class ReportCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => InProcessCli.Run(args);

    [Test]
    public void EmptyFolderFailsWithAClearMessage()
    {
        using var tmp = new ScratchDir();
        var empty = Directory.CreateDirectory(tmp.Sub("empty")).FullName;
        var (code, _, err) = Run("report", empty, "--out", tmp.Sub("out"));
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain($"no run found in '{empty}'").And.Contain("run.json"));
        Assert.That(Directory.Exists(tmp.Sub("out")), Is.False, "nothing is written on error");
    }

    [Test]
    public void WritesAllReportFilesForAFolderOfRuns()
    {
        using var tmp = new ScratchDir();
        RunFixture.Write(tmp.Sub("runs", "a"), new RunSpec("act", 0.5) { Episodes = 20 });
        RunFixture.Write(tmp.Sub("runs", "b"), new RunSpec("diffusion", 0.7) { Episodes = 20 });
        var (code, stdout, err) = Run("report", tmp.Sub("runs"), "--out", tmp.Sub("out"), "--title", "Nightly");
        Assert.That(code, Is.EqualTo(0), err);
        foreach (var f in new[] { "report.md", "report.html", "report.json", "runs.csv" })
            Assert.That(File.Exists(tmp.Sub("out", f)), f);
        Assert.That(File.ReadAllText(tmp.Sub("out", "report.md")), Does.StartWith("# Nightly"));
        Assert.That(stdout, Does.Contain("1 paired comparison"));
    }

    [Test]
    public void ReportsRunsThatTheRealEvalWrote()
    {
        using var tmp = new ScratchDir();
        foreach (var (name, policy) in new[] { ("expert", "scripted"), ("weak-grip", "scripted:weak-grip") })
        {
            var (code, _, err) = Run("eval", "--scene", "so101-pick-place", "--policy", policy, "--episodes", "4", "--image-size", "48x64",
                "--out", tmp.Sub("runs", name));
            Assert.That(code, Is.EqualTo(0), err);
        }
        var (rc, _, rerr) = Run("report", tmp.Sub("runs"), "--out", tmp.Sub("out"));
        Assert.That(rc, Is.EqualTo(0), rerr);

        var expert = RunDirectoryReader.Read(tmp.Sub("runs", "expert"));
        var weak = RunDirectoryReader.Read(tmp.Sub("runs", "weak-grip"));
        int onlyExpert = expert.Episodes.Zip(weak.Episodes).Count(p => p.First.Success && !p.Second.Success);
        int onlyWeak = expert.Episodes.Zip(weak.Episodes).Count(p => !p.First.Success && p.Second.Success);
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(tmp.Sub("out", JsonExporter.FileName)));
        var pair = json.RootElement.GetProperty("scenes")[0].GetProperty("paired")[0];
        Assert.That(pair.GetProperty("only_a").GetInt32(), Is.EqualTo(onlyExpert));
        Assert.That(pair.GetProperty("only_b").GetInt32(), Is.EqualTo(onlyWeak));
        Assert.That(pair.GetProperty("p_value").GetDouble(), Is.EqualTo(McNemarTest.ExactPValue(onlyExpert, onlyWeak)));
    }
}
