namespace Harness.Robots.Feetech;

/// <summary>One instruction sent to a servo (or to all of them, with id 0xFE).</summary>
public sealed record InstructionPacket(byte Id, Instruction Instruction, byte[] Parameters)
{
    public bool IsBroadcast => Id == FeetechFrame.BroadcastId;

    public byte[] Encode() => FeetechFrame.Encode(Id, (byte)Instruction, Parameters);

    public static InstructionPacket Ping(byte id) => new(id, Instruction.Ping, []);

    public static InstructionPacket Read(byte id, byte address, byte length) => new(id, Instruction.Read, [address, length]);

    public static InstructionPacket Write(byte id, byte address, ReadOnlySpan<byte> data) =>
        new(id, Instruction.Write, [address, .. data]);

    /// <summary>Stores a write that takes effect on the next <see cref="Action"/>.</summary>
    public static InstructionPacket RegWrite(byte id, byte address, ReadOnlySpan<byte> data) =>
        new(id, Instruction.RegWrite, [address, .. data]);

    public static InstructionPacket Action(byte id = FeetechFrame.BroadcastId) => new(id, Instruction.Action, []);

    /// <summary>Asks each listed servo, in list order, for <paramref name="length"/> bytes from <paramref name="address"/>.</summary>
    public static InstructionPacket SyncRead(byte address, byte length, IReadOnlyList<byte> ids) =>
        new(FeetechFrame.BroadcastId, Instruction.SyncRead, [address, length, .. ids]);

    /// <summary>Writes a per-servo value of the same register to several servos; nobody answers.</summary>
    public static InstructionPacket SyncWrite(byte address, byte length, IReadOnlyList<(byte Id, byte[] Data)> entries)
    {
        var p = new List<byte>(2 + entries.Count * (1 + length)) { address, length };
        foreach (var (id, data) in entries)
        {
            if (data.Length != length)
                throw new ArgumentException($"SYNC_WRITE entry for id {id} has {data.Length} bytes; the register takes {length}.");
            p.Add(id);
            p.AddRange(data);
        }
        return new(FeetechFrame.BroadcastId, Instruction.SyncWrite, p.ToArray());
    }

    /// <summary>
    /// The register writes this packet asks for, one per target servo (WRITE, REG_WRITE and
    /// SYNC_WRITE); empty for other instructions or malformed parameters.
    /// </summary>
    public IReadOnlyList<RegisterWrite> Writes()
    {
        switch (Instruction)
        {
            case Instruction.Write or Instruction.RegWrite when Parameters.Length >= 2:
                return [new RegisterWrite(Id, Parameters[0], Parameters[1..])];
            case Instruction.SyncWrite when Parameters.Length >= 2 && Parameters[1] > 0:
            {
                byte address = Parameters[0];
                int length = Parameters[1];
                var writes = new List<RegisterWrite>();
                for (int i = 2; i + 1 + length <= Parameters.Length; i += 1 + length)
                    writes.Add(new RegisterWrite(Parameters[i], address, Parameters[(i + 1)..(i + 1 + length)]));
                return writes;
            }
            default:
                return [];
        }
    }

    public override string ToString() => $"{Instruction.Name()} id {Id}: {FeetechFrame.Hex(Encode())}";
}

/// <summary>Bytes written to one servo's memory, starting at <see cref="Address"/>.</summary>
public sealed record RegisterWrite(byte Id, byte Address, byte[] Data)
{
    /// <summary>True when the write touches any byte of <paramref name="register"/>.</summary>
    public bool Touches(Register register) =>
        Address < register.Address + register.Size && register.Address < Address + Data.Length;
}
