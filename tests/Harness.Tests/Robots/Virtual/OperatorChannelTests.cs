using System.Net.Sockets;
using System.Text;
using Harness.Robots.Feetech;
using Harness.Robots.Operators;
using Harness.Robots.Serial;
using Harness.Robots.Virtual.Feetech;
using Harness.Robots.Virtual.So101;
using Harness.Tests.Support;

namespace Harness.Tests.Robots.Virtual;

public class OperatorChannelTests
{
    [Test]
    public void Middle_pose_moves_every_limp_joint_to_the_middle_of_its_travel()
    {
        using var dir = new TempDir("operator");
        using var rig = Start(dir);
        Assert.That(File.Exists(dir["so101.operator"]), Is.True, "the channel listens at <link>.operator");
        using var op = OperatorChannelClient.Connect(rig.LinkPath);
        op.Perform(new OperatorRequest(OperatorAction.MiddlePose, "", [1, 2, 3, 4, 5, 6]));
        Assert.That(rig.Bus.Ids.Select(id => rig.Bus.Inspect(id, s => s.ActualTicks)),
            Is.EqualTo(new double[] { 2050, 2000, 1990, 2050, 2047, 2700 }));
    }

    [Test]
    public void The_rig_refuses_to_move_a_joint_whose_torque_is_on()
    {
        using var dir = new TempDir("operator");
        using var rig = Start(dir);
        using (var bus = new FeetechBus(SerialPortLink.Open(rig.LinkPath))) bus.Write(2, Sts3215.TorqueEnable, 1);
        using var op = OperatorChannelClient.Connect(rig.LinkPath);
        var e = Assert.Throws<OperatorException>(() => op.Perform(new OperatorRequest(OperatorAction.SweepJoints, "", [1, 2])));
        Assert.That(e!.Message, Does.Contain("SWEEP 1 2").And.Contain("torque is on for servo id(s) 2"));
    }

    [Test]
    public void Unknown_requests_get_an_error_line_listing_what_the_rig_understands()
    {
        using var dir = new TempDir("operator");
        using var rig = Start(dir);
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Connect(new UnixDomainSocketEndPoint(rig.OperatorSocketPath));
        using var stream = new NetworkStream(socket);
        stream.Write(Encoding.UTF8.GetBytes("DANCE\nSWEEP 9\n"));
        using var reader = new StreamReader(stream);
        Assert.That(reader.ReadLine(), Is.EqualTo("ERR unknown request 'DANCE'; this rig understands 'MIDDLE_POSE', 'SWEEP ID...', 'RESET SEED' and 'LABEL STEPS 0|1'"));
        Assert.That(reader.ReadLine(), Does.StartWith("ERR no servo with id 9"));
    }

    [Test]
    public void A_rig_without_scene_objects_acknowledges_a_scene_reset()
    {
        using var dir = new TempDir("operator");
        using var rig = Start(dir);
        using var op = OperatorChannelClient.Connect(rig.LinkPath);
        Assert.DoesNotThrow(() => op.Perform(new OperatorRequest(OperatorAction.ResetScene, "", [], Seed: 3)));
        Assert.That(OperatorChannel.Line(new OperatorRequest(OperatorAction.ResetScene, "", [], Seed: 3)), Is.EqualTo("RESET 3"));
        var ex = Assert.Throws<OperatorException>(() => op.Ask(OperatorChannel.LabelLine(new Harness.Core.Tasks.EpisodeEnd(12, true))));
        Assert.That(ex!.Message, Does.Contain("LABEL 12 1").And.Contain("no scene to watch; label the episode by hand"));
    }

    [Test]
    public void Console_labeler_takes_the_key_of_an_outcome_class_from_the_schema()
    {
        var schema = new Harness.Core.Tasks.TaskSchema("pick", "test",
            [Harness.Core.Tasks.OutcomeClass.Success("placed"), new("NEVER_PICKED_UP", "never lifted", 1, 'n')], []);
        var output = new StringWriter();
        var outcome = new ConsoleOutcomeLabeler(new StringReader("x\nN\n"), output).Label(schema, new Harness.Core.Tasks.EpisodeEnd(12, false), seed: 4);
        Assert.That(outcome.Label, Is.EqualTo("NEVER_PICKED_UP"));
        Assert.That(output.ToString(), Does.Contain("[s] SUCCESS: placed").And.Contain("[n] NEVER_PICKED_UP").And.Contain("'x' is not one of s, n"));
    }

    [Test]
    public void Without_a_virtual_rig_auto_mode_says_what_to_start()
    {
        using var dir = new TempDir("operator");
        var e = Assert.Throws<OperatorException>(() => OperatorChannelClient.Connect(dir["nothing"]));
        Assert.That(e!.Message, Does.Contain("harness sim-bus so101").And.Contain("leave them out"));
    }

    [Test]
    public void The_channel_socket_is_removed_with_the_rig()
    {
        using var dir = new TempDir("operator");
        var rig = Start(dir);
        rig.Dispose();
        Assert.That(File.Exists(dir["so101.operator"]), Is.False);
        Assert.That(File.Exists(dir["so101"]), Is.False);
    }

    [Test]
    public void Console_operator_waits_for_enter_while_the_caller_keeps_working()
    {
        var input = new GatedReader();
        var output = new StringWriter();
        int ticks = 0;
        new ConsoleOperator(input, output).Perform(new OperatorRequest(OperatorAction.SweepJoints, "Sweep, then ENTER", [1]), () =>
        {
            if (++ticks == 3) input.PressEnter();
            Thread.Sleep(5);
        });
        Assert.That(ticks, Is.GreaterThanOrEqualTo(3));
        Assert.That(output.ToString(), Is.EqualTo("Sweep, then ENTER\n"));
    }

    [Test]
    public void Console_operator_with_closed_input_says_how_to_run_unattended()
    {
        var e = Assert.Throws<OperatorException>(() =>
            new ConsoleOperator(new StringReader(""), TextWriter.Null).Perform(new OperatorRequest(OperatorAction.MiddlePose, "x", [1])));
        Assert.That(e!.Message, Does.Contain("--auto"));
    }

    private static VirtualSo101 Start(TempDir dir) => VirtualSo101.Start(new VirtualSo101Options
    {
        LinkPath = dir["so101"],
        Plant = new FirstOrderServoPlant(VirtualSo101.DefaultTravel, [850, 900, 1000, 900, 100, 2000]),
        HandTicksPerSecond = 20000,
        SweepDwell = TimeSpan.FromMilliseconds(20),
    });

    /// <summary>Standard input whose ENTER arrives when the test says so.</summary>
    private sealed class GatedReader : TextReader
    {
        private readonly ManualResetEventSlim _enter = new();
        public void PressEnter() => _enter.Set();
        public override string? ReadLine()
        {
            _enter.Wait(TimeSpan.FromSeconds(5));
            return "";
        }
    }
}
