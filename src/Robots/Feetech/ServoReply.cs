namespace Harness.Robots.Feetech;

/// <summary>A value read from one servo together with the fault bits its status packet carried.</summary>
public readonly record struct ServoReply(byte Id, int Value, ServoFaults Faults);
