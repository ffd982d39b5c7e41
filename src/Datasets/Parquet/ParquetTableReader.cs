using Harness.Datasets.Format;
using Parquet;
using Parquet.Schema;

namespace Harness.Datasets.Parquet;

/// <summary>
/// Reads whole columns of a parquet file (all row groups, or chosen ones) as flat arrays, whatever
/// wrote it: pyarrow's dictionary pages and SNAPPY pages, LIST columns at any depth, structs.
/// Files that are not parquet, or are cut short, fail at open with a <see cref="DatasetFormatException"/>
/// naming the file.
/// </summary>
public sealed class ParquetTableReader : IDisposable
{
    private readonly FileStream _stream;
    private readonly ParquetReader _reader;

    private ParquetTableReader(string path, FileStream stream, ParquetReader reader)
    {
        Path = path;
        _stream = stream;
        _reader = reader;
        Columns = reader.Schema.Fields.Select(ParquetColumn.Describe).ToArray();
        RowGroupRows = reader.Metadata!.RowGroups.Select(g => g.NumRows).ToArray();
        RowCount = RowGroupRows.Sum();
    }

    public string Path { get; }
    public IReadOnlyList<ParquetColumn> Columns { get; }
    public long RowCount { get; }
    public IReadOnlyList<long> RowGroupRows { get; }
    public IReadOnlyDictionary<string, string> Metadata => _reader.CustomMetadata;
    public string? CreatedBy => _reader.Metadata?.CreatedBy;

    public static ParquetTableReader Open(string path)
    {
        ParquetFileCheck.EnsureParquet(path);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        try
        {
            var reader = ParquetReader.CreateAsync(stream, leaveStreamOpen: true).GetAwaiter().GetResult();
            return new ParquetTableReader(path, stream, reader);
        }
        catch (Exception e) when (e is not DatasetFormatException)
        {
            stream.Dispose();
            throw new DatasetFormatException(path, $"not a readable parquet file ({e.GetType().Name}: {e.Message}). Expected a parquet file as LeRobot/pyarrow write them; re-copy or re-export it.", e);
        }
    }

    public ParquetColumn Column(string name) =>
        Columns.FirstOrDefault(c => c.Name == name)
        ?? throw new DatasetFormatException(Path, $"has no column '{name}'; its columns are {string.Join(", ", Columns.Select(c => c.Name))}.");

    public bool HasColumn(string name) => Columns.Any(c => c.Name == name);

    /// <summary>A scalar integer column (INT64 or INT32) as long; nulls are an error.</summary>
    public long[] ReadInt64(string name, IReadOnlyList<int>? rowGroups = null)
    {
        var col = Column(name);
        RequireScalar(col);
        var leaf = col.Leaf;
        if (leaf.ClrType == typeof(long)) return Flat(ReadLeaf<long>(leaf, rowGroups), col, nullable: false).Values;
        if (leaf.ClrType == typeof(int)) return Array.ConvertAll(Flat(ReadLeaf<int>(leaf, rowGroups), col, false).Values, v => (long)v);
        throw TypeError(col, "an integer column (INT64)");
    }

    /// <summary>A scalar float column (FLOAT, DOUBLE or an integer type) widened to double.</summary>
    public double[] ReadDouble(string name, IReadOnlyList<int>? rowGroups = null) =>
        ReadNumericLists(name, rowGroups, requireScalar: true).Values;

    /// <summary>
    /// Every numeric column (scalars, LIST&lt;T&gt; at any depth) as double, rows flattened in order:
    /// row r holds <c>Values[Offsets[r]..Offsets[r+1]]</c>.
    /// </summary>
    public FlatLists<double> ReadNumericLists(string name, IReadOnlyList<int>? rowGroups = null, bool requireScalar = false)
    {
        var col = Column(name);
        if (requireScalar) RequireScalar(col);
        var leaf = col.Leaf;
        if (leaf.ClrType == typeof(double)) return Flat(ReadLeaf<double>(leaf, rowGroups), col, false);
        if (leaf.ClrType == typeof(float)) return Widen(Flat(ReadLeaf<float>(leaf, rowGroups), col, false), v => v);
        if (leaf.ClrType == typeof(long)) return Widen(Flat(ReadLeaf<long>(leaf, rowGroups), col, false), v => v);
        if (leaf.ClrType == typeof(int)) return Widen(Flat(ReadLeaf<int>(leaf, rowGroups), col, false), v => v);
        if (leaf.ClrType == typeof(bool)) return Widen(Flat(ReadLeaf<bool>(leaf, rowGroups), col, false), v => v ? 1.0 : 0.0);
        throw TypeError(col, "a numeric column");
    }

    /// <summary>A FLOAT column, scalar or LIST (the dtype LeRobot stores state and actions in).</summary>
    public FlatLists<float> ReadFloat32Lists(string name, IReadOnlyList<int>? rowGroups = null)
    {
        var col = Column(name);
        if (col.Leaf.ClrType != typeof(float)) throw TypeError(col, "FLOAT values (float32)");
        return Flat(ReadLeaf<float>(col.Leaf, rowGroups), col, false);
    }

    public string?[] ReadStrings(string name, IReadOnlyList<int>? rowGroups = null)
    {
        var col = Column(name);
        RequireScalar(col);
        if (!col.HoldsStrings) throw TypeError(col, "a string column");
        var flat = Flat(ReadLeaf<ReadOnlyMemory<char>>(col.Leaf, rowGroups), col, nullable: true);
        var result = new string?[flat.Rows];
        for (int r = 0; r < result.Length; r++)
            result[r] = flat.Offsets[r + 1] > flat.Offsets[r] ? new string(flat.Values[flat.Offsets[r]].Span) : null;
        return result;
    }

    public string[][] ReadStringLists(string name, IReadOnlyList<int>? rowGroups = null)
    {
        var col = Column(name);
        if (!col.HoldsStrings) throw TypeError(col, "a list of strings");
        var flat = Flat(ReadLeaf<ReadOnlyMemory<char>>(col.Leaf, rowGroups), col, false);
        var rows = new string[flat.Rows][];
        for (int r = 0; r < rows.Length; r++)
            rows[r] = flat.Values[flat.Offsets[r]..flat.Offsets[r + 1]].Select(m => new string(m.Span)).ToArray();
        return rows;
    }

    /// <summary>Hugging Face Image columns: struct {bytes, path}; returns the embedded bytes per row (null where absent).</summary>
    public byte[]?[] ReadImageBytes(string name, IReadOnlyList<int>? rowGroups = null)
    {
        var col = Column(name);
        if (col.Kind != ParquetColumnKind.ImageStruct)
            throw TypeError(col, "an image column (struct {bytes, path}, as Hugging Face's Image feature writes it)");
        var bytesField = col.ImageBytesField!;
        var flat = Flat(ReadLeaf<ReadOnlyMemory<byte>>(bytesField, rowGroups), col, nullable: true);
        var rows = new byte[]?[flat.Rows];
        for (int r = 0; r < rows.Length; r++)
            rows[r] = flat.Offsets[r + 1] > flat.Offsets[r] ? flat.Values[flat.Offsets[r]].ToArray() : null;
        return rows;
    }

    private void RequireScalar(ParquetColumn col)
    {
        if (col.ListDepth != 0) throw TypeError(col, "a scalar column");
    }

    private DatasetFormatException TypeError(ParquetColumn col, string expected) =>
        new(Path, $"column '{col.Name}' is {col.Describe()}; expected {expected}.");

    private RawLevels<T> ReadLeaf<T>(DataField leaf, IReadOnlyList<int>? rowGroups) where T : struct
    {
        var groups = rowGroups ?? Enumerable.Range(0, _reader.RowGroupCount).ToArray();
        var parts = new List<RawLevels<T>>(groups.Count);
        try
        {
            foreach (int g in groups)
            {
                var rg = _reader.OpenRowGroupReader(g);
                var meta = rg.GetMetadata(leaf)?.MetaData
                           ?? throw new DatasetFormatException(Path, $"row group {g} has no data for column '{leaf.Path}'.");
                int n = checked((int)meta.NumValues);
                var values = new T[n];
                int[]? dl = leaf.MaxDefinitionLevel > 0 ? new int[n] : null;
                int[]? rl = leaf.MaxRepetitionLevel > 0 ? new int[n] : null;
                // A null array converts to an empty (not an absent) Memory: absent levels must be typed as Memory?.
                Memory<int>? dlm = dl is null ? (Memory<int>?)null : dl, rlm = rl is null ? (Memory<int>?)null : rl;
                rg.ReadRawAsync<T>(leaf, values, dlm, rlm).AsTask().GetAwaiter().GetResult();
                parts.Add(new RawLevels<T>(values, dl, rl, n, rg.RowCount, leaf.MaxDefinitionLevel));
            }
        }
        catch (Exception e) when (e is not DatasetFormatException)
        {
            throw new DatasetFormatException(Path, $"column '{leaf.Path}' cannot be read ({e.GetType().Name}: {e.Message}); the file is damaged or truncated.", e);
        }
        return RawLevels<T>.Concat(parts);
    }

    private FlatLists<T> Flat<T>(RawLevels<T> raw, ParquetColumn col, bool nullable) where T : struct
    {
        var leaf = col.Kind == ParquetColumnKind.ImageStruct ? col.ImageBytesField! : col.Leaf;
        int maxDl = leaf.MaxDefinitionLevel;
        var offsets = new int[raw.RowCount + 1];
        if (raw.Rl is null && raw.Dl is null)
        {
            // Required scalar: one value per row.
            for (int r = 0; r < raw.RowCount; r++) offsets[r + 1] = r + 1;
            return new FlatLists<T>(Trim(raw.Values, raw.LevelCount), offsets);
        }
        // Values arrive compacted (nulls absent); a level entry at the maximum definition level holds the next value.
        int row = -1, vi = 0;
        var dl = raw.Dl;
        var rl = raw.Rl;
        for (int i = 0; i < raw.LevelCount; i++)
        {
            if (rl is null || rl[i] == 0)
            {
                row++;
                if (row <= raw.RowCount) offsets[row] = vi;
            }
            int d = dl is null ? maxDl : dl[i];
            if (d == maxDl) vi++;
            else if (col.ListDepth > 0 && leaf.IsNullable && d == maxDl - 1)
                throw new DatasetFormatException(Path, $"column '{col.Name}' has a null element inside a list in row {row}; LeRobot vectors have no missing values.");
            else if (!nullable && col.ListDepth == 0)
                throw new DatasetFormatException(Path, $"column '{col.Name}' is null in row {row}; expected a value in every row.");
        }
        if (row + 1 != raw.RowCount)
            throw new DatasetFormatException(Path, $"column '{col.Name}' holds {row + 1} rows; the row groups declare {raw.RowCount}. The file is damaged.");
        offsets[raw.RowCount] = vi;
        return new FlatLists<T>(Trim(raw.Values, vi), offsets);
    }

    private static T[] Trim<T>(T[] values, int count) => values.Length == count ? values : values[..count];

    private static FlatLists<double> Widen<T>(FlatLists<T> f, Func<T, double> convert) =>
        new(Array.ConvertAll(f.Values, v => convert(v)), f.Offsets);

    public void Dispose()
    {
        _reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _stream.Dispose();
    }

    private sealed record RawLevels<T>(T[] Values, int[]? Dl, int[]? Rl, int LevelCount, long RowCountLong, int MaxDl) where T : struct
    {
        public int RowCount => checked((int)RowCountLong);

        public static RawLevels<T> Concat(List<RawLevels<T>> parts)
        {
            if (parts.Count == 1) return parts[0];
            if (parts.Count == 0) return new RawLevels<T>([], null, null, 0, 0, 0);
            int n = parts.Sum(p => p.LevelCount);
            var values = new T[n];
            int[]? dl = parts.Count > 0 && parts[0].Dl is not null ? new int[n] : null;
            int[]? rl = parts.Count > 0 && parts[0].Rl is not null ? new int[n] : null;
            int at = 0, valueAt = 0;
            foreach (var p in parts)
            {
                // Values are compacted per part: copy only the defined ones, in order.
                int defined = p.Dl is null ? p.LevelCount : CountDefined(p);
                Array.Copy(p.Values, 0, values, valueAt, defined);
                if (dl is not null) Array.Copy(p.Dl!, 0, dl, at, p.LevelCount);
                if (rl is not null) Array.Copy(p.Rl!, 0, rl, at, p.LevelCount);
                at += p.LevelCount;
                valueAt += defined;
            }
            return new RawLevels<T>(values, dl, rl, n, parts.Sum(p => p.RowCountLong), parts[0].MaxDl);
        }

        private static int CountDefined(RawLevels<T> p)
        {
            int c = 0;
            for (int i = 0; i < p.LevelCount; i++) if (p.Dl![i] == p.MaxDl) c++;
            return c;
        }
    }
}
