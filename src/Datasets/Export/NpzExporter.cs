using System.IO.Compression;
using System.Runtime.InteropServices;
using Harness.Datasets.Format;
using Harness.Datasets.Inspection;
using Harness.Datasets.Video;

namespace Harness.Datasets.Export;

/// <summary>
/// Exports frames for training scripts as a numpy .npz (a zip of .npy files, stored uncompressed as
/// np.savez does): one array per feature, named as the feature (observation.state, action, ...),
/// one row per frame in episode order; float32 vectors [N, D], int64 indices [N], cameras decoded to
/// uint8 [N, H, W, 3]. Written to a temporary file and renamed.
/// </summary>
public static class NpzExporter
{
    public sealed record Result(string Path, int Episodes, long Frames, IReadOnlyList<string> Arrays);

    public static Result Export(LeRobotDataset ds, string outPath, IReadOnlyList<int>? episodes = null)
    {
        var chosen = (episodes ?? ds.Episodes.Select(e => e.Index).ToArray()).Select(ds.Episode).ToArray();
        var missing = chosen.Where(e => !File.Exists(ds.FullPath(e.DataFile))).Select(e => e.Index).ToArray();
        if (missing.Length > 0)
            throw new DatasetFormatException(ds.Root, $"episodes {IndexRanges.Format(missing)} have no data file. Export the episodes that are present with --episodes {IndexRanges.Format(chosen.Select(e => e.Index).Except(missing))}.");

        var reader = new EpisodeFrameReader(ds);
        var frames = chosen.Select(e => reader.Read(e.Index)).ToArray();
        long n = frames.Sum(f => (long)f.Length);
        string full = Path.GetFullPath(outPath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temp = full + ".partial";
        var names = new List<string>();
        using (var file = new FileStream(temp, FileMode.Create))
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create))
        {
            foreach (var f in ds.Info.ColumnFeatures.Where(f => !f.IsImage))
            {
                var columns = frames.Select(fr => fr.Column(f.Name)).ToArray();
                int width = columns[0].Width;
                long[] shape = width == 1 && f.Shape.Count == 1 ? [n] : [n, .. f.Shape.Select(s => (long)s)];
                using var s = Entry(zip, f.Name, names);
                if (columns[0] is Float32Column)
                {
                    s.Write(NpyFormat.Header(NpyFormat.Float32, shape));
                    foreach (Float32Column c in columns) s.Write(MemoryMarshal.AsBytes(c.Values.Span));
                }
                else if (f.DType is "int64" or "int32")
                {
                    s.Write(NpyFormat.Header(NpyFormat.Int64, shape));
                    foreach (var c in columns) s.Write(MemoryMarshal.AsBytes(((NumericColumn)c).Values.ToArray().Select(v => (long)v).ToArray().AsSpan()));
                }
                else
                {
                    s.Write(NpyFormat.Header(NpyFormat.Float64, shape));
                    foreach (var c in columns) s.Write(MemoryMarshal.AsBytes(((NumericColumn)c).Values.Span));
                }
            }
            foreach (var camera in ds.Info.Features.Where(f => f.IsVisual))
            {
                using var s = Entry(zip, camera.Name, names);
                bool headerWritten = false;
                for (int i = 0; i < chosen.Length; i++)
                {
                    var images = EpisodeCameraFrames.Read(ds, chosen[i].Index, camera.Name, frames[i]);
                    if (!headerWritten)
                    {
                        s.Write(NpyFormat.Header(NpyFormat.UInt8, [n, images[0].Height, images[0].Width, 3]));
                        headerWritten = true;
                    }
                    foreach (var img in images) s.Write(img.Pixels);
                }
            }
        }
        File.Move(temp, full, overwrite: true);
        return new Result(full, chosen.Length, n, names);
    }

    private static Stream Entry(ZipArchive zip, string name, List<string> names)
    {
        names.Add(name);
        return zip.CreateEntry(name + ".npy", CompressionLevel.NoCompression).Open();
    }
}
