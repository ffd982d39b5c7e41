using System.Diagnostics;
using System.Text;

namespace Harness.Tests.RealSo101;

/// <summary>The built `harness` binary as a child process, its output collected line by line, stoppable with a signal.</summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _p;
    private readonly StringBuilder _out = new(), _err = new();
    private readonly object _gate = new();

    public ChildProcess(params string[] args)
    {
        var psi = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "harness"))
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        _p = Process.Start(psi)!;
        _p.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_gate) _out.AppendLine(e.Data); };
        _p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_gate) _err.AppendLine(e.Data); };
        _p.BeginOutputReadLine();
        _p.BeginErrorReadLine();
    }

    public string Output { get { lock (_gate) return _out.ToString(); } }
    public string Error { get { lock (_gate) return _err.ToString(); } }

    public void WaitForOutput(string text, double seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!Output.Contains(text))
        {
            if (_p.HasExited) Assert.Fail($"harness exited ({_p.ExitCode}) before printing '{text}':\n{Output}\n{Error}");
            if (DateTime.UtcNow > deadline) Assert.Fail($"harness did not print '{text}' within {seconds} s:\n{Output}\n{Error}");
            Thread.Sleep(20);
        }
    }

    /// <summary>Sends SIGTERM (what `kill` and service managers send).</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _p.Id.ToString()]);
        kill.WaitForExit();
    }

    public int WaitForExit(double seconds = 60)
    {
        if (!_p.WaitForExit(TimeSpan.FromSeconds(seconds)))
        {
            _p.Kill(entireProcessTree: true);
            Assert.Fail($"harness did not exit within {seconds} s:\n{Output}\n{Error}");
        }
        _p.WaitForExit();
        return _p.ExitCode;
    }

    public void Dispose()
    {
        if (!_p.HasExited) _p.Kill(entireProcessTree: true);
        _p.Dispose();
    }
}
