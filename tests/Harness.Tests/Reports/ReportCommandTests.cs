using Harness.Cli;
using NUnit.Framework;

namespace Harness.Tests.Reports;

[NonParallelizable] // redirects Console
public class ReportCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        var (o, e) = (new StringWriter(), new StringWriter());
        Console.SetOut(o); Console.SetError(e);
        try { return (Program.Main(args), o.ToString(), e.ToString()); }
        finally { Console.SetOut(oldOut); Console.SetError(oldErr); }
    }

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
}
