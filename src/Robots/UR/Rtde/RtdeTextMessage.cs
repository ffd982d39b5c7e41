namespace Harness.Robots.UR.Rtde;

public enum RtdeMessageLevel : byte
{
    Exception = 0,
    Error = 1,
    Warning = 2,
    Info = 3,
}

/// <summary>An RTDE text message ('M'): protocol version 2 carries message, source and level.</summary>
public sealed record RtdeTextMessage(RtdeMessageLevel Level, string Source, string Message)
{
    public override string ToString() => $"{Level} from {Source}: {Message}";
}
