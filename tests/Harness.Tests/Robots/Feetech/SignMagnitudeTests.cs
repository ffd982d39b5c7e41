using Harness.Robots.Feetech;

namespace Harness.Tests.Robots.Feetech;

public class SignMagnitudeTests
{
    [Test]
    public void Homing_offset_uses_bit_11()
    {
        // -47: 0x800 | 47 = 0x82F = 2095
        Assert.That(SignMagnitude.Encode(-47, 11), Is.EqualTo(2095));
        Assert.That(SignMagnitude.Decode(2095, 11), Is.EqualTo(-47));
        Assert.That(FeetechFrame.Hex(Sts3215.HomingOffset.ToBytes(-47)), Is.EqualTo("2F 08"));
        Assert.That(Sts3215.HomingOffset.FromBytes([0x2F, 0x08]), Is.EqualTo(-47));
    }

    [Test]
    public void Positions_and_velocities_use_bit_15()
    {
        // -1: 0x8000 | 1 = 32769
        Assert.That(SignMagnitude.Encode(-1, 15), Is.EqualTo(32769));
        Assert.That(FeetechFrame.Hex(Sts3215.GoalPosition.ToBytes(-100)), Is.EqualTo("64 80"));
        Assert.That(Sts3215.PresentVelocity.FromBytes([0x64, 0x80]), Is.EqualTo(-100));
        Assert.That(Sts3215.PresentPosition.FromBytes([0xFF, 0x0F]), Is.EqualTo(4095));
    }

    [Test]
    public void Present_load_uses_bit_10()
    {
        // -500: 0x400 | 500 = 1524 = 0x05F4
        Assert.That(SignMagnitude.Encode(-500, 10), Is.EqualTo(1524));
        Assert.That(Sts3215.PresentLoad.FromBytes([0xF4, 0x05]), Is.EqualTo(-500));
        Assert.That(Sts3215.PresentLoad.FromBytes([0xF4, 0x01]), Is.EqualTo(500));
    }

    [Test]
    public void Zero_is_positive_and_negative_zero_decodes_to_zero()
    {
        Assert.That(SignMagnitude.Encode(0, 11), Is.EqualTo(0));
        Assert.That(SignMagnitude.Decode(0x800, 11), Is.EqualTo(0));
    }

    [Test]
    public void A_magnitude_that_reaches_the_sign_bit_is_refused()
    {
        // bit 11 leaves 11 bits of magnitude: 2047 fits, 2048 does not.
        Assert.That(SignMagnitude.Encode(2047, 11), Is.EqualTo(2047));
        Assert.Throws<ArgumentOutOfRangeException>(() => SignMagnitude.Encode(2048, 11));
        Assert.Throws<ArgumentOutOfRangeException>(() => SignMagnitude.Encode(-2048, 11));
    }

    [Test]
    public void Unsigned_registers_refuse_negative_and_oversized_values()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Sts3215.MinPositionLimit.ToBytes(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sts3215.Acceleration.ToBytes(256));
        Assert.That(FeetechFrame.Hex(Sts3215.MaxTorqueLimit.ToBytes(500)), Is.EqualTo("F4 01"));
    }
}
