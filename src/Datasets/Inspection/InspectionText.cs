namespace Harness.Datasets.Inspection;

/// <summary>The inspection report as plain text for a terminal.</summary>
public static class InspectionText
{
    public static void Write(InspectionReport r, TextWriter o)
    {
        var i = r.Info;
        o.WriteLine($"dataset   {r.Root}");
        o.WriteLine($"version   {i.CodebaseVersion}   robot {i.RobotType ?? "(none)"}   fps {i.Fps}");
        o.WriteLine($"episodes  {i.TotalEpisodes} listed in info.json, {r.Episodes.Count} described, {r.EpisodesWithData} with data;  frames {i.TotalFrames}");
        o.WriteLine("features");
        foreach (var f in i.Features)
        {
            string names = f.Names is null ? "" : string.Join(", ", f.Names.Flat.Take(8)) + (f.Names.Flat.Count > 8 ? $", ... ({f.Names.Flat.Count})" : "");
            o.WriteLine($"  {f.Name,-36} {f.DType,-8} {f.ShapeText,-14} {names}");
        }
        o.WriteLine("tasks");
        foreach (var t in r.Tasks) o.WriteLine($"  {t.Index,4}  {t.Text}");
        o.WriteLine("episodes (index: length [frames found])");
        foreach (var line in r.Episodes.Chunk(6))
            o.WriteLine("  " + string.Join("  ", line.Select(e => $"{e.Index,4}: {e.Length,5}{(e.FramesFound is { } n ? (n == e.Length ? "" : $" [{n}]") : " [missing]"),-10}")));
        if (r.Issues.Count == 0)
        {
            o.WriteLine("no problems found");
            return;
        }
        o.WriteLine($"{r.Issues.Count} problem(s):");
        foreach (var issue in r.Issues) o.WriteLine($"  - {issue.File}: {issue.Message}");
    }
}
