using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Harness.Cli.Output;
using Harness.Robots.UR;
using Harness.Robots.UR.Dashboard;
using Harness.Robots.UR.Gripper;
using Harness.Robots.UR.Rtde;
using Harness.Robots.Virtual.UR;

namespace Harness.Cli.Commands;

/// <summary>`harness real ur5e status|eval`: a UR5e + Robotiq 2F-85 (or `harness sim-ur`) over its TCP interfaces.</summary>
public static class RealUrCommand
{
    public static Command Create()
    {
        var ur5e = new Command("ur5e", "A UR5e with a Robotiq 2F-85 (RTDE, dashboard, URCap gripper socket).");
        ur5e.Subcommands.Add(Status());
        ur5e.Subcommands.Add(RealEvalCommand.CreateUr5e());
        return ur5e;
    }

    public static Option<string> Host() => new("--host") { Description = "The UR controller's address (127.0.0.1 for `harness sim-ur`).", Required = true };

    public static Option<int> PortOffset() => new("--port-offset")
    {
        Description = "Added to every port (29999, 30002, 30003, 30004, 63352): the same K as `harness sim-ur --port-offset K`; 0 for a real controller.",
        DefaultValueFactory = _ => 0,
    };

    private static Command Status()
    {
        var host = Host();
        var offset = PortOffset();
        var noGripper = new Option<bool>("--no-gripper") { Description = "The arm has no Robotiq URCap gripper." };
        var cmd = new Command("status", "Robot and safety mode, program, joints, tool pose, speed slider, gripper; moves nothing.") { host, offset, noGripper };
        cmd.SetAction(pr => CliErrors.Guard(() =>
        {
            string h = pr.GetValue(host)!;
            int k = pr.GetValue(offset);
            var options = new UrRobotOptions(h, UrPorts.Default.WithOffset(k)) { UseGripper = !pr.GetValue(noGripper) };
            using var robot = Connect(options, k);
            var s = robot.Status();
            Console.Write(Describe(options, s));
            if (s.TargetSpeedFraction < 1)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"warning: the teach pendant's speed slider is at {s.TargetSpeedFraction:P0}; every servoj runs that much slower, so the arm lags the policy's targets. Set it to 100 % for evaluations."));
            var problems = Problems(s);
            foreach (var p in problems) Console.WriteLine($"not ready: {p}");
            return problems.Count == 0 ? 0 : 3;
        }));
        return cmd;
    }

    /// <summary>Connects; a refused connection says what to start (the virtual controller on this machine, or the controller's services).</summary>
    public static UrRobot Connect(UrRobotOptions options, int portOffset)
    {
        try
        {
            return UrRobot.Connect(options);
        }
        catch (Exception e) when (e is DashboardException or RtdeException or RobotiqException && Refused(e))
        {
            bool local = IPAddress.TryParse(options.Host, out var ip) && IPAddress.IsLoopback(ip) || options.Host == "localhost";
            string what = local
                ? $"Nothing listens there: start the virtual controller first (`{SimUrChannel.StartHint(portOffset)}`), with the same --port-offset."
                : "Nothing listens there: check that the controller is booted and on this network, that --port-offset is 0 for a real controller, " +
                  "and for the gripper that the Robotiq URCap is installed and its socket enabled.";
            throw new UrConnectionException($"{e.Message} {what}", e);
        }
    }

    private static bool Refused(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
            if (x is SocketException { SocketErrorCode: SocketError.ConnectionRefused }) return true;
        return e.Message.Contains("refused", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>What `status` prints.</summary>
    public static string Describe(UrRobotOptions o, UrStatus s)
    {
        var c = CultureInfo.InvariantCulture;
        var w = new StringWriter(c);
        w.WriteLine($"UR controller {o.Host} (dashboard {o.Ports.Dashboard}, RTDE {o.Ports.Rtde}, gripper {o.Ports.Gripper}), software {s.ControllerVersion}");
        w.WriteLine($"robot mode {UrModeNames.ToDashboard(s.RobotMode)}, safety mode {UrModeNames.ToDashboard(s.SafetyMode)}, program {s.RuntimeState.ToString().ToUpperInvariant()}, remote control: {(s.RemoteControl ? "yes" : "no")}");
        w.WriteLine("joints (rad):  " + string.Join("  ", s.JointPositions.Select(q => Signed(q, 4))));
        w.WriteLine("joints (deg):  " + string.Join("  ", s.JointPositions.Select(q => Signed(q * 180 / Math.PI, 2))));
        var p = s.TcpPose;
        w.WriteLine(string.Create(c, $"TCP: x {p[0]:0.0000} m, y {p[1]:0.0000} m, z {p[2]:0.0000} m, rotation vector ({p[3]:0.0000}, {p[4]:0.0000}, {p[5]:0.0000}) rad"));
        w.WriteLine(string.Create(c, $"speed slider: {s.TargetSpeedFraction:P0}"));
        if (s.Gripper is { } g)
            w.WriteLine($"gripper (Robotiq 2F-85): {(g.IsActive ? "active" : $"not activated (STA {g.ActivationStatus})")}, position {g.Position} of 255 (request {g.RequestedPosition}), " +
                        $"object: {Object(g.Object)}, fault: {(g.Fault == 0 ? "none" : RobotiqFaults.Describe(g.Fault))}");
        else w.WriteLine("gripper: not used (--no-gripper)");
        return w.ToString();
    }

    // A value that rounds to zero prints +0.00, never -0.00.
    private static string Signed(double v, int digits)
    {
        double r = Math.Round(v, digits);
        return (r >= 0 ? "+" : "") + (r == 0 ? 0 : r).ToString("F" + digits, CultureInfo.InvariantCulture);
    }

    private static string Object(RobotiqObjectStatus o) => o switch
    {
        RobotiqObjectStatus.Moving => "fingers moving",
        RobotiqObjectStatus.ContactWhileOpening => "detected (stopped while opening)",
        RobotiqObjectStatus.ContactWhileClosing => "detected (stopped while closing)",
        _ => "none (fingers at the requested position)",
    };

    /// <summary>Why the arm cannot run an evaluation now, each with what to do.</summary>
    public static IReadOnlyList<string> Problems(UrStatus s)
    {
        var p = new List<string>();
        if (s.SafetyMode != UrSafetyMode.Normal) p.Add($"safety mode {UrModeNames.ToDashboard(s.SafetyMode)}: resolve it on the teach pendant (or 'unlock protective stop').");
        if (s.RobotMode != UrRobotMode.Running) p.Add($"robot mode {UrModeNames.ToDashboard(s.RobotMode)}: power the arm on and release the brakes (pendant, or dashboard 'power on', 'brake release').");
        if (!s.RemoteControl) p.Add("the controller is in Local Control: switch to Remote Control on the teach pendant.");
        return p;
    }
}

/// <summary>No connection to a UR controller; the message says what to start or check.</summary>
public sealed class UrConnectionException(string message, Exception inner) : Exception(message, inner);
