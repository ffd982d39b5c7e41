using System.ComponentModel;
using System.Diagnostics;

namespace Harness.Datasets.Video;

/// <summary>
/// Debian's ffmpeg as a child process (LeRobot's AV1 videos decode with libdav1d, encode with SVT-AV1).
/// <c>HARNESS_FFMPEG</c> points to another build.
/// </summary>
public static class Ffmpeg
{
    public const string Variable = "HARNESS_FFMPEG";

    private static readonly Lazy<string> EncoderList = new(() => Capture("-hide_banner", "-encoders"));
    private static readonly Lazy<string> DecoderList = new(() => Capture("-hide_banner", "-decoders"));

    public static string Executable => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } p ? p : "ffmpeg";

    public static bool HasEncoder(string name) => HasCodec(EncoderList.Value, name);

    public static bool HasDecoder(string name) => HasCodec(DecoderList.Value, name);

    // Lines look like " V....D libsvtav1            SVT-AV1 ...": the name is the second word.
    private static bool HasCodec(string list, string name) =>
        list.Split('\n').Any(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: > 1 } w && w[1] == name);

    public static Process Start(IEnumerable<string> args, bool stdin, bool stdout)
    {
        var psi = new ProcessStartInfo(Executable)
        {
            RedirectStandardInput = stdin, RedirectStandardOutput = stdout, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        try
        {
            return Process.Start(psi) ?? throw new VideoException($"'{Executable}' did not start.");
        }
        catch (Win32Exception e)
        {
            throw new VideoException($"LeRobot videos need ffmpeg, but '{Executable}' could not be started ({e.Message}). Install Debian's ffmpeg (./scripts/setup.sh, or apt-get install ffmpeg), or set {Variable} to its path.");
        }
    }

    private static string Capture(params string[] args)
    {
        using var p = Start(args, stdin: false, stdout: true);
        var err = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        _ = err.Result;
        return output;
    }
}

public sealed class VideoException(string message) : Exception(message);
