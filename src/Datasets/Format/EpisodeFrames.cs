namespace Harness.Datasets.Format;

/// <summary>The frames of one episode, one column per feature stored in parquet (videos excluded).</summary>
public sealed record EpisodeFrames(int EpisodeIndex, int Length, string DataFile, IReadOnlyDictionary<string, FrameColumn> Columns)
{
    public FrameColumn Column(string feature) =>
        Columns.GetValueOrDefault(feature)
        ?? throw new ArgumentException($"episode {EpisodeIndex} has no column '{feature}'; it has {string.Join(", ", Columns.Keys)}.");

    /// <summary>Row <paramref name="row"/> of a float32 feature (state, action).</summary>
    public ReadOnlySpan<float> Vector(string feature, int row) =>
        Column(feature) is Float32Column c ? c.Row(row)
            : throw new ArgumentException($"feature '{feature}' is not stored as float32.");
}

/// <summary>One feature's values for the rows of an episode: row r is values [r*Width, (r+1)*Width).</summary>
public abstract record FrameColumn(string Name, int Rows, int Width)
{
    public abstract double Get(int row, int index);
}

/// <summary>float32 values; a view into the file's column where the episode's rows are contiguous (no copy).</summary>
public sealed record Float32Column(string Name, int Rows, int Width, ReadOnlyMemory<float> Values) : FrameColumn(Name, Rows, Width)
{
    public ReadOnlySpan<float> Row(int row) => Values.Span.Slice(row * Width, Width);
    public override double Get(int row, int index) => Values.Span[row * Width + index];
}

/// <summary>float64, int64, int32 and bool features, widened to double.</summary>
public sealed record NumericColumn(string Name, int Rows, int Width, ReadOnlyMemory<double> Values) : FrameColumn(Name, Rows, Width)
{
    public override double Get(int row, int index) => Values.Span[row * Width + index];
}

/// <summary>An <c>image</c> feature: encoded (PNG) bytes per row, as Hugging Face's Image feature stores them.</summary>
public sealed record EncodedImageColumn(string Name, int Rows, byte[]?[] Encoded) : FrameColumn(Name, Rows, 1)
{
    public override double Get(int row, int index) => throw new InvalidOperationException($"'{Name}' holds encoded images; decode them with ImageCodec.");
}
