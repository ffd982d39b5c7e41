using Harness.Tests.Support;

namespace Harness.Tests.RealSo101;

/// <summary>`harness sim-bus so101` as the done-when starts it: a background process, stopped by a signal.</summary>
[NonParallelizable]
public class SimBusProcessTests
{
    [Test]
    public void Sim_bus_serves_until_sigterm_with_its_faults_visible_to_a_scan_and_cleans_up()
    {
        using var dir = new TempDir("sim-bus");
        string link = dir["so101"];
        using (var bus = new ChildProcess("sim-bus", "so101", "--link", link, "--seed", "0", "--no-cameras", "--fault", "overload:2", "--fault", "hot:4:85"))
        {
            bus.WaitForOutput("ready; stop with Ctrl-C or SIGTERM.");
            Assert.That(bus.Output, Does.Contain($"virtual SO-101 on {link}").And.Contain("fault injected: overload:2").And.Contain("fault injected: hot:4:85"));
            Assert.That(File.Exists(link + ".operator"), Is.True);
            var (code, output, err) = InProcessCli.Run(RigHarness.Real("scan", "--port", link));
            Assert.That(code, Is.EqualTo(3), output + err);
            Assert.That(output.Split('\n').Count(l => l.Contains("777 STS3215")), Is.EqualTo(6));
            Assert.That(output, Does.Contain("id 2 reports Overload").And.Contain("id 4 reports Overheat"));
            Assert.That(output, Does.Match(@"\n\s+4\s+777 STS3215.*85 C\s+Overheat"));
            // Started as the done-when starts it (no --auto-label): its physics still labels episodes.
            using (var op = Harness.Robots.Operators.OperatorChannelClient.Connect(link))
            {
                Assert.That(op.Ask($"RESET {Harness.Core.Randomness.EpisodeSeeds.For(0, 1)}"), Does.StartWith("episode 1 of seed 0: block at"));
                Assert.That(op.Ask("LABEL 5 0"), Does.StartWith("{\"label\":\"NEVER_PICKED_UP\""));
            }
            bus.Terminate();
            Assert.That(bus.WaitForExit(), Is.EqualTo(0), bus.Error);
            Assert.That(bus.Output, Does.Contain("stopping the virtual SO-101."));
        }
        Assert.That(File.Exists(link), Is.False, "the pty link is removed");
        Assert.That(File.Exists(link + ".operator"), Is.False, "the operator socket is removed");
    }

    [Test]
    public void Bad_fault_specs_are_refused_with_the_forms()
    {
        using var dir = new TempDir("sim-bus");
        var (code, _, err) = InProcessCli.Run("sim-bus", "so101", "--link", dir["so101"], "--fault", "explode:3");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("--fault 'explode:3' is not understood").And.Contain("mute:ID"));
    }
}
