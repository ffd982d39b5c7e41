namespace Harness.Robots.UR.Rtde;

/// <summary>The package type byte of the RTDE header (an ASCII letter).</summary>
public enum RtdeCommand : byte
{
    RequestProtocolVersion = (byte)'V',
    GetUrControlVersion = (byte)'v',
    TextMessage = (byte)'M',
    DataPackage = (byte)'U',
    SetupOutputs = (byte)'O',
    SetupInputs = (byte)'I',
    Start = (byte)'S',
    Pause = (byte)'P',
}
