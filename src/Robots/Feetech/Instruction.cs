namespace Harness.Robots.Feetech;

/// <summary>Instruction codes of Feetech's serial protocol (STS/SMS series, protocol 0).</summary>
public enum Instruction : byte
{
    Ping = 0x01,
    Read = 0x02,
    Write = 0x03,
    RegWrite = 0x04,
    Action = 0x05,
    SyncRead = 0x82,
    SyncWrite = 0x83,
}

public static class InstructionNames
{
    public static string Name(this Instruction i) => i switch
    {
        Instruction.Ping => "PING",
        Instruction.Read => "READ",
        Instruction.Write => "WRITE",
        Instruction.RegWrite => "REG_WRITE",
        Instruction.Action => "ACTION",
        Instruction.SyncRead => "SYNC_READ",
        Instruction.SyncWrite => "SYNC_WRITE",
        _ => $"0x{(byte)i:X2}",
    };
}
