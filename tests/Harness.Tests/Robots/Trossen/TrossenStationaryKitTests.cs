using Harness.Robots.Trossen;
using Harness.Robots.Trossen.Native;

namespace Harness.Tests.Robots.Trossen;

[NonParallelizable]
public class TrossenStationaryKitTests
{
    [SetUp]
    public void UseFake() => FakeTrossenShim.Use();

    [TearDown]
    public void Restore() => Environment.SetEnvironmentVariable(TrossenShimLocator.ShimVariable, null);

    [Test]
    public void Trossen_kit_features_are_lerobots_14_names_in_order()
    {
        Assert.That(TrossenStationaryKit.FeatureNames, Is.EqualTo(new[]
        {
            "left_joint_0.pos", "left_joint_1.pos", "left_joint_2.pos", "left_joint_3.pos", "left_joint_4.pos", "left_joint_5.pos", "left_left_carriage_joint.pos",
            "right_joint_0.pos", "right_joint_1.pos", "right_joint_2.pos", "right_joint_3.pos", "right_joint_4.pos", "right_joint_5.pos", "right_left_carriage_joint.pos",
        }));
        Assert.That(TrossenStationaryKit.ActionGoalTime(30), Is.EqualTo(0.1).Within(1e-12), "3 / 30 Hz as LeRobot's plugin");
    }

    [Test]
    public void Trossen_kit_moves_both_arms_to_the_staged_pose()
    {
        using var kit = TrossenStationaryKit.Connect("192.168.1.2", "192.168.1.3");
        kit.EnablePositionMode();
        double[] both = [.. TrossenStationaryKit.StagedPose, .. TrossenStationaryKit.StagedPose.Select((v, i) => i == 6 ? 0.02 : v)];
        kit.SetPositions(both, 0.5, blocking: true);
        Thread.Sleep(20);
        var q = kit.ReadPositions();
        Assert.That(q, Has.Length.EqualTo(14));
        Assert.That(q, Is.EqualTo(both).Within(1e-3));
        kit.TorqueOff();
    }

    [Test]
    public void Trossen_kit_refuses_a_wrong_number_of_values()
    {
        using var kit = TrossenStationaryKit.Connect("192.168.1.2", "192.168.1.3");
        var ex = Assert.Throws<ArgumentException>(() => kit.SetPositions(new double[7], 0.1));
        Assert.That(ex!.Message, Does.Contain("takes 14 values"));
    }
}
