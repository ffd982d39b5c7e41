using Harness.Robots.Feetech;

namespace Harness.Robots.Virtual.Feetech;

/// <summary>
/// One emulated STS3215: its 256-byte memory laid out as the control table, factory defaults,
/// and the rules a client can observe:
/// <list type="bullet">
/// <item>Present_Position = Actual - Homing_Offset, wrapped to 0..4095 unless Phase bit 4 is set.</item>
/// <item>The goal is clamped to Min/Max_Position_Limit (when min &lt; max), then Homing_Offset is added back.</item>
/// <item>EEPROM bytes (addresses 0-39 and 80+) written while Lock = 0 survive <see cref="PowerCycle"/>;
/// written while Lock = 1 they take effect but are lost at power off.</item>
/// <item>Writes to read-only bytes (model, firmware, Present_*) are ignored.</item>
/// <item>Status fault bits follow the readings: voltage outside Min/Max_Voltage_Limit, temperature above
/// Max_Temperature_Limit; other bits only by injection.</item>
/// </list>
/// Not thread-safe: <see cref="VirtualFeetechBus"/> serialises access.
/// </summary>
public sealed class EmulatedServo
{
    private const int MemorySize = 256;
    private readonly byte[] _memory = new byte[MemorySize];
    private readonly byte[] _eeprom = new byte[MemorySize];
    private readonly bool[] _readOnly = new bool[MemorySize];
    private (byte Address, byte[] Data)? _registered;
    private double _actual;

    public EmulatedServo(byte id, int firmwareMajor = 3, int firmwareMinor = 10)
    {
        foreach (var r in Sts3215.All.Where(r => r.ReadOnly))
            for (int i = 0; i < r.Size; i++) _readOnly[r.Address + i] = true;
        FactoryDefaults(id, firmwareMajor, firmwareMinor);
        Array.Copy(_memory, _eeprom, MemorySize);
    }

    public byte Id => _memory[Sts3215.Id.Address];

    /// <summary>Fault bits injected by a test (overload, over-current, angle sensor...), kept until cleared.</summary>
    public ServoFaults InjectedFaults { get; set; }

    /// <summary>A temperature forced by a test (a hot servo), or null to report the plant's.</summary>
    public int? ForcedCelsius { get; set; }

    public double ActualTicks => _actual;

    /// <summary>How many READ / SYNC_READ answers included Present_Position (lets a virtual operator see it was observed).</summary>
    public long PositionReads { get; private set; }

    public bool TorqueOn => _memory[Sts3215.TorqueEnable.Address] != 0;

    public int Get(Register r) => r.FromBytes(_memory.AsSpan(r.Address, r.Size));

    /// <summary>Sets a register directly, as the factory (or a test preparing a servo) would; persisted.</summary>
    public void Preset(Register r, int value)
    {
        r.ToBytes(value).CopyTo(_memory, r.Address);
        r.ToBytes(value).CopyTo(_eeprom, r.Address);
    }

    public ServoFaults Faults
    {
        get
        {
            var f = InjectedFaults;
            int decivolts = _memory[Sts3215.PresentVoltage.Address];
            if (decivolts > Get(Sts3215.MaxVoltageLimit) || decivolts < Get(Sts3215.MinVoltageLimit)) f |= ServoFaults.Voltage;
            if (_memory[Sts3215.PresentTemperature.Address] > Get(Sts3215.MaxTemperatureLimit)) f |= ServoFaults.Overheat;
            return f;
        }
    }

    /// <summary>Bytes for a READ, or null when the range leaves the memory (the servo stays silent).</summary>
    public byte[]? Read(int address, int length)
    {
        if (address + length > MemorySize) return null;
        var p = Sts3215.PresentPosition;
        if (address < p.Address + p.Size && p.Address < address + length) PositionReads++;
        return _memory.AsSpan(address, length).ToArray();
    }

    /// <summary>Applies a WRITE (or SYNC_WRITE entry); false when the range leaves the memory.</summary>
    public bool Write(int address, ReadOnlySpan<byte> data)
    {
        if (address + data.Length > MemorySize) return false;
        bool persist = _memory[Sts3215.Lock.Address] == 0;
        for (int i = 0; i < data.Length; i++)
        {
            int a = address + i;
            if (_readOnly[a]) continue;
            _memory[a] = data[i];
            if (persist && IsEeprom(a)) _eeprom[a] = data[i];
        }
        UpdatePresent(); // Homing_Offset and Phase change what Present_Position reads at once
        return true;
    }

    public bool RegisterWrite(int address, ReadOnlySpan<byte> data)
    {
        if (address + data.Length > MemorySize) return false;
        _registered = ((byte)address, data.ToArray());
        return true;
    }

    /// <summary>ACTION: applies the stored REG_WRITE, if any.</summary>
    public void Action()
    {
        if (_registered is { } r) Write(r.Address, r.Data);
        _registered = null;
    }

    /// <summary>
    /// Power off and on: EEPROM as last persisted, RAM at its defaults. The bus calls it once after
    /// the plant's first reading, so the power-on goal is the joint's real position.
    /// </summary>
    public void PowerCycle()
    {
        for (int a = 0; a < MemorySize; a++)
            if (IsEeprom(a)) _memory[a] = _eeprom[a];
        _registered = null;
        PowerOnRam();
        UpdatePresent();
    }

    /// <summary>What this servo asks of the plant this tick (positions in the servo's own frame).</summary>
    public ServoCommand Command(double? handTicks)
    {
        int goal = Get(Sts3215.GoalPosition);
        int min = Get(Sts3215.MinPositionLimit), max = Get(Sts3215.MaxPositionLimit);
        if (min < max) goal = Math.Clamp(goal, min, max);
        bool positionMode = _memory[Sts3215.OperatingMode.Address] == 0;
        double goalActual = positionMode ? Wrap(goal + Get(Sts3215.HomingOffset)) : _actual;
        return new ServoCommand(goalActual, TorqueOn, handTicks);
    }

    /// <summary>Takes the plant's readings into the Present_* registers.</summary>
    public void Apply(ServoReading r)
    {
        _actual = r.PositionTicks;
        SetRaw(Sts3215.PresentVelocity, Clamp(Math.Round(r.VelocityTicksPerSecond), 32767));
        SetRaw(Sts3215.PresentLoad, Clamp(Math.Round(r.LoadPercent * 10), 1023));
        _memory[Sts3215.PresentVoltage.Address] = (byte)Math.Clamp(Math.Round(r.Volts * 10), 0, 255);
        _memory[Sts3215.PresentTemperature.Address] = (byte)Math.Clamp(ForcedCelsius ?? Math.Round(r.Celsius), 0, 255);
        // Present_Current counts 6.5 mA steps.
        SetRaw(Sts3215.PresentCurrent, (int)Math.Clamp(Math.Round(r.CurrentMilliamps / 6.5), 0, 65535));
        _memory[Sts3215.Moving.Address] = (byte)(Math.Abs(r.VelocityTicksPerSecond) > Get(Sts3215.MovingVelocityThreshold) ? 1 : 0);
        UpdatePresent();
    }

    private void UpdatePresent()
    {
        int present = (int)Math.Round(_actual) - Get(Sts3215.HomingOffset);
        bool unwrapped = (_memory[Sts3215.Phase.Address] & Sts3215.PhaseAngleFeedbackBit) != 0;
        SetRaw(Sts3215.PresentPosition, unwrapped ? Clamp(present, 32767) : (int)Wrap(present));
        _memory[Sts3215.Status.Address] = (byte)Faults;
    }

    private void SetRaw(Register r, int value) => r.ToBytes(value).CopyTo(_memory, r.Address);

    private static int Clamp(double v, int magnitude) => (int)Math.Clamp(v, -magnitude, magnitude);

    private static double Wrap(double ticks) => ((ticks % Sts3215.Resolution) + Sts3215.Resolution) % Sts3215.Resolution;

    private static bool IsEeprom(int address) => address < Sts3215.TorqueEnable.Address || address >= Sts3215.MovingVelocityThreshold.Address;

    private void FactoryDefaults(byte id, int major, int minor)
    {
        void Set(Register r, int v) => SetRaw(r, v);
        Set(Sts3215.FirmwareMajorVersion, major);
        Set(Sts3215.FirmwareMinorVersion, minor);
        Set(Sts3215.ModelNumber, Sts3215.Model);
        Set(Sts3215.Id, id);
        Set(Sts3215.BaudRate, 0);
        Set(Sts3215.ReturnDelayTime, 250);
        Set(Sts3215.ResponseStatusLevel, 1);
        Set(Sts3215.MinPositionLimit, 0);
        Set(Sts3215.MaxPositionLimit, Sts3215.MaxTick);
        Set(Sts3215.MaxTemperatureLimit, 70);
        Set(Sts3215.MaxVoltageLimit, 140);
        Set(Sts3215.MinVoltageLimit, 40);
        Set(Sts3215.MaxTorqueLimit, 1000);
        Set(Sts3215.Phase, 0x0C);
        Set(Sts3215.UnloadingCondition, 44);
        Set(Sts3215.LedAlarmCondition, 47);
        Set(Sts3215.PCoefficient, 32);
        Set(Sts3215.DCoefficient, 32);
        Set(Sts3215.ICoefficient, 0);
        Set(Sts3215.MinimumStartupForce, 16);
        Set(Sts3215.CwDeadZone, 1);
        Set(Sts3215.CcwDeadZone, 1);
        Set(Sts3215.ProtectionCurrent, 500);
        Set(Sts3215.AngularResolution, 1);
        Set(Sts3215.HomingOffset, 0);
        Set(Sts3215.OperatingMode, 0);
        Set(Sts3215.ProtectiveTorque, 20);
        Set(Sts3215.ProtectionTime, 200);
        Set(Sts3215.OverloadTorque, 80);
        Set(Sts3215.VelocityP, 10);
        Set(Sts3215.OverCurrentProtectionTime, 200);
        Set(Sts3215.VelocityI, 200);
        Set(Sts3215.MovingVelocityThreshold, 2);
        Set(Sts3215.Dts, 32);
        Set(Sts3215.VelocityUnitFactor, 1);
        Set(Sts3215.MaximumVelocityLimit, 0);
        Set(Sts3215.MaximumAcceleration, 150);
    }

    private void PowerOnRam()
    {
        // Writable RAM (40..79) comes up zeroed except: torque limit from Max_Torque_Limit, write
        // lock on, and the goal equal to where the joint is, so enabling torque holds it in place.
        // Present_* registers keep the sensor readings.
        for (int a = Sts3215.TorqueEnable.Address; a < Sts3215.MovingVelocityThreshold.Address; a++)
            if (!_readOnly[a]) _memory[a] = 0;
        SetRaw(Sts3215.TorqueLimit, Get(Sts3215.MaxTorqueLimit));
        _memory[Sts3215.Lock.Address] = 1;
        int present = (int)Wrap(Math.Round(_actual) - Get(Sts3215.HomingOffset));
        SetRaw(Sts3215.GoalPosition, present);
    }
}
