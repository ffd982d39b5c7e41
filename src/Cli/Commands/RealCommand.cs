using System.CommandLine;
using System.Globalization;
using Harness.Cli.Composition;
using Harness.Cli.Output;
using Harness.Robots.Feetech;
using Harness.Robots.Operators;
using Harness.Robots.Serial;
using Harness.Robots.So101;

namespace Harness.Cli.Commands;

/// <summary>`harness real so101 scan|calibrate|eval`: the physical SO-101 (or a virtual one on a pty).</summary>
public static class RealCommand
{
    public static Command Create()
    {
        var so101 = new Command("so101", "The SO-101 follower arm (six Feetech STS3215 on one serial bus).");
        so101.Subcommands.Add(Scan());
        so101.Subcommands.Add(Calibrate());
        so101.Subcommands.Add(RealEvalCommand.Create());
        return new Command("real", "Real robots: scan, calibrate, evaluate with the same episode loop as simulation.") { so101 };
    }

    private static Option<string> Port() => new("--port") { Description = "Serial port of the arm's bus adapter (e.g. /dev/serial/by-id/usb-..., or a sim-bus --link).", Required = true };

    /// <summary>How long a servo may take to answer (LeRobot's 50 ms by default); longer for slow USB hubs or a loaded machine.</summary>
    public static Option<int> ReplyTimeout() => new("--reply-timeout-ms")
    {
        Description = "How long each servo reply may take, ms (LeRobot's 50 by default; each exchange is tried 3 times).",
        DefaultValueFactory = _ => 50,
    };

    public static FeetechBusOptions BusOptions(int replyTimeoutMs) => replyTimeoutMs > 0
        ? new FeetechBusOptions { ReplyTimeout = TimeSpan.FromMilliseconds(replyTimeoutMs) }
        : throw new ArgumentException($"--reply-timeout-ms must be positive; got {replyTimeoutMs}.");

    private static Command Scan()
    {
        var port = Port();
        var timeout = ReplyTimeout();
        var cmd = new Command("scan", "List the servos on the bus: id, model, firmware, position, voltage, temperature, faults.") { port, timeout };
        cmd.SetAction(pr => CliErrors.Guard(() =>
        {
            using var bus = new FeetechBus(SerialPortLink.Open(pr.GetValue(port)!), BusOptions(pr.GetValue(timeout)));
            var found = ServoScanner.Scan(bus);
            Console.WriteLine($"{found.Count} servo(s) on {pr.GetValue(port)} at {SerialPortLink.FeetechBaudRate:N0} baud:");
            Console.WriteLine("  id  model       firmware  position  voltage  temp  faults");
            foreach (var s in found)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {s.Id,2}  {s.Model,3} {(s.Model == Sts3215.Model ? "STS3215" : "?"),-7}  {s.Firmware,-8}  {s.Position,8}  {s.VoltageVolts,5:0.0} V  {s.TemperatureCelsius,2} C  {(s.Faults == ServoFaults.None ? "none" : s.Faults.ToString())}"));
            var problems = So101ScanCheck.Problems(found);
            if (problems.Count == 0)
            {
                Console.WriteLine("an SO-101 follower: six STS3215, ids 1-6, same firmware, no faults.");
                return 0;
            }
            Console.WriteLine("not a healthy SO-101 follower:");
            foreach (var p in problems) Console.WriteLine($"  - {p}");
            return 3;
        }));
        return cmd;
    }

    private static Command Calibrate()
    {
        var port = Port();
        var auto = new Option<bool>("--auto") { Description = "Let a virtual rig's operator channel move the joints (sim-bus); on a real arm, leave it out and follow the prompts." };
        var outPath = new Option<string?>("--out") { Description = "Calibration file to write (LeRobot's format)." };
        var id = new Option<string?>("--id") { Description = "Robot id: writes LeRobot's own file <calibration dir>/robots/so_follower/<id>.json when --out is not given." };
        var timeout = ReplyTimeout();
        var cmd = new Command("calibrate", "LeRobot's SO-101 calibration: middle pose, then every joint through its range; writes LeRobot's calibration file.") { port, auto, outPath, id, timeout };
        cmd.SetAction(pr => CliErrors.Guard(() =>
        {
            string path = pr.GetValue(outPath)
                ?? (pr.GetValue(id) is { Length: > 0 } robotId ? CalibrationPaths.For(CalibrationPaths.Directory(), CalibrationPaths.SoFollower, robotId)
                    : throw new ArgumentException("give --out FILE, or --id ID to write LeRobot's own calibration file for that robot id."));
            using var channel = pr.GetValue(auto) ? OperatorChannelClient.Connect(pr.GetValue(port)!) : null;
            IOperator op = channel is not null ? channel : ConsoleOperator.Standard();
            using var bus = new FeetechBus(SerialPortLink.Open(pr.GetValue(port)!), BusOptions(pr.GetValue(timeout)));
            var arm = new So101Arm(bus);
            arm.Handshake();
            int reads = 0;
            var calibration = new So101Calibrator(arm, op)
            {
                // A person watches the ranges grow; print them now and then, not at every 20 ms read.
                OnRange = channel is not null ? null : progress =>
                {
                    if (reads++ % 25 == 0)
                        Console.WriteLine(string.Join("  ", progress.Select(r => $"{r.Motor} {r.Min}..{r.Max} ({r.Position})")));
                },
            }.Run();
            CalibrationFile.Save(path, calibration);
            Console.WriteLine($"calibration written to {path}:");
            foreach (var m in calibration.Motors)
                Console.WriteLine($"  {m.Motor,-14} id {m.Id}  homing_offset {m.HomingOffset,5}  range {m.RangeMin}..{m.RangeMax}");
            return 0;
        }));
        return cmd;
    }
}
