using Harness.Robots.UR;
using Harness.Robots.Virtual.UR;

namespace Harness.Tests.Robots.UR;

/// <summary>A virtual UR controller on free loopback ports, for one test.</summary>
public static class VirtualUr
{
    public static readonly UrPorts FreePorts = new(0, 0, 0, 0, 0);

    public static VirtualUrController Start(VirtualUrOptions? options = null) =>
        VirtualUrController.Start((options ?? new VirtualUrOptions()) with { Ports = FreePorts });

    /// <summary>Waits until <paramref name="condition"/> holds on the controller core, or fails after <paramref name="seconds"/>.</summary>
    public static void WaitFor(VirtualUrController c, Func<UrControllerCore, bool> condition, string what, double seconds = 5)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        while (!c.With(condition))
        {
            if (sw.Elapsed.TotalSeconds > seconds) Assert.Fail($"timed out after {seconds} s waiting for {what}");
            Thread.Sleep(5);
        }
    }
}
