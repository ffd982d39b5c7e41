using Harness.Tests.Support;

namespace Harness.Tests.RealUr;

/// <summary>`real trossen status` on a machine without Trossen's driver: exit 2 and what to install.</summary>
[NonParallelizable]
public class TrossenStatusTests
{
    [Test]
    public void Without_the_vendor_driver_status_exits_2_naming_what_to_install()
    {
        string? shim = Environment.GetEnvironmentVariable("HARNESS_TROSSEN_SHIM");
        Environment.SetEnvironmentVariable("HARNESS_TROSSEN_SHIM", null);
        try
        {
            var r = InProcessCli.Run("real", "trossen", "status");
            Assert.That(r.Code, Is.EqualTo(2));
            Assert.That(r.Err, Does.Contain("libtrossen_arm").And.Contain("HARNESS_TROSSEN_SDK=").And.Contain("https://github.com/TrossenRobotics/trossen_arm"));
        }
        finally { Environment.SetEnvironmentVariable("HARNESS_TROSSEN_SHIM", shim); }
    }
}
