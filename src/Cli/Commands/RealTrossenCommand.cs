using System.CommandLine;
using System.Globalization;
using Harness.Cli.Output;
using Harness.Robots.Trossen;
using Harness.Robots.Trossen.Native;

namespace Harness.Cli.Commands;

/// <summary>`harness real trossen status`: the Trossen AI Stationary kit's two WidowX AI followers through the vendor driver.</summary>
public static class RealTrossenCommand
{
    public static Command Create()
    {
        var trossen = new Command("trossen", "The Trossen AI Stationary kit (two WidowX AI followers), through Trossen's libtrossen_arm.");
        trossen.Subcommands.Add(Status());
        return trossen;
    }

    private static Command Status()
    {
        var left = new Option<string?>("--left-ip") { Description = "IP address of the left follower arm's controller." };
        var right = new Option<string?>("--right-ip") { Description = "IP address of the right follower arm's controller." };
        var cmd = new Command("status", "Driver and controller versions, joint positions and error state of both arms; moves nothing.") { left, right };
        cmd.SetAction(pr => CliErrors.Guard(() =>
        {
            // First what this machine lacks (the vendor driver), then what the command lacks.
            string shim = TrossenShimLocator.Locate();
            string l = pr.GetValue(left) ?? throw new ArgumentException("give --left-ip and --right-ip: the addresses of the two follower arms' controllers.");
            string r = pr.GetValue(right) ?? throw new ArgumentException("give --right-ip: the address of the right follower arm's controller.");
            using var kit = TrossenStationaryKit.Connect(l, r);
            Console.WriteLine($"Trossen driver shim: {shim}");
            var values = kit.ReadPositions();
            foreach (var (name, arm, offset) in new[] { ("left", kit.Left, 0), ("right", kit.Right, TrossenStationaryKit.ValuesPerArm) })
            {
                Console.WriteLine($"{name} arm {arm.Ip}: driver {arm.DriverVersion}, controller {arm.ControllerVersion}, errors: {(arm.ErrorInformation is { Length: > 0 } e ? e : "none")}");
                for (int i = 0; i < TrossenStationaryKit.ValuesPerArm; i++)
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {TrossenStationaryKit.FeatureNames[offset + i],-28} {values[offset + i],9:0.0000} {(i == TrossenStationaryKit.ValuesPerArm - 1 ? "m" : "rad")}"));
            }
            return 0;
        }));
        return cmd;
    }
}
