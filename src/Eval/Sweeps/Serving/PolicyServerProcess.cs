using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Harness.Eval.Sweeps.Serving;

/// <summary>
/// One policy server started from a <see cref="ServeTemplate"/> for one checkpoint: the command runs
/// under <c>bash -c</c> in a session (and process group) of its own, its output appended to a log file;
/// <see cref="Start"/> returns once <c>/healthz</c> answers 200, and fails with the tail of the log
/// when the server exits or stays silent. <see cref="Dispose"/> stops the whole process group
/// (SIGTERM, then SIGKILL after a grace period), so no server outlives its checkpoint.
/// </summary>
public sealed class PolicyServerProcess : IDisposable
{
    private readonly Process _process;
    private bool _stopped;

    private PolicyServerProcess(Process process, int port, string logPath, string command)
    {
        _process = process;
        Port = port;
        LogPath = logPath;
        Command = command;
        ProcessGroup = process.Id;
    }

    public int Port { get; }
    public string LogPath { get; }
    public string Command { get; }
    public int ProcessGroup { get; }
    public string Endpoint => $"ws://127.0.0.1:{Port}";

    public static PolicyServerProcess Start(ServeTemplate template, string checkpoint, string logPath, TimeSpan timeout, CancellationToken cancel = default)
    {
        int port = FreePort();
        string command = template.For(checkpoint, port);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logPath))!);
        File.AppendAllText(logPath, $"[harness] {DateTimeOffset.Now:u} starting: {command}\n");
        // setsid: the server and everything it spawns share one new process group, stopped together.
        var psi = new ProcessStartInfo("setsid") { UseShellExecute = false, RedirectStandardInput = true };
        foreach (var a in new[] { "bash", "-c", "exec >>\"$0\" 2>&1 </dev/null; eval \"$1\"", logPath, command }) psi.ArgumentList.Add(a);
        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start setsid (util-linux) for --serve-cmd.");
        var server = new PolicyServerProcess(process, port, logPath, command);
        try
        {
            server.WaitHealthy(timeout, cancel);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    private void WaitHealthy(TimeSpan timeout, CancellationToken cancel)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var url = $"http://127.0.0.1:{Port}/healthz";
        var clock = Stopwatch.StartNew();
        while (true)
        {
            cancel.ThrowIfCancellationRequested();
            if (_process.HasExited)
                throw new PolicyServerException(
                    $"the policy server exited with code {_process.ExitCode} before answering {url} (command: {Command}). Last lines of its log {LogPath}:\n{Tail(LogPath)}");
            try
            {
                using var response = http.GetAsync(url, cancel).GetAwaiter().GetResult();
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!cancel.IsCancellationRequested) { }
            if (clock.Elapsed > timeout)
                throw new PolicyServerException(
                    $"the policy server did not answer {url} within {timeout.TotalSeconds:0} s (command: {Command}); raise --serve-timeout if it loads slowly. Last lines of its log {LogPath}:\n{Tail(LogPath)}");
            Thread.Sleep(200);
        }
    }

    /// <summary>The last lines of a log file (for error messages).</summary>
    public static string Tail(string path, int lines = 20)
    {
        if (!File.Exists(path)) return "(no log written)";
        var all = File.ReadAllLines(path);
        return string.Join("\n", all.TakeLast(lines).Select(l => "  | " + l));
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    /// <summary>Stops the process group: SIGTERM, up to 5 s to exit, then SIGKILL.</summary>
    public void Dispose()
    {
        if (_stopped) return;
        _stopped = true;
        if (GroupAlive())
        {
            Signal("TERM");
            var clock = Stopwatch.StartNew();
            while (GroupAlive() && clock.Elapsed < TimeSpan.FromSeconds(5)) Thread.Sleep(100);
            if (GroupAlive()) Signal("KILL");
        }
        if (!_process.WaitForExit(5000)) _process.Kill(entireProcessTree: true);
        _process.Dispose();
        File.AppendAllText(LogPath, $"[harness] {DateTimeOffset.Now:u} stopped process group {ProcessGroup}\n");
    }

    private bool GroupAlive() => Kill("-0") == 0;
    private void Signal(string signal) => Kill("-" + signal);

    private int Kill(string signal)
    {
        var psi = new ProcessStartInfo("kill") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { signal, "--", $"-{ProcessGroup}" }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        p.WaitForExit();
        return p.ExitCode;
    }
}

/// <summary>A policy server started by --serve-cmd did not come up.</summary>
public sealed class PolicyServerException(string message) : Exception(message);
