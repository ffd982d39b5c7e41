using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Harness.Datasets.Replay;

/// <summary>
/// Writes a twin replay's results into a folder (temporary name, renamed when complete):
/// tracking.json (per episode and joint: mean, p95, max), tracking.csv (the same as rows) and
/// tracking_episode_N.svg (recorded vs simulated trajectory per joint).
/// </summary>
public static class TrackingFiles
{
    public static string Write(string outDir, string dataset, string scene, IReadOnlyList<EpisodeTracking> episodes, bool overwrite)
    {
        string root = Path.GetFullPath(outDir);
        if (Directory.Exists(root) && !overwrite) throw new IOException($"{root} already exists; choose a new --out folder (or --overwrite).");
        string temp = root + ".partial-" + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(temp);
        var inv = CultureInfo.InvariantCulture;
        var json = new JsonObject
        {
            ["dataset"] = dataset,
            ["scene"] = scene,
            ["episodes"] = new JsonArray(episodes.Select(e => (JsonNode)new JsonObject
            {
                ["episode_index"] = e.Episode,
                ["frames"] = e.Frames,
                ["joints"] = new JsonArray(e.Joints.Select(j => (JsonNode)new JsonObject
                {
                    ["joint"] = j.Joint, ["unit"] = j.Unit, ["mean"] = j.Mean, ["p95"] = j.P95, ["max"] = j.Max,
                }).ToArray()),
            }).ToArray()),
        };
        File.WriteAllText(Path.Combine(temp, "tracking.json"), json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        var csv = new StringBuilder("episode_index,joint,unit,mean,p95,max\n");
        foreach (var e in episodes)
            foreach (var j in e.Joints)
                csv.Append(inv, $"{e.Episode},{j.Joint},{j.Unit},{j.Mean:R},{j.P95:R},{j.Max:R}\n");
        File.WriteAllText(Path.Combine(temp, "tracking.csv"), csv.ToString());
        foreach (var e in episodes) File.WriteAllText(Path.Combine(temp, $"tracking_episode_{e.Episode}.svg"), Plot(e));
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        Directory.Move(temp, root);
        return root;
    }

    /// <summary>One small panel per joint: recorded (dark) and simulated (orange) over the frames.</summary>
    public static string Plot(EpisodeTracking e)
    {
        const int w = 520, h = 120, pad = 28;
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h * e.Joints.Count}\" font-family=\"sans-serif\" font-size=\"11\">");
        for (int k = 0; k < e.Joints.Count; k++)
        {
            var all = e.Recorded.Select(r => r[k]).Concat(e.Simulated.Select(s => s[k])).ToArray();
            double lo = all.Min(), hi = all.Max();
            if (hi - lo < 1e-9) { lo -= 1; hi += 1; }
            string Line(double[][] rows, string colour)
            {
                var pts = rows.Select((r, t) => $"{pad + (w - 2 * pad) * t / Math.Max(1.0, rows.Length - 1):0.#},{k * h + h - pad / 2 - (h - pad) * (r[k] - lo) / (hi - lo):0.#}");
                return $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.5\" points=\"{string.Join(' ', pts)}\"/>";
            }
            var j = e.Joints[k];
            sb.Append(inv, $"<text x=\"{pad}\" y=\"{k * h + 14}\">{j.Joint} ({j.Unit}): mean {j.Mean:0.###}, p95 {j.P95:0.###}, max {j.Max:0.###}; recorded dark, simulated orange</text>");
            sb.Append(Line(e.Recorded, "#333")).Append(Line(e.Simulated, "#e67e22"));
        }
        return sb.Append("</svg>").ToString();
    }
}
