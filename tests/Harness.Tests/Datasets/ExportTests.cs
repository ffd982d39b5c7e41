using System.Diagnostics;
using Harness.Datasets.Export;
using Harness.Datasets.Writing;
using Harness.Tests.Support;

namespace Harness.Tests.Datasets;

/// <summary>npz export, loaded back by numpy itself (Debian's python3-numpy) and via the CLI.</summary>
public class ExportTests
{
    private const string Python = "/usr/bin/python3";

    private static bool NumpyAvailable()
    {
        if (!File.Exists(Python)) return false;
        using var p = Process.Start(new ProcessStartInfo(Python, ["-c", "import numpy"]) { RedirectStandardError = true, UseShellExecute = false })!;
        p.WaitForExit();
        return p.ExitCode == 0;
    }

    [Test]
    public void Npy_header_is_padded_to_64_bytes()
    {
        var h = NpyFormat.Header("<f4", [34, 6]);
        Assert.That(h.Length % 64, Is.EqualTo(0));
        Assert.That(h[..6], Is.EqualTo(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y' }));
        string text = System.Text.Encoding.ASCII.GetString(h, 10, h.Length - 10);
        Assert.That(text, Does.StartWith("{'descr': '<f4', 'fortran_order': False, 'shape': (34, 6), }").And.EndWith("\n"));
        Assert.That(System.Text.Encoding.ASCII.GetString(NpyFormat.Header("<i8", [5])[10..]), Does.Contain("'shape': (5,)"));
    }

    [Test]
    public void Numpy_loads_the_export_with_the_recorded_values()
    {
        if (!NumpyAvailable()) Assert.Ignore($"numpy is not importable by {Python} (Debian package python3-numpy); the export itself is tested by the header test.");
        using var tmp = new TempDir("npz");
        string root = TestDatasets.Write(tmp["ds"], Harness.Datasets.Writing.RecordFormat.V30, [5, 3], camera: true);
        var (code, output, err) = InProcessCli.Run("dataset", "export", root, "--format", "npz", "--out", tmp["out.npz"]);
        Assert.That(code, Is.EqualTo(0), err);
        Assert.That(output, Does.Contain("2 episodes, 8 frames"));
        string script = """
            import numpy as np, sys
            d = np.load(sys.argv[1])
            s, a, img, ep = d['observation.state'], d['action'], d['observation.images.top'], d['episode_index']
            print(s.dtype, s.shape, a.dtype, img.dtype, img.shape, ep.dtype, ep.tolist())
            print(float(s[6, 2]), float(a[0, 5]), int(d['frame_index'][7]), int(img[2, 4, 0, 0]))
            """;
        using var p = Process.Start(new ProcessStartInfo(Python, ["-c", script, tmp["out.npz"]]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
        string stdout = p.StandardOutput.ReadToEnd();
        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.That(p.ExitCode, Is.EqualTo(0), stderr);
        var lines = stdout.Trim().Split('\n');
        Assert.That(lines[0], Is.EqualTo("float32 (8, 6) float32 uint8 (8, 64, 96, 3) int64 [0, 0, 0, 0, 0, 1, 1, 1]"));
        // state[6] is episode 1 frame 1 joint 2: 100 + 1 + 0.5; action[0] joint 5: 0 + 1.25 + 0.5;
        // frame 7 is episode 1's frame 2; image row 4 of episode 0 frame 2 is the bright bar (row 2*2 = 4).
        var v = lines[1].Split(' ');
        Assert.That(double.Parse(v[0]), Is.EqualTo(101.5));
        Assert.That(double.Parse(v[1]), Is.EqualTo(1.75));
        Assert.That(v[2], Is.EqualTo("2"));
        Assert.That(int.Parse(v[3]), Is.GreaterThan(200));
    }

    [Test]
    public void Export_refuses_missing_episodes_and_suggests_the_present_ones()
    {
        using var tmp = new TempDir("npzmiss");
        var (code, _, err) = InProcessCli.Run("dataset", "export", G1SampleTests.Root, "--format", "npz", "--out", tmp["g1.npz"]);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("episodes 2-99 have no data file").And.Contain("--episodes 0-1"));
        Assert.That(File.Exists(tmp["g1.npz"]), Is.False);
    }
}
