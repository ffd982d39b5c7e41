namespace Harness.Robots.Virtual.Feetech;

/// <summary>
/// A plain servo model for tests and demos: with torque on each joint approaches its goal as a
/// first-order lag (time constant <see cref="TimeConstant"/>) under a speed limit; with torque off
/// it stays where it is (no gravity) unless a hand moves it; joints never leave their travel.
/// Load grows with the position error; supply voltage and temperature are constant.
/// </summary>
public sealed class FirstOrderServoPlant : IServoPlant
{
    private readonly double[] _position;

    public FirstOrderServoPlant(IReadOnlyList<ServoTravel> travel, IReadOnlyList<double>? initialTicks = null)
    {
        Travel = travel;
        if (initialTicks is not null && initialTicks.Count != travel.Count)
            throw new ArgumentException($"{initialTicks.Count} initial positions for {travel.Count} joints.");
        _position = travel.Select((t, i) => t.Clamp(initialTicks?[i] ?? t.Middle)).ToArray();
    }

    public IReadOnlyList<ServoTravel> Travel { get; }

    public TimeSpan TimeConstant { get; init; } = TimeSpan.FromMilliseconds(40);

    /// <summary>About the STS3215's no-load speed at 12 V (0.222 s per 60 degrees).</summary>
    public double MaxTicksPerSecond { get; init; } = 3000;

    public double Volts { get; init; } = 12.0;
    public double Celsius { get; init; } = 31;

    /// <summary>Position error (ticks) at which the load saturates at 100 %.</summary>
    public double FullLoadErrorTicks { get; init; } = 200;

    public void Step(ReadOnlySpan<ServoCommand> commands, Span<ServoReading> readings, TimeSpan dt)
    {
        double seconds = dt.TotalSeconds;
        for (int i = 0; i < _position.Length; i++)
        {
            var c = commands[i];
            double before = _position[i];
            double load = 0;
            if (c.HandTicks is double hand)
            {
                _position[i] = Travel[i].Clamp(hand);
            }
            else if (c.TorqueOn)
            {
                double goal = Travel[i].Clamp(c.GoalTicks);
                double error = goal - before;
                double step = seconds > 0 ? error * (1 - Math.Exp(-seconds / TimeConstant.TotalSeconds)) : 0;
                double maxStep = MaxTicksPerSecond * seconds;
                _position[i] = before + Math.Clamp(step, -maxStep, maxStep);
                load = Math.Clamp((goal - _position[i]) / FullLoadErrorTicks * 100, -100, 100);
            }
            double velocity = seconds > 0 ? (_position[i] - before) / seconds : 0;
            readings[i] = new ServoReading(_position[i], velocity, load, Volts, Celsius, Math.Abs(load) * 15);
        }
    }
}
