using Harness.Robots.Feetech;

namespace Harness.Tests.Robots.Feetech;

public class FeetechBusTests
{
    [Test]
    public void Ping_returns_the_sts3215_model_number()
    {
        using var rig = new VirtualBusRig();
        Assert.That(rig.Client.Ping(3), Is.EqualTo(777));
    }
}
