namespace Harness.Robots.Feetech;

/// <summary>A servo's answer: its id, its fault bits and, for reads, the bytes asked for.</summary>
public sealed record StatusPacket(byte Id, ServoFaults Faults, byte[] Parameters)
{
    public byte[] Encode() => FeetechFrame.Encode(Id, (byte)Faults, Parameters);

    public override string ToString() => $"status id {Id} faults {Faults}: {FeetechFrame.Hex(Encode())}";
}
