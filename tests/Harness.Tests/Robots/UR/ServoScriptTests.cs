using System.Net.Sockets;
using System.Text.RegularExpressions;
using Harness.Robots.UR.Script;

namespace Harness.Tests.Robots.UR;

public class ServoScriptTests
{
    [Test]
    public void The_program_is_one_def_with_the_watchdog_frequency_filled_in()
    {
        var text = ServoScript.Render(12.5);
        Assert.That(text, Does.Contain("rtde_set_watchdog(\"input_int_register_0\", 12.5, \"stop\")"));
        Assert.That(text, Does.Not.Contain("{{"));
        var topLevel = text.Split('\n').Where(l => l.Length > 0 && !char.IsWhiteSpace(l[0]) && !l.StartsWith('#')).ToList();
        Assert.That(topLevel, Is.EqualTo(new[] { "def harness_servo():", "end" }), "one top-level def, nothing run outside it");
    }

    [Test]
    public void The_script_uses_exactly_the_registers_of_the_documented_protocol()
    {
        var t = ServoScript.Template;
        int[] Numbers(string fn) => Regex.Matches(t, fn + @"\((\d+)").Select(m => int.Parse(m.Groups[1].Value)).Distinct().Order().ToArray();
        // Protocol 1 (src/Robots/README.md): ints 0 command, 1 moveJ id; doubles 0-5 q, 6 v, 7 a, 8 t, 9 lookahead, 10 gain;
        // outputs 0 state, 1 done id, 2 version.
        Assert.That(Numbers("read_input_integer_register"), Is.EqualTo(new[] { 0, 1 }));
        Assert.That(Numbers("read_input_float_register"), Is.EqualTo(Enumerable.Range(0, 11).ToArray()));
        Assert.That(Numbers("write_output_integer_register"), Is.EqualTo(new[] { 0, 1, 2 }));
        Assert.That(ServoProtocol.InputFields, Is.EqualTo(new[] { "input_int_register_0", "input_int_register_1" }
            .Concat(Enumerable.Range(0, 11).Select(i => $"input_double_register_{i}"))));
        Assert.That(t, Does.Contain("movej(q, a=read_input_float_register(7), v=read_input_float_register(6))"));
        Assert.That(t, Does.Contain("servoj(q, 0, 0, read_input_float_register(8), read_input_float_register(9), read_input_float_register(10))"));
    }

    [Test]
    public void Recognises_its_own_rendering_and_refuses_an_edited_one_naming_the_line()
    {
        Assert.That(ServoScript.TryRecognise(ServoScript.Render(5).Replace("\n", "\r\n") + "\n\n", out var hz, out _), Is.True);
        Assert.That(hz, Is.EqualTo(5));

        var edited = ServoScript.Render(5).Replace("stopj(2.0)", "stopj(20.0)");
        Assert.That(ServoScript.TryRecognise(edited, out _, out var why), Is.False);
        Assert.That(why, Does.Match(@"line \d+ is 'stopj\(20.0\)'"));
    }

    [Test]
    public void The_virtual_controller_refuses_any_other_program_with_a_message_and_runs_nothing()
    {
        using var c = VirtualUr.Start();
        using (var tcp = new TcpClient("127.0.0.1", c.Ports.Secondary))
            tcp.GetStream().Write("def other():\n  movej([0,0,0,0,0,0])\nend\nset_digital_out(0, True)\n"u8);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        while (c.Refusals.Count < 2 && sw.Elapsed < TimeSpan.FromSeconds(3)) Thread.Sleep(10);
        Assert.That(c.Refusals, Has.Count.EqualTo(2));
        Assert.That(c.Refusals[0], Does.Contain("not the harness servo program").And.Contain("harness_servo.script"));
        Assert.That(c.Refusals[1], Does.Contain("single script statement ('set_digital_out(0, True)')"));
        Assert.That(c.With(core => core.Program), Is.Null);
        Assert.That(c.Log.Entries, Is.Empty);
    }

    [Test]
    public void The_virtual_controller_runs_our_program_sent_to_the_realtime_port_too()
    {
        using var c = VirtualUr.Start();
        using (var tcp = new TcpClient("127.0.0.1", c.Ports.Realtime))
            tcp.GetStream().Write(System.Text.Encoding.UTF8.GetBytes(ServoScript.Render(10)));
        VirtualUr.WaitFor(c, core => core.Program is { Name: "harness_servo" } && core.ReadOutputInt(2) == 1,
            "the program to start and report protocol 1 in output_int_register_2");
    }
}
