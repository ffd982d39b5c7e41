using System.Net.Sockets;
using Harness.Robots.UR.Rtde;

namespace Harness.Tests.Robots.UR;

public class RtdeClientTests
{
    [Test]
    public void Connect_negotiates_protocol_2_and_reads_the_controller_version()
    {
        using var c = VirtualUr.Start(new() { ControllerVersion = "5.16.1.7" });
        using var rtde = RtdeClient.Connect("127.0.0.1", c.Ports.Rtde);
        Assert.That(rtde.ProtocolVersion, Is.EqualTo(2));
        Assert.That(rtde.GetControllerVersion(), Is.EqualTo(new ControllerVersion(5, 16, 1, 7)));
    }

    [Test]
    public void The_controller_refuses_protocol_versions_it_does_not_speak()
    {
        using var c = VirtualUr.Start();
        using var tcp = new TcpClient("127.0.0.1", c.Ports.Rtde);
        var s = tcp.GetStream();
        s.Write(RtdeWire.Frame(RtdeCommand.RequestProtocolVersion, RtdeWire.UInt16(3)));
        var reply = new RtdePackageReader(s).Read();
        Assert.That(reply!.Value.Command, Is.EqualTo(RtdeCommand.RequestProtocolVersion));
        Assert.That(reply.Value.Payload, Is.EqualTo(new byte[] { 0 }));
    }

    [Test]
    public void An_unknown_output_field_is_a_clear_error_naming_it()
    {
        using var c = VirtualUr.Start();
        using var rtde = RtdeClient.Connect("127.0.0.1", c.Ports.Rtde);
        var ex = Assert.Throws<RtdeRecipeException>(() => rtde.SetupOutputs(["timestamp", "actual_qq", "robot_mode"], 125));
        Assert.That(ex!.Problems, Is.EqualTo(new[] { ("actual_qq", "NOT_FOUND") }));
        Assert.That(ex.Message, Does.Contain("'actual_qq' is NOT_FOUND").And.Contain("spelling"));
        Assert.That(rtde.Outputs, Is.Null);
    }

    [Test]
    public void Output_recipe_reports_the_controllers_types()
    {
        using var c = VirtualUr.Start();
        using var rtde = RtdeClient.Connect("127.0.0.1", c.Ports.Rtde);
        var r = rtde.SetupOutputs(["timestamp", "actual_q", "robot_mode", "runtime_state", "joint_mode", "elbow_position", "output_bit_register_64", "actual_digital_output_bits"], 125);
        Assert.That(r.Types, Is.EqualTo(new[] { RtdeType.Double, RtdeType.Vector6D, RtdeType.Int32, RtdeType.Uint32, RtdeType.Vector6Int32, RtdeType.Vector3D, RtdeType.Bool, RtdeType.Uint64 }));
    }

    [Test]
    public void An_output_frequency_above_500_Hz_is_refused_with_the_controllers_message()
    {
        using var c = VirtualUr.Start();
        using var rtde = RtdeClient.Connect("127.0.0.1", c.Ports.Rtde);
        var ex = Assert.Throws<RtdeException>(() => rtde.SetupOutputs(["timestamp"], 1000));
        Assert.That(ex!.Message, Does.Contain("1..500"));
    }

    [Test]
    public void An_input_owned_by_another_client_is_IN_USE_until_that_client_leaves()
    {
        using var c = VirtualUr.Start();
        var first = RtdeClient.Connect("127.0.0.1", c.Ports.Rtde);
        first.SetupInputs(["input_int_register_0", "input_double_register_3"]);
        using var second = RtdeClient.Connect("127.0.0.1", c.Ports.Rtde);

        var ex = Assert.Throws<RtdeRecipeException>(() => second.SetupInputs(["input_int_register_1", "input_double_register_3"]));
        Assert.That(ex!.Problems, Is.EqualTo(new[] { ("input_double_register_3", "IN_USE") }));
        Assert.That(ex.Message, Does.Contain("IN_USE").And.Contain("another RTDE client"));

        first.Dispose();
        var sw = System.Diagnostics.Stopwatch.StartNew();
        RtdeRecipe? r = null;
        while (r is null && sw.Elapsed < TimeSpan.FromSeconds(3))
        {
            try { r = second.SetupInputs(["input_int_register_1", "input_double_register_3"]); }
            catch (RtdeRecipeException) { Thread.Sleep(20); }
        }
        Assert.That(r, Is.Not.Null, "the input is released when its owner disconnects");
        Assert.That(r!.Types, Is.EqualTo(new[] { RtdeType.Int32, RtdeType.Double }));
    }

    [Test]
    public void An_unknown_input_field_is_NOT_FOUND()
    {
        using var c = VirtualUr.Start();
        using var rtde = RtdeClient.Connect("127.0.0.1", c.Ports.Rtde);
        var ex = Assert.Throws<RtdeRecipeException>(() => rtde.SetupInputs(["input_int_register_99"]));
        Assert.That(ex!.Problems, Is.EqualTo(new[] { ("input_int_register_99", "NOT_FOUND") }));
    }

    [Test]
    public void Streams_500_Hz_without_losing_a_package()
    {
        using var c = VirtualUr.Start();
        using var rtde = RtdeClient.Connect("127.0.0.1", c.Ports.Rtde);
        rtde.SetupOutputs(["timestamp", "actual_q"], 500);
        rtde.Start();
        var stamps = new List<double>();
        var sw = System.Diagnostics.Stopwatch.StartNew();
        while (sw.Elapsed < TimeSpan.FromSeconds(2)) stamps.Add(rtde.Next(TimeSpan.FromSeconds(1)).Double("timestamp"));
        rtde.Pause();
        var session = c.Rtde.Sessions.Single();

        // Consecutive controller cycles: every timestamp 2 ms after the previous one.
        var gaps = stamps.Zip(stamps.Skip(1), (a, b) => Math.Round((b - a) * 1000, 6)).Where(d => d != 2.0).ToList();
        Assert.That(gaps, Is.Empty, "timestamps must advance by one 2 ms cycle each");
        Assert.That(stamps.Count, Is.GreaterThan(900), "about 1000 packages in 2 s at 500 Hz");
        Assert.That(session.DroppedPackages, Is.Zero);
        Assert.That(rtde.DroppedCount, Is.Zero);
    }

    [Test]
    public void A_125_Hz_recipe_gets_every_fourth_cycle()
    {
        using var c = VirtualUr.Start();
        using var rtde = RtdeClient.Connect("127.0.0.1", c.Ports.Rtde);
        rtde.SetupOutputs(["timestamp"], 125);
        rtde.Start();
        var t = Enumerable.Range(0, 50).Select(_ => rtde.Next(TimeSpan.FromSeconds(1)).Double("timestamp")).ToList();
        Assert.That(t.Zip(t.Skip(1), (a, b) => Math.Round((b - a) * 1000, 6)).Distinct(), Is.EqualTo(new[] { 8.0 }));
    }

    [Test]
    public void Inputs_sent_are_applied_and_read_back_as_outputs()
    {
        using var c = VirtualUr.Start();
        using var rtde = RtdeClient.Connect("127.0.0.1", c.Ports.Rtde);
        var inputs = rtde.SetupInputs(["input_int_register_7", "input_double_register_9", "input_bit_register_70", "standard_digital_output_mask", "standard_digital_output"]);
        rtde.SetupOutputs(["input_int_register_7", "input_double_register_9", "input_bit_register_70", "actual_digital_output_bits"], 500);
        rtde.Start();
        rtde.Send(inputs, [-12345, 2.75, true, (byte)0x0F, (byte)0xA5]);
        var deadline = DateTime.UtcNow.AddSeconds(2);
        RtdeDataPackage p;
        do p = rtde.Next(TimeSpan.FromSeconds(1));
        while (p.Integer("input_int_register_7") != -12345 && DateTime.UtcNow < deadline);
        Assert.That(p.Integer("input_int_register_7"), Is.EqualTo(-12345));
        Assert.That(p.Double("input_double_register_9"), Is.EqualTo(2.75));
        Assert.That(p.Bool("input_bit_register_70"), Is.True);
        Assert.That(p.Integer("actual_digital_output_bits"), Is.EqualTo(0x05), "mask 0x0F keeps the low 4 bits of 0xA5");
    }

    [Test]
    public void Pause_stops_the_stream_and_says_so()
    {
        using var c = VirtualUr.Start();
        using var rtde = RtdeClient.Connect("127.0.0.1", c.Ports.Rtde);
        rtde.SetupOutputs(["timestamp"], 500);
        rtde.Start();
        rtde.Next(TimeSpan.FromSeconds(1));
        rtde.Pause();
        while (rtde.TryLatest() is not null) Thread.Sleep(10);
        var ex = Assert.Throws<TimeoutException>(() => rtde.Next(TimeSpan.FromMilliseconds(100)));
        Assert.That(ex!.Message, Does.Contain("paused"));
    }

    [Test]
    public void A_dropped_connection_fails_waiting_and_later_calls_clearly()
    {
        using var c = VirtualUr.Start();
        using var rtde = RtdeClient.Connect("127.0.0.1", c.Ports.Rtde);
        rtde.SetupOutputs(["timestamp"], 500);
        rtde.Start();
        rtde.Next(TimeSpan.FromSeconds(1));
        c.DropConnections();
        var ex = Assert.Throws<RtdeConnectionLostException>(() => { while (true) rtde.Next(TimeSpan.FromSeconds(2)); });
        Assert.That(ex!.Message, Does.Contain("connection").And.Contain("lost"));
        Assert.Throws<RtdeConnectionLostException>(() => rtde.GetControllerVersion());
        Assert.That(rtde.IsConnected, Is.False);
    }

    [Test]
    public void A_slow_controller_sends_only_every_nth_package_and_answers_late()
    {
        using var c = VirtualUr.Start();
        c.SlowDown(TimeSpan.FromMilliseconds(150), outputEvery: 5);
        using var rtde = RtdeClient.Connect("127.0.0.1", c.Ports.Rtde);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        rtde.SetupOutputs(["timestamp"], 500);
        Assert.That(sw.ElapsedMilliseconds, Is.GreaterThanOrEqualTo(150));
        rtde.Start();
        var t = Enumerable.Range(0, 20).Select(_ => rtde.Next(TimeSpan.FromSeconds(1)).Double("timestamp")).ToList();
        Assert.That(t.Zip(t.Skip(1), (a, b) => Math.Round((b - a) * 1000, 6)).Distinct(), Is.EqualTo(new[] { 10.0 }));
    }
}
