using Harness.Eval.Runs;
using NUnit.Framework;

namespace Harness.Tests.Reports;

public class RunDirectoryReaderTests
{
    [Test]
    public void ReadsWhatEvalWrites()
    {
        using var tmp = new ScratchDir();
        var spec = new RunSpec("act", 0.6) { Checkpoint = "ckpt-020000", TrainingStep = 20000, Videos = 2, WhiskerStills = 3 };
        var expectedRows = RunFixture.Simulate(spec);
        var run = RunFixture.Write(tmp.Sub("act-20k"), spec);

        Assert.That(run.Summary.Policy, Is.EqualTo("act"));
        Assert.That(run.Summary.TrainingStep, Is.EqualTo(20000));
        Assert.That(run.Episodes, Has.Count.EqualTo(expectedRows.Count));
        for (int i = 0; i < expectedRows.Count; i++)
        {
            var (a, e) = (run.Episodes[i], expectedRows[i]);
            Assert.That((a.Episode, a.Seed, a.Outcome, a.Success, a.Steps, a.Metric("picked_up"), a.Metric("dropped")),
                Is.EqualTo((e.Episode, e.Seed, e.Outcome, e.Success, e.Steps, e.Metric("picked_up"), e.Metric("dropped"))));
            Assert.That(a.Metric("max_object_height_m"), Is.EqualTo(e.Metric("max_object_height_m")));
            Assert.That(a.Extra["whisker_consistency_mean_m"], Is.EqualTo(e.Extra["whisker_consistency_mean_m"]), "extra numeric columns are kept");
        }
        Assert.That(run.Videos.Select(Path.GetFileName), Is.EqualTo(new[] { "episode_000.mp4", "episode_001.mp4" }));
        Assert.That(run.WhiskerImages, Has.Count.EqualTo(3), "stills are found in sub-folders of whiskers/");
        Assert.That(run.Warnings, Is.Empty);
    }

    [Test]
    public void MissingRunJsonSaysWhatARunDirectoryHolds()
    {
        using var tmp = new ScratchDir();
        var dir = Directory.CreateDirectory(tmp.Sub("not-a-run")).FullName;
        var e = Assert.Throws<RunDirectoryException>(() => RunDirectoryReader.Read(dir))!;
        Assert.That(e.Message, Does.Contain(dir).And.Contain("run.json").And.Contain("episodes.csv").And.Contain("harness eval"));
    }

    [Test]
    public void MalformedJsonNamesFileAndLine()
    {
        using var tmp = new ScratchDir();
        var dir = tmp.Sub("broken");
        RunFixture.Write(dir, new RunSpec("act", 0.5));
        var path = Path.Combine(dir, "run.json");
        var lines = File.ReadAllLines(path).ToList();
        int bad = lines.FindIndex(l => l.Contains("\"episodes\""));
        lines[bad] = "  \"episodes\": 40 oops,";
        File.WriteAllLines(path, lines);

        var e = Assert.Throws<RunDirectoryException>(() => RunDirectoryReader.Read(dir))!;
        Assert.That(e.Message, Does.Contain(path).And.Contain($"line {bad + 1}").And.Contain("malformed JSON"));
    }

    [Test]
    public void BadCsvCellNamesLineAndColumn()
    {
        using var tmp = new ScratchDir();
        var dir = tmp.Sub("bad-csv");
        RunFixture.Write(dir, new RunSpec("act", 0.5) { Episodes = 5 });
        var path = Path.Combine(dir, "episodes.csv");
        var lines = File.ReadAllLines(path);
        var cells = lines[3].Split(',');
        cells[4] = "many"; // steps
        lines[3] = string.Join(',', cells);
        File.WriteAllLines(path, lines);

        var e = Assert.Throws<RunDirectoryException>(() => RunDirectoryReader.Read(dir))!;
        Assert.That(e.Message, Does.Contain(path).And.Contain("line 4").And.Contain("'steps'").And.Contain("'many'"));
    }

    [Test]
    public void MissingCsvColumnIsNamed()
    {
        using var tmp = new ScratchDir();
        var dir = tmp.Sub("no-seed");
        RunFixture.Write(dir, new RunSpec("act", 0.5) { Episodes = 3 });
        var path = Path.Combine(dir, "episodes.csv");
        File.WriteAllLines(path, File.ReadAllLines(path).Select(l => string.Join(',', l.Split(',').Where((_, i) => i != 1))));
        var e = Assert.Throws<RunDirectoryException>(() => RunDirectoryReader.Read(dir))!;
        Assert.That(e.Message, Does.Contain("missing column(s) seed"));
    }

    [Test]
    public void EmptyFolderIsAClearError()
    {
        using var tmp = new ScratchDir();
        var empty = Directory.CreateDirectory(tmp.Sub("sweep", "nothing-here", "deeper")).Parent!.Parent!.FullName;
        var e = Assert.Throws<RunDirectoryException>(() => RunDirectoryReader.Discover([empty]))!;
        Assert.That(e.Message, Does.Contain($"no run found in '{empty}'").And.Contain("run.json").And.Contain("episodes.csv"));
    }

    [Test]
    public void DiscoversRunsOneAndTwoLevelsDown()
    {
        using var tmp = new ScratchDir();
        RunFixture.Write(tmp.Sub("sweep", "a"), new RunSpec("act", 0.5) { Episodes = 3 });
        RunFixture.Write(tmp.Sub("sweep", "group", "b"), new RunSpec("act", 0.5) { Episodes = 3 });
        RunFixture.Write(tmp.Sub("sweep", "g", "h", "too-deep"), new RunSpec("act", 0.5) { Episodes = 3 });
        var single = RunFixture.Write(tmp.Sub("single"), new RunSpec("act", 0.5) { Episodes = 3 });

        var found = RunDirectoryReader.Discover([tmp.Sub("sweep"), single.Path, tmp.Sub("sweep", "a")]);
        Assert.That(found, Is.EqualTo(new[] { tmp.Sub("sweep", "a"), tmp.Sub("sweep", "group", "b"), single.Path }),
            "a folder expands two levels deep, order follows arguments then names, duplicates are dropped");
    }

    [Test]
    public void IncompleteRunWithoutEpisodesIsReadWithAWarning()
    {
        using var tmp = new ScratchDir();
        var dir = tmp.Sub("started");
        RunFixture.Write(dir, new RunSpec("act", 0.5) { Episodes = 0, Complete = false, EpisodesRequested = 50 });
        File.Delete(Path.Combine(dir, "episodes.csv"));
        var run = RunDirectoryReader.Read(dir);
        Assert.That(run.Episodes, Is.Empty);
        Assert.That(run.Warnings.Single(), Does.Contain("incomplete"));
    }

    [Test]
    public void CompleteRunWithoutEpisodesIsAnError()
    {
        using var tmp = new ScratchDir();
        var dir = tmp.Sub("lost-csv");
        RunFixture.Write(dir, new RunSpec("act", 0.5) { Episodes = 4 });
        File.Delete(Path.Combine(dir, "episodes.csv"));
        var e = Assert.Throws<RunDirectoryException>(() => RunDirectoryReader.Read(dir))!;
        Assert.That(e.Message, Does.Contain("episodes.csv is missing"));
    }
}
