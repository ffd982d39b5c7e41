using System.Diagnostics;

namespace Harness.Tests.Rendering;

internal static class ProcessRunner
{
    public static (int Code, string Out, string Err) Run(string exe, IEnumerable<string> args, IDictionary<string, string>? env = null, int timeoutMs = 60_000)
    {
        var psi = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (env is not null) foreach (var (k, v) in env) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(timeoutMs)) { p.Kill(true); Assert.Fail($"{exe} timed out"); }
        return (p.ExitCode, output, err.Result);
    }

    /// <summary>Decodes any image or video frame ffmpeg can read into raw RGB.</summary>
    public static byte[] DecodeRgb(string path)
    {
        var psi = new ProcessStartInfo("ffmpeg") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-v", "error", "-i", path, "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "-" }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        using var ms = new MemoryStream();
        p.StandardOutput.BaseStream.CopyTo(ms);
        p.WaitForExit();
        Assert.That(p.ExitCode, Is.EqualTo(0), err.Result);
        return ms.ToArray();
    }

    public static int CountFrames(string video)
    {
        var (code, output, err) = Run("ffprobe", ["-v", "error", "-count_frames", "-select_streams", "v:0",
            "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", video]);
        Assert.That(code, Is.EqualTo(0), err);
        return int.Parse(output.Trim());
    }
}
