using Harness.Robots.Feetech;
using Harness.Robots.Operators;

namespace Harness.Robots.So101;

/// <summary>Live range recording: one row per recorded motor.</summary>
public readonly record struct RangeProgress(string Motor, int Min, int Position, int Max);

/// <summary>
/// LeRobot's SO follower calibration, step for step: torque off, position mode; the operator puts
/// the arm in the middle of its range and homing offsets are set so that pose reads 2047
/// (offset = raw - 2047 with limits reset to 0..4095 and offset 0 first); then positions are
/// recorded while the operator moves every joint but wrist_roll through its range; wrist_roll
/// gets the full turn 0..4095; drive mode 0; the result is written to the servos.
/// </summary>
public sealed class So101Calibrator(So101Arm arm, IOperator op)
{
    /// <summary>Pause between position reads while recording ranges (LeRobot's 20 ms).</summary>
    public TimeSpan RecordPeriod { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Called after each read while recording ranges (e.g. to show a live table).</summary>
    public Action<IReadOnlyList<RangeProgress>>? OnRange { get; init; }

    public ArmCalibration Run()
    {
        var motors = arm.Motors;
        arm.DisableTorque();
        foreach (var m in motors) arm.Bus.Write(m.Id, Sts3215.OperatingMode, 0);

        op.Perform(new OperatorRequest(OperatorAction.MiddlePose,
            "Move the SO-101 to the middle of its range of motion and press ENTER...", motors.Select(m => m.Id).ToArray()));
        var offsets = SetHalfTurnHomings();

        var recorded = motors.Where(m => m.Name != So101Motors.WristRoll).ToArray();
        var (mins, maxes) = RecordRanges(recorded);

        var calibration = new ArmCalibration(motors.Select((m, i) =>
        {
            int r = Array.IndexOf(recorded, m);
            return m.Name == So101Motors.WristRoll
                ? new MotorCalibration(m.Name, m.Id, 0, offsets[i], 0, Sts3215.MaxTick)
                : new MotorCalibration(m.Name, m.Id, 0, offsets[i], mins[r], maxes[r]);
        }).ToArray());
        arm.WriteCalibration(calibration);
        return calibration;
    }

    /// <summary>LeRobot's set_half_turn_homings: reset limits and offset, read, offset = raw - 2047.</summary>
    private int[] SetHalfTurnHomings()
    {
        foreach (var m in arm.Motors)
        {
            arm.Bus.Write(m.Id, Sts3215.HomingOffset, 0);
            arm.Bus.Write(m.Id, Sts3215.MinPositionLimit, 0);
            arm.Bus.Write(m.Id, Sts3215.MaxPositionLimit, Sts3215.MaxTick);
        }
        var raw = arm.ReadRawPositions();
        var offsets = raw.Select(p => p - So101Arm.HalfTurn).ToArray();
        for (int i = 0; i < arm.Motors.Count; i++) arm.Bus.Write(arm.Motors[i].Id, Sts3215.HomingOffset, offsets[i]);
        return offsets;
    }

    private (int[] Mins, int[] Maxes) RecordRanges(IReadOnlyList<So101Motor> recorded)
    {
        var start = arm.ReadRawPositions(recorded);
        var mins = (int[])start.Clone();
        var maxes = (int[])start.Clone();
        op.Perform(new OperatorRequest(OperatorAction.SweepJoints,
                $"Move all joints except '{So101Motors.WristRoll}' sequentially through their entire ranges of motion.\n" +
                "Recording positions. Press ENTER to stop...", recorded.Select(m => m.Id).ToArray()),
            () =>
            {
                var now = arm.ReadRawPositions(recorded);
                for (int i = 0; i < now.Length; i++)
                {
                    mins[i] = Math.Min(mins[i], now[i]);
                    maxes[i] = Math.Max(maxes[i], now[i]);
                }
                OnRange?.Invoke(recorded.Select((m, i) => new RangeProgress(m.Name, mins[i], now[i], maxes[i])).ToArray());
                Thread.Sleep(RecordPeriod);
            });
        var still = recorded.Where((m, i) => mins[i] == maxes[i]).Select(m => m.Name).ToArray();
        if (still.Length > 0)
            throw new So101Exception(
                $"these joints did not move while ranges were recorded (min = max): {string.Join(", ", still)}. " +
                "Calibrate again and move every joint except wrist_roll from one end of its range to the other.");
        return (mins, maxes);
    }
}
