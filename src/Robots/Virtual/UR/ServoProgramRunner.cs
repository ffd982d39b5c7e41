using Harness.Robots.UR.Script;

namespace Harness.Robots.Virtual.UR;

/// <summary>
/// harness_servo.script as the controller would run it, statement by statement (the comments give
/// the script line each part stands for). Not a URScript interpreter: the secondary interface starts
/// this only for a program that <see cref="ServoScript.TryRecognise"/> accepts.
/// </summary>
public sealed class ServoProgramRunner(double watchdogHz) : ControllerProgram
{
    public const string ProgramName = "harness_servo";

    public double WatchdogHz { get; } = watchdogHz;
    public override string Name => ProgramName;

    protected override IEnumerable<ServoTarget?> Body(UrControllerCore c)
    {
        // rtde_set_watchdog("input_int_register_0", WATCHDOG_HZ, "stop")
        c.SetWatchdog(ServoProtocol.WatchdogField, WatchdogHz, "stop");
        // write_output_integer_register(2, 1)
        c.WriteOutputInt(ServoProtocol.VersionOutputInt, ServoProtocol.Version);
        // done_id = read_input_integer_register(1); write_output_integer_register(1, done_id)
        int doneId = c.ReadInputInt(ServoProtocol.RequestIdInt);
        c.WriteOutputInt(ServoProtocol.DoneIdOutputInt, doneId);
        bool servoing = false;
        bool running = true;
        while (running)
        {
            int cmd = c.ReadInputInt(ServoProtocol.CommandInt);
            if (cmd == (int)ServoCommand.ServoJ)
            {
                var q = Target(c);
                c.WriteOutputInt(ServoProtocol.StateOutputInt, (int)ServoProgramState.Servoing);
                foreach (var t in c.Servoj(q, c.ReadInputDouble(ServoProtocol.ServoTimeDouble), c.ReadInputDouble(ServoProtocol.LookaheadDouble),
                             c.ReadInputDouble(ServoProtocol.GainDouble), Name))
                    yield return t;
                servoing = true;
            }
            else if (cmd == (int)ServoCommand.MoveJ && c.ReadInputInt(ServoProtocol.RequestIdInt) != doneId)
            {
                if (servoing)
                {
                    foreach (var t in c.Stopj(2.0, Name)) yield return t;
                    servoing = false;
                }
                int reqId = c.ReadInputInt(ServoProtocol.RequestIdInt);
                var q = Target(c);
                c.WriteOutputInt(ServoProtocol.StateOutputInt, (int)ServoProgramState.MovingJ);
                foreach (var t in c.Movej(q, c.ReadInputDouble(ServoProtocol.AccelerationDouble), c.ReadInputDouble(ServoProtocol.SpeedDouble), Name))
                    yield return t;
                doneId = reqId;
                c.WriteOutputInt(ServoProtocol.DoneIdOutputInt, doneId);
            }
            else if (cmd == (int)ServoCommand.Stop)
            {
                running = false;
            }
            else
            {
                if (servoing)
                {
                    foreach (var t in c.Stopj(2.0, Name)) yield return t;
                    servoing = false;
                }
                c.WriteOutputInt(ServoProtocol.StateOutputInt, (int)ServoProgramState.Ready);
                yield return null; // sync()
            }
        }
        if (servoing)
            foreach (var t in c.Stopj(2.0, Name)) yield return t;
        c.WriteOutputInt(ServoProtocol.StateOutputInt, (int)ServoProgramState.Stopped);
    }

    private static double[] Target(UrControllerCore c) =>
        Enumerable.Range(ServoProtocol.TargetDouble, 6).Select(c.ReadInputDouble).ToArray();
}
