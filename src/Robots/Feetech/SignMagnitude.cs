namespace Harness.Robots.Feetech;

/// <summary>
/// Feetech's signed registers: a direction bit (bit 15 for positions and velocities, bit 11 for
/// Homing_Offset, bit 10 for Present_Load) over a plain magnitude; not two's complement.
/// </summary>
public static class SignMagnitude
{
    public static int Encode(int value, int signBit)
    {
        int maxMagnitude = (1 << signBit) - 1;
        int magnitude = Math.Abs(value);
        if (magnitude > maxMagnitude)
            throw new ArgumentOutOfRangeException(nameof(value),
                $"{value} does not fit a sign-magnitude register with the sign at bit {signBit}: |value| must be <= {maxMagnitude}.");
        return value < 0 ? (1 << signBit) | magnitude : magnitude;
    }

    public static int Decode(int raw, int signBit)
    {
        int magnitude = raw & ((1 << signBit) - 1);
        return ((raw >> signBit) & 1) == 1 ? -magnitude : magnitude;
    }
}
