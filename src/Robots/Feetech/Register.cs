namespace Harness.Robots.Feetech;

public enum MemoryArea
{
    /// <summary>Kept across power cycles when written with Lock = 0.</summary>
    Eeprom,
    /// <summary>Reset at power on.</summary>
    Ram,
}

/// <summary>
/// One named entry of a servo's control table: where it lives, how wide it is (little endian),
/// whether it can be written and, for signed values, where the sign-magnitude direction bit is.
/// </summary>
public sealed record Register(string Name, byte Address, byte Size, MemoryArea Area, bool ReadOnly = false, int? SignBit = null)
{
    /// <summary>The raw bytes of <paramref name="value"/> (sign-magnitude encoded where the register is signed).</summary>
    public byte[] ToBytes(int value)
    {
        int raw = SignBit is int bit ? SignMagnitude.Encode(value, bit) : value;
        long max = (1L << (8 * Size)) - 1;
        if (raw < 0 || raw > max)
            throw new ArgumentOutOfRangeException(nameof(value),
                $"{value} does not fit {Name} ({Size} byte{(Size == 1 ? "" : "s")}, 0..{max}{(SignBit is null ? "" : ", sign-magnitude")}).");
        var bytes = new byte[Size];
        for (int i = 0; i < Size; i++) bytes[i] = (byte)(raw >> (8 * i));
        return bytes;
    }

    /// <summary>The value held in <paramref name="bytes"/> (little endian, sign decoded).</summary>
    public int FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
            throw new ArgumentException($"{Name} is {Size} byte(s); got {bytes.Length}.");
        int raw = 0;
        for (int i = 0; i < Size; i++) raw |= bytes[i] << (8 * i);
        return SignBit is int bit ? SignMagnitude.Decode(raw, bit) : raw;
    }

    public override string ToString() => $"{Name} ({Address}, {Size})";
}
