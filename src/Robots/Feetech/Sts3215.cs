namespace Harness.Robots.Feetech;

/// <summary>
/// The Feetech STS3215's control table (the STS/SMS series table LeRobot uses), its model number
/// and resolution. Addresses 0-39 are EEPROM, 40-79 RAM, 80+ factory settings (EEPROM).
/// </summary>
public static class Sts3215
{
    public const int Model = 777;
    public const int Resolution = 4096;
    /// <summary>Highest position tick (resolution - 1); LeRobot's "max_res".</summary>
    public const int MaxTick = Resolution - 1;

    private const MemoryArea E = MemoryArea.Eeprom;
    private const MemoryArea R = MemoryArea.Ram;

    public static readonly Register FirmwareMajorVersion = new("Firmware_Major_Version", 0, 1, E, ReadOnly: true);
    public static readonly Register FirmwareMinorVersion = new("Firmware_Minor_Version", 1, 1, E, ReadOnly: true);
    public static readonly Register ModelNumber = new("Model_Number", 3, 2, E, ReadOnly: true);
    public static readonly Register Id = new("ID", 5, 1, E);
    public static readonly Register BaudRate = new("Baud_Rate", 6, 1, E);
    public static readonly Register ReturnDelayTime = new("Return_Delay_Time", 7, 1, E);
    public static readonly Register ResponseStatusLevel = new("Response_Status_Level", 8, 1, E);
    public static readonly Register MinPositionLimit = new("Min_Position_Limit", 9, 2, E);
    public static readonly Register MaxPositionLimit = new("Max_Position_Limit", 11, 2, E);
    public static readonly Register MaxTemperatureLimit = new("Max_Temperature_Limit", 13, 1, E);
    public static readonly Register MaxVoltageLimit = new("Max_Voltage_Limit", 14, 1, E);
    public static readonly Register MinVoltageLimit = new("Min_Voltage_Limit", 15, 1, E);
    public static readonly Register MaxTorqueLimit = new("Max_Torque_Limit", 16, 2, E);
    public static readonly Register Phase = new("Phase", 18, 1, E);
    public static readonly Register UnloadingCondition = new("Unloading_Condition", 19, 1, E);
    public static readonly Register LedAlarmCondition = new("LED_Alarm_Condition", 20, 1, E);
    public static readonly Register PCoefficient = new("P_Coefficient", 21, 1, E);
    public static readonly Register DCoefficient = new("D_Coefficient", 22, 1, E);
    public static readonly Register ICoefficient = new("I_Coefficient", 23, 1, E);
    public static readonly Register MinimumStartupForce = new("Minimum_Startup_Force", 24, 2, E);
    public static readonly Register CwDeadZone = new("CW_Dead_Zone", 26, 1, E);
    public static readonly Register CcwDeadZone = new("CCW_Dead_Zone", 27, 1, E);
    public static readonly Register ProtectionCurrent = new("Protection_Current", 28, 2, E);
    public static readonly Register AngularResolution = new("Angular_Resolution", 30, 1, E);
    public static readonly Register HomingOffset = new("Homing_Offset", 31, 2, E, SignBit: 11);
    public static readonly Register OperatingMode = new("Operating_Mode", 33, 1, E);
    public static readonly Register ProtectiveTorque = new("Protective_Torque", 34, 1, E);
    public static readonly Register ProtectionTime = new("Protection_Time", 35, 1, E);
    public static readonly Register OverloadTorque = new("Overload_Torque", 36, 1, E);
    public static readonly Register VelocityP = new("Velocity_closed_loop_P_proportional_coefficient", 37, 1, E);
    public static readonly Register OverCurrentProtectionTime = new("Over_Current_Protection_Time", 38, 1, E);
    public static readonly Register VelocityI = new("Velocity_closed_loop_I_integral_coefficient", 39, 1, E);
    public static readonly Register TorqueEnable = new("Torque_Enable", 40, 1, R);
    public static readonly Register Acceleration = new("Acceleration", 41, 1, R);
    public static readonly Register GoalPosition = new("Goal_Position", 42, 2, R, SignBit: 15);
    public static readonly Register GoalTime = new("Goal_Time", 44, 2, R);
    public static readonly Register GoalVelocity = new("Goal_Velocity", 46, 2, R, SignBit: 15);
    public static readonly Register TorqueLimit = new("Torque_Limit", 48, 2, R);
    public static readonly Register Lock = new("Lock", 55, 1, R);
    public static readonly Register PresentPosition = new("Present_Position", 56, 2, R, ReadOnly: true, SignBit: 15);
    public static readonly Register PresentVelocity = new("Present_Velocity", 58, 2, R, ReadOnly: true, SignBit: 15);
    public static readonly Register PresentLoad = new("Present_Load", 60, 2, R, ReadOnly: true, SignBit: 10);
    public static readonly Register PresentVoltage = new("Present_Voltage", 62, 1, R, ReadOnly: true);
    public static readonly Register PresentTemperature = new("Present_Temperature", 63, 1, R, ReadOnly: true);
    public static readonly Register Status = new("Status", 65, 1, R, ReadOnly: true);
    public static readonly Register Moving = new("Moving", 66, 1, R, ReadOnly: true);
    public static readonly Register PresentCurrent = new("Present_Current", 69, 2, R, ReadOnly: true);
    public static readonly Register MovingVelocityThreshold = new("Moving_Velocity_Threshold", 80, 1, E);
    public static readonly Register Dts = new("DTs", 81, 1, E);
    public static readonly Register VelocityUnitFactor = new("Velocity_Unit_factor", 82, 1, E);
    public static readonly Register Hts = new("Hts", 83, 1, E);
    public static readonly Register MaximumVelocityLimit = new("Maximum_Velocity_Limit", 84, 1, E);
    public static readonly Register MaximumAcceleration = new("Maximum_Acceleration", 85, 1, E);
    public static readonly Register AccelerationMultiplier = new("Acceleration_Multiplier", 86, 1, E);

    public static readonly IReadOnlyList<Register> All =
    [
        FirmwareMajorVersion, FirmwareMinorVersion, ModelNumber, Id, BaudRate, ReturnDelayTime, ResponseStatusLevel,
        MinPositionLimit, MaxPositionLimit, MaxTemperatureLimit, MaxVoltageLimit, MinVoltageLimit, MaxTorqueLimit, Phase,
        UnloadingCondition, LedAlarmCondition, PCoefficient, DCoefficient, ICoefficient, MinimumStartupForce, CwDeadZone,
        CcwDeadZone, ProtectionCurrent, AngularResolution, HomingOffset, OperatingMode, ProtectiveTorque, ProtectionTime,
        OverloadTorque, VelocityP, OverCurrentProtectionTime, VelocityI, TorqueEnable, Acceleration, GoalPosition, GoalTime,
        GoalVelocity, TorqueLimit, Lock, PresentPosition, PresentVelocity, PresentLoad, PresentVoltage, PresentTemperature,
        Status, Moving, PresentCurrent, MovingVelocityThreshold, Dts, VelocityUnitFactor, Hts, MaximumVelocityLimit,
        MaximumAcceleration, AccelerationMultiplier,
    ];

    /// <summary>Phase bit 4: angle feedback mode; when set, positions may leave 0..4095 (LeRobot clears it).</summary>
    public const int PhaseAngleFeedbackBit = 0x10;

    public static Register ByName(string name) =>
        All.FirstOrDefault(r => r.Name == name)
        ?? throw new KeyNotFoundException($"the STS3215 has no register '{name}'; known: {string.Join(", ", All.Select(r => r.Name))}.");

    /// <summary>The register starting at <paramref name="address"/>, if any (for readable logs).</summary>
    public static Register? At(byte address) => All.FirstOrDefault(r => r.Address == address);
}
