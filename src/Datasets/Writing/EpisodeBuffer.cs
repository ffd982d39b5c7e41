using Harness.Datasets.Format;

namespace Harness.Datasets.Writing;

/// <summary>The episode being recorded: vectors in memory, camera frames spooled to files.</summary>
internal sealed class EpisodeBuffer : IDisposable
{
    private readonly DatasetSpec _spec;

    public EpisodeBuffer(DatasetSpec spec, string task, string spoolDir)
    {
        _spec = spec;
        Task = task;
        foreach (var f in spec.Features)
        {
            if (f.IsVideo) Spools[f.Name] = new FrameSpool(Path.Combine(spoolDir, $"{Guid.NewGuid():N}.rgb"), f.Shape[0], f.Shape[1]);
            else Vectors[f.Name] = new List<float>();
        }
    }

    public string Task { get; }
    public int Length { get; private set; }
    public List<double> Timestamps { get; } = new();
    public Dictionary<string, List<float>> Vectors { get; } = new();
    public Dictionary<string, FrameSpool> Spools { get; } = new();

    public void Add(DatasetFrame frame)
    {
        foreach (var f in _spec.Features)
        {
            if (f.IsVideo)
            {
                if (!frame.Images.TryGetValue(f.Name, out var image))
                    throw new ArgumentException($"frame {Length} has no image for camera '{f.Name}'; it has {string.Join(", ", frame.Images.Keys)}.");
                Spools[f.Name].Append(image, f.Name);
            }
            else
            {
                if (!frame.Values.TryGetValue(f.Name, out var values))
                    throw new ArgumentException($"frame {Length} has no values for '{f.Name}'; it has {string.Join(", ", frame.Values.Keys)}.");
                if (values.Length != f.Size)
                    throw new ArgumentException($"frame {Length}: '{f.Name}' has {values.Length} values; the dataset records shape {f.ShapeText}.");
                Vectors[f.Name].AddRange(values);
            }
        }
        foreach (var k in frame.Values.Keys.Concat(frame.Images.Keys))
            if (_spec.Features.All(f => f.Name != k))
                throw new ArgumentException($"frame {Length} has '{k}', which is not a feature of this dataset ({string.Join(", ", _spec.Features.Select(f => f.Name))}).");
        Timestamps.Add(frame.Timestamp ?? (double)Length / _spec.Fps);
        Length++;
    }

    public void Dispose()
    {
        foreach (var s in Spools.Values) s.Dispose();
    }
}
