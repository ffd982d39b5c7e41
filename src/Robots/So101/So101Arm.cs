using Harness.Robots.Feetech;

namespace Harness.Robots.So101;

/// <summary>
/// The six servos of an SO-101 follower on one Feetech bus, spoken to exactly as LeRobot's
/// SOFollower and FeetechMotorsBus do (same instructions, same order), so a servo set up by one
/// behaves the same under the other. Positions cross this boundary in LeRobot's units.
/// </summary>
public sealed class So101Arm(FeetechBus bus, IReadOnlyList<So101Motor>? motors = null)
{
    /// <summary>LeRobot's half turn: the middle pose reads this after homing (int(4095 / 2)).</summary>
    public const int HalfTurn = Sts3215.MaxTick / 2;

    public FeetechBus Bus { get; } = bus;
    public IReadOnlyList<So101Motor> Motors { get; } = motors ?? So101Motors.Follower();

    private IReadOnlyList<byte> Ids => Motors.Select(m => m.Id).ToArray();

    /// <summary>
    /// LeRobot's connect: handshake, then the calibration check (the file's calibration is written
    /// to the servos when theirs differs, as LeRobot does when the user accepts the file), then
    /// <see cref="Configure"/>. Leaves torque on.
    /// </summary>
    /// <returns>True when the file's calibration had to be written to the servos.</returns>
    public bool Connect(ArmCalibration calibration, So101Settings? settings = null, bool holdPosition = false)
    {
        RequireComplete(calibration);
        Handshake();
        bool write = !calibration.MatchesServos(ReadCalibration());
        if (write) WriteCalibration(calibration);
        Configure(settings ?? So101Settings.LeRobot, holdPosition);
        return write;
    }

    /// <summary>The checks of <see cref="Connect"/> without writing anything: for dry runs.</summary>
    public void Verify(ArmCalibration calibration)
    {
        RequireComplete(calibration);
        Handshake();
        if (!calibration.MatchesServos(ReadCalibration()))
            throw new So101Exception(
                "the servos hold a different calibration than the file, and a dry run writes nothing; " +
                "connect once without --dry-run (it writes the file's calibration, as LeRobot does) or pass the matching file.");
    }

    /// <summary>PING (with the model read) for every motor, then every motor's firmware version, which must agree.</summary>
    public void Handshake()
    {
        var missing = new List<So101Motor>();
        var wrong = new List<(So101Motor Motor, int Model)>();
        foreach (var m in Motors)
        {
            try
            {
                int model = Bus.Ping(m.Id);
                if (model != Sts3215.Model) wrong.Add((m, model));
            }
            catch (ServoTimeoutException)
            {
                missing.Add(m);
            }
        }
        if (missing.Count > 0 || wrong.Count > 0)
            throw new So101Exception(
                $"SO-101 motor check failed on {Bus.PortName}: " +
                string.Join("; ", missing.Select(m => $"{m.Name} (id {m.Id}) does not answer")
                    .Concat(wrong.Select(w => $"{w.Motor.Name} (id {w.Motor.Id}) is model {w.Model}, expected STS3215 ({Sts3215.Model})"))) +
                ". Expected ids " + string.Join(", ", Motors.Select(m => $"{m.Id} {m.Name}")) +
                ". Check power and cables, or set the ids as LeRobot's `lerobot-setup-motors` does.");

        var firmware = Motors.ToDictionary(m => m, m => $"{Bus.Read(m.Id, Sts3215.FirmwareMajorVersion)}.{Bus.Read(m.Id, Sts3215.FirmwareMinorVersion)}");
        if (firmware.Values.Distinct().Count() > 1)
            throw new So101Exception(
                "the SO-101's servos run different firmware versions (" +
                string.Join(", ", firmware.Select(f => $"{f.Key.Name} {f.Value}")) +
                "); update them all to the same version with Feetech's software first.");
    }

    /// <summary>What the servos hold: position limits and homing offset per motor (drive mode is not stored in servos: 0).</summary>
    public ArmCalibration ReadCalibration() => new(Motors.Select(m =>
    {
        int min = Bus.Read(m.Id, Sts3215.MinPositionLimit);
        int max = Bus.Read(m.Id, Sts3215.MaxPositionLimit);
        int offset = Bus.Read(m.Id, Sts3215.HomingOffset);
        return new MotorCalibration(m.Name, m.Id, 0, offset, min, max);
    }).ToArray());

    public void WriteCalibration(ArmCalibration calibration)
    {
        foreach (var c in calibration.Motors)
        {
            byte id = Motor(c.Motor).Id;
            Bus.Write(id, Sts3215.HomingOffset, c.HomingOffset);
            Bus.Write(id, Sts3215.MinPositionLimit, c.RangeMin);
            Bus.Write(id, Sts3215.MaxPositionLimit, c.RangeMax);
        }
    }

    /// <summary>
    /// LeRobot's configure(): with torque off, fastest replies and brisk acceleration, angle feedback
    /// mode cleared (Phase bit 4), position mode and PID, the gripper's protective limits; then torque on.
    /// With <paramref name="holdPosition"/> (the harness's choice, not LeRobot's) every goal is first set
    /// to where the joint is, so switching torque on cannot drive the arm to a stale goal.
    /// </summary>
    public void Configure(So101Settings settings, bool holdPosition = false)
    {
        DisableTorque();
        foreach (var m in Motors)
        {
            Bus.Write(m.Id, Sts3215.ReturnDelayTime, settings.ReturnDelayTime);
            Bus.Write(m.Id, Sts3215.MaximumAcceleration, settings.MaximumAcceleration);
            Bus.Write(m.Id, Sts3215.Acceleration, settings.Acceleration);
            int phase = Bus.Read(m.Id, Sts3215.Phase);
            if ((phase & Sts3215.PhaseAngleFeedbackBit) != 0) Bus.Write(m.Id, Sts3215.Phase, phase & ~Sts3215.PhaseAngleFeedbackBit);
        }
        foreach (var m in Motors)
        {
            Bus.Write(m.Id, Sts3215.OperatingMode, 0);
            Bus.Write(m.Id, Sts3215.PCoefficient, settings.PCoefficient);
            Bus.Write(m.Id, Sts3215.ICoefficient, settings.ICoefficient);
            Bus.Write(m.Id, Sts3215.DCoefficient, settings.DCoefficient);
            if (m.Name == So101Motors.Gripper)
            {
                Bus.Write(m.Id, Sts3215.MaxTorqueLimit, settings.GripperMaxTorqueLimit);
                Bus.Write(m.Id, Sts3215.ProtectionCurrent, settings.GripperProtectionCurrent);
                Bus.Write(m.Id, Sts3215.OverloadTorque, settings.GripperOverloadTorque);
            }
        }
        if (holdPosition) HoldPosition();
        EnableTorque();
    }

    /// <summary>Goal := present position for every motor (one SYNC_READ, one SYNC_WRITE of raw ticks).</summary>
    public void HoldPosition()
    {
        var raw = ReadRawPositions();
        Bus.SyncWrite(Sts3215.GoalPosition, Motors.Select((m, i) => (m.Id, raw[i])).ToArray());
    }

    /// <summary>
    /// Torque off and EEPROM lock off, motor by motor (LeRobot always writes the two together). A
    /// motor that does not answer does not stop the others from being switched off; the failures
    /// are reported together afterwards. A lost bus ends it at once (nothing would arrive).
    /// </summary>
    public void DisableTorque()
    {
        var failed = new List<(So101Motor Motor, FeetechException Error)>();
        foreach (var m in Motors)
        {
            try
            {
                Bus.Write(m.Id, Sts3215.TorqueEnable, 0);
                Bus.Write(m.Id, Sts3215.Lock, 0);
            }
            catch (FeetechException e)
            {
                failed.Add((m, e));
            }
        }
        if (failed.Count > 0)
            throw new So101Exception(
                $"torque could not be switched off for {string.Join("; ", failed.Select(f => $"{f.Motor.Name} (id {f.Motor.Id}): {f.Error.Message}"))}; " +
                "every other servo was switched off. Those joints may still hold their pose: support the arm and switch off its power.", failed[0].Error);
    }

    public void EnableTorque()
    {
        foreach (var m in Motors)
        {
            Bus.Write(m.Id, Sts3215.TorqueEnable, 1);
            Bus.Write(m.Id, Sts3215.Lock, 1);
        }
    }

    /// <summary>Present_Position of the given motors (all by default) in raw ticks, one SYNC_READ.</summary>
    public int[] ReadRawPositions(IReadOnlyList<So101Motor>? motors = null) =>
        Bus.SyncRead(Sts3215.PresentPosition, (motors ?? Motors).Select(m => m.Id).ToArray());

    /// <summary>Joint positions in LeRobot's units, in motor order; fault bits throw unless ignored.</summary>
    public double[] ReadPositions(ArmCalibration calibration, bool ignoreFaults = false)
    {
        var raw = ignoreFaults
            ? Bus.SyncReadWithFaults(Sts3215.PresentPosition, Ids).Select(r => r.Value).ToArray()
            : ReadRawPositions();
        return Motors.Select((m, i) => LeRobotUnits.Normalize(raw[i], calibration[m.Name], m.Mode)).ToArray();
    }

    /// <summary>One SYNC_WRITE of Goal_Position from targets in LeRobot's units; returns the raw ticks sent.</summary>
    public int[] WriteGoals(ArmCalibration calibration, IReadOnlyList<double> targets)
    {
        if (targets.Count != Motors.Count)
            throw new ArgumentException($"{targets.Count} targets for {Motors.Count} motors ({string.Join(", ", Motors.Select(m => m.Name))}).");
        var raw = Motors.Select((m, i) => LeRobotUnits.Unnormalize(targets[i], calibration[m.Name], m.Mode)).ToArray();
        Bus.SyncWrite(Sts3215.GoalPosition, Motors.Select((m, i) => (m.Id, raw[i])).ToArray());
        return raw;
    }

    private So101Motor Motor(string name) =>
        Motors.FirstOrDefault(m => m.Name == name)
        ?? throw new So101Exception($"the calibration names motor '{name}', which an SO-101 does not have ({string.Join(", ", Motors.Select(m => m.Name))}).");

    private void RequireComplete(ArmCalibration calibration)
    {
        var absent = Motors.Where(m => !calibration.Has(m.Name)).Select(m => m.Name).ToArray();
        if (absent.Length > 0)
            throw new So101Exception($"the calibration lacks motor(s) {string.Join(", ", absent)}; recalibrate with `harness real so101 calibrate`.");
        foreach (var m in Motors)
            if (calibration[m.Name].Id != m.Id)
                throw new So101Exception($"the calibration gives {m.Name} id {calibration[m.Name].Id}; on an SO-101 it is id {m.Id}.");
    }
}

/// <summary>The SO-101 is not in a state the harness can use; the message says what to do.</summary>
public sealed class So101Exception(string message, Exception? inner = null) : Exception(message, inner);
