using System.Diagnostics;
using Harness.Datasets.Format;
using Harness.Datasets.Parquet;
using Harness.Datasets.Writing;
using Parquet;
using Parquet.Schema;

namespace Harness.Bench.Benchmarks;

/// <summary>
/// `datasets`: rows per second reading observation.state + action of a v3.0 data file (written by
/// our writer: SNAPPY, one row group per episode) through our reader, against a plain Parquet.Net
/// read of the same two columns (raw values and levels, every row group) in the same process.
/// Rounds alternate; medians; overhead = baseline rate / our rate - 1.
/// </summary>
public static class DatasetReadBench
{
    public static int Run(int episodes = 200, int length = 300, int width = 14, int rounds = 15)
    {
        string root = Path.Combine(Path.GetTempPath(), $"harness-dataset-bench-{Guid.NewGuid():N}");
        try
        {
            string[] names = Enumerable.Range(0, width).Select(i => $"joint_{i}.pos").ToArray();
            var spec = new DatasetSpec("bench", 30, [DatasetSpec.Vector("observation.state", names), DatasetSpec.Vector("action", names)]);
            var rng = new Random(0);
            using (var w = DatasetWriter.Create(root, spec))
            {
                for (int e = 0; e < episodes; e++)
                {
                    w.BeginEpisode("bench");
                    for (int f = 0; f < length; f++)
                        w.AddFrame(new DatasetFrame(new Dictionary<string, float[]>
                        {
                            ["observation.state"] = Enumerable.Range(0, width).Select(_ => (float)rng.NextDouble()).ToArray(),
                            ["action"] = Enumerable.Range(0, width).Select(_ => (float)rng.NextDouble()).ToArray(),
                        }, new Dictionary<string, Harness.Core.Robots.CameraImage>()));
                    w.EndEpisode();
                }
                w.Complete();
            }
            string file = Path.Combine(root, "data/chunk-000/file-000.parquet");
            long rows = (long)episodes * length;
            var ds = DatasetReader.Open(root);

            double Ours() => Rate(rows, () =>
            {
                using var r = ParquetTableReader.Open(file);
                Consume(r.ReadFloat32Lists("observation.state").Values, r.ReadFloat32Lists("action").Values);
            });
            double ByEpisode() => Rate(rows, () =>
            {
                var reader = new EpisodeFrameReader(ds, ["observation.state", "action"]);
                for (int e = 0; e < episodes; e++)
                {
                    var frames = reader.Read(e);
                    Consume(((Float32Column)frames.Column("observation.state")).Values.Span, ((Float32Column)frames.Column("action")).Values.Span);
                }
            });
            double Baseline() => Rate(rows, () => PlainRead(file));

            for (int i = 0; i < 2; i++) { Ours(); Baseline(); ByEpisode(); }
            var ours = new List<double>();
            var byEpisode = new List<double>();
            var baseline = new List<double>();
            for (int round = 0; round < rounds; round++)
            {
                if (round % 2 == 0) { baseline.Add(Baseline()); ours.Add(Ours()); byEpisode.Add(ByEpisode()); }
                else { byEpisode.Add(ByEpisode()); ours.Add(Ours()); baseline.Add(Baseline()); }
            }
            double b = Median(baseline), o = Median(ours), be = Median(byEpisode);
            Console.WriteLine($"dataset read bench: {episodes} episodes x {length} frames, state + action of {width} floats, {new FileInfo(file).Length / 1024} KiB SNAPPY, {rounds} alternating rounds, medians, {Environment.ProcessorCount} cores");
            BenchReport.Table("Reading observation.state + action", [
                ("plain Parquet.Net column read (baseline)", $"{b:N0} rows/s"),
                ("ParquetTableReader.ReadFloat32Lists", $"{o:N0} rows/s"),
                ("EpisodeFrameReader, episode by episode", $"{be:N0} rows/s"),
                ("overhead, column reader vs baseline", $"{(b / o - 1) * 100:0.0} %"),
                ("overhead, episode reader vs baseline", $"{(b / be - 1) * 100:0.0} %"),
            ]);
            return 0;
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }

    // The least a caller of Parquet.Net must do to get the two columns: raw values and levels per row group.
    private static void PlainRead(string file)
    {
        using var fs = File.OpenRead(file);
        var reader = ParquetReader.CreateAsync(fs).GetAwaiter().GetResult();
        var leaves = new[] { "observation.state", "action" }
            .Select(n => (DataField)((ListField)reader.Schema.Fields.First(f => f.Name == n)).Item).ToArray();
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            var rg = reader.OpenRowGroupReader(g);
            foreach (var leaf in leaves)
            {
                int n = (int)rg.GetMetadata(leaf)!.MetaData!.NumValues;
                var values = new float[n];
                var dl = new int[n];
                var rl = new int[n];
                rg.ReadRawAsync<float>(leaf, values, dl, rl).AsTask().GetAwaiter().GetResult();
                Consume(values, values);
            }
        }
        reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private static float _sink;

    private static void Consume(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => _sink += a[^1] + b[^1];

    private static double Rate(long rows, Action read)
    {
        var sw = Stopwatch.StartNew();
        read();
        return rows / sw.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> v) { v.Sort(); return v[v.Count / 2]; }
}
