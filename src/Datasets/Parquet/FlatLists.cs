namespace Harness.Datasets.Parquet;

/// <summary>
/// A column read row by row without one array per row: row r holds
/// <c>Values[Offsets[r]..Offsets[r + 1]]</c>.
/// </summary>
public sealed record FlatLists<T>(T[] Values, int[] Offsets)
{
    public int Rows => Offsets.Length - 1;

    public int Length(int row) => Offsets[row + 1] - Offsets[row];

    public ReadOnlySpan<T> Row(int row) => Values.AsSpan(Offsets[row], Offsets[row + 1] - Offsets[row]);

    /// <summary>The common row length, or -1 when rows differ in length.</summary>
    public int UniformLength()
    {
        if (Rows == 0) return 0;
        int n = Length(0);
        for (int r = 1; r < Rows; r++) if (Length(r) != n) return -1;
        return n;
    }
}
