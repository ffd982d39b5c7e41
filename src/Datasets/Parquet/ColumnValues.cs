namespace Harness.Datasets.Parquet;

/// <summary>
/// One column of a row group to write, typed the way LeRobot's files type it (pyarrow: every column
/// optional, vectors as LIST of optional elements, images as struct {bytes, path}).
/// </summary>
public abstract record ColumnValues(string Name)
{
    public abstract int Rows { get; }
}

public sealed record Int64Values(string Name, long[] Values) : ColumnValues(Name)
{
    public override int Rows => Values.Length;
}

public sealed record Float32Values(string Name, float[] Values) : ColumnValues(Name)
{
    public override int Rows => Values.Length;
}

public sealed record Float64Values(string Name, double[] Values) : ColumnValues(Name)
{
    public override int Rows => Values.Length;
}

public sealed record StringValues(string Name, string?[] Values) : ColumnValues(Name)
{
    public override int Rows => Values.Length;
}

/// <summary>
/// Each row is a tensor of <see cref="Shape"/> (row-major in <see cref="Values"/>), stored as lists
/// nested <c>Shape.Length</c> deep: [N] becomes LIST&lt;T&gt;, (3,1,1) becomes LIST&lt;LIST&lt;LIST&lt;T&gt;&gt;&gt;.
/// </summary>
public sealed record TensorValues<T>(string Name, T[] Values, int[] Shape) : ColumnValues(Name) where T : struct
{
    public int RowSize => Shape.Aggregate(1, (a, b) => a * b);
    public override int Rows => RowSize == 0 ? 0 : Values.Length / RowSize;
}

/// <summary>A LIST&lt;STRING&gt; per row, of any length (LeRobot's episode <c>tasks</c>).</summary>
public sealed record StringListValues(string Name, string[][] Values) : ColumnValues(Name)
{
    public override int Rows => Values.Length;
}

/// <summary>Encoded images (PNG) as Hugging Face's Image feature stores them: struct {bytes, path}.</summary>
public sealed record ImageValues(string Name, byte[][] Encoded) : ColumnValues(Name)
{
    public override int Rows => Encoded.Length;
}
