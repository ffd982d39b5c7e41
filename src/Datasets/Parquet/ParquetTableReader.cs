using System.Buffers;
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
        if (leaf.ClrType == typeof(long)) return ReadFlat<long>(col, leaf, rowGroups, false).Values;
        if (leaf.ClrType == typeof(int)) return Array.ConvertAll(ReadFlat<int>(col, leaf, rowGroups, false).Values, v => (long)v);
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
        if (leaf.ClrType == typeof(double)) return ReadFlat<double>(col, leaf, rowGroups, false);
        if (leaf.ClrType == typeof(float)) return Widen(ReadFlat<float>(col, leaf, rowGroups, false), v => v);
        if (leaf.ClrType == typeof(long)) return Widen(ReadFlat<long>(col, leaf, rowGroups, false), v => v);
        if (leaf.ClrType == typeof(int)) return Widen(ReadFlat<int>(col, leaf, rowGroups, false), v => v);
        if (leaf.ClrType == typeof(bool)) return Widen(ReadFlat<bool>(col, leaf, rowGroups, false), v => v ? 1.0 : 0.0);
        throw TypeError(col, "a numeric column");
    }

    /// <summary>A FLOAT column, scalar or LIST (the dtype LeRobot stores state and actions in).</summary>
    public FlatLists<float> ReadFloat32Lists(string name, IReadOnlyList<int>? rowGroups = null)
    {
        var col = Column(name);
        if (col.Leaf.ClrType != typeof(float)) throw TypeError(col, "FLOAT values (float32)");
        return ReadFlat<float>(col, col.Leaf, rowGroups, false);
    }

    public string?[] ReadStrings(string name, IReadOnlyList<int>? rowGroups = null)
    {
        var col = Column(name);
        RequireScalar(col);
        if (!col.HoldsStrings) throw TypeError(col, "a string column");
        var flat = ReadFlat<ReadOnlyMemory<char>>(col, col.Leaf, rowGroups, true);
        var result = new string?[flat.Rows];
        for (int r = 0; r < result.Length; r++)
            result[r] = flat.Offsets[r + 1] > flat.Offsets[r] ? new string(flat.Values[flat.Offsets[r]].Span) : null;
        return result;
    }

    public string[][] ReadStringLists(string name, IReadOnlyList<int>? rowGroups = null)
    {
        var col = Column(name);
        if (!col.HoldsStrings) throw TypeError(col, "a list of strings");
        var flat = ReadFlat<ReadOnlyMemory<char>>(col, col.Leaf, rowGroups, false);
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
        var flat = ReadFlat<ReadOnlyMemory<byte>>(col, bytesField, rowGroups, true);
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

    /// <summary>
    /// Reads one leaf column of the wanted row groups straight into one values array (no per-group
    /// arrays joined afterwards; levels in a pooled buffer reused per group) and finds the rows from
    /// the levels as it goes: a repetition level of 0 starts a row, a definition level at the maximum
    /// is a value (values arrive compacted, without nulls).
    /// </summary>
    private FlatLists<T> ReadFlat<T>(ParquetColumn col, DataField leaf, IReadOnlyList<int>? rowGroups, bool nullable) where T : struct
    {
        var groups = rowGroups ?? Enumerable.Range(0, _reader.RowGroupCount).ToArray();
        int maxDl = leaf.MaxDefinitionLevel;
        bool hasDl = maxDl > 0, hasRl = leaf.MaxRepetitionLevel > 0;
        int[]? dlBuffer = null, rlBuffer = null;
        try
        {
            var readers = groups.Select(g => (Index: g, Reader: _reader.OpenRowGroupReader(g))).ToArray();
            var counts = readers.Select(r => checked((int)(r.Reader.GetMetadata(leaf)?.MetaData?.NumValues
                ?? throw new DatasetFormatException(Path, $"row group {r.Index} has no data for column '{leaf.Path}'.")))).ToArray();
            int totalRows = checked((int)readers.Sum(r => r.Reader.RowCount));
            int largest = counts.Length == 0 ? 0 : counts.Max();
            // Every element is overwritten by the reader, so the array need not be zeroed first.
            var values = GC.AllocateUninitializedArray<T>(counts.Sum());
            var offsets = new int[totalRows + 1];
            if (hasDl) dlBuffer = ArrayPool<int>.Shared.Rent(Math.Max(1, largest));
            if (hasRl) rlBuffer = ArrayPool<int>.Shared.Rent(Math.Max(1, largest));
            int valueAt = 0, row = -1;
            for (int g = 0; g < readers.Length; g++)
            {
                int n = counts[g];
                // A null array converts to an empty (not an absent) Memory: absent levels must be typed as Memory?.
                Memory<int>? dlm = hasDl ? dlBuffer.AsMemory(0, n) : (Memory<int>?)null;
                Memory<int>? rlm = hasRl ? rlBuffer.AsMemory(0, n) : (Memory<int>?)null;
                readers[g].Reader.ReadRawAsync<T>(leaf, values.AsMemory(valueAt, n), dlm, rlm).AsTask().GetAwaiter().GetResult();
                if (!hasDl && !hasRl)
                {
                    for (int i = 0; i < n; i++) offsets[++row] = valueAt + i;
                    valueAt += n;
                    continue;
                }
                var dl = hasDl ? dlBuffer.AsSpan(0, n) : default;
                var rl = hasRl ? rlBuffer.AsSpan(0, n) : default;
                for (int i = 0; i < n; i++)
                {
                    if (!hasRl || rl[i] == 0)
                    {
                        if (++row > totalRows) break;
                        offsets[row] = valueAt;
                    }
                    int d = hasDl ? dl[i] : maxDl;
                    if (d == maxDl) valueAt++;
                    else if (col.ListDepth > 0 && leaf.IsNullable && d == maxDl - 1)
                        throw new DatasetFormatException(Path, $"column '{col.Name}' has a null element inside a list in row {row}; LeRobot vectors have no missing values.");
                    else if (!nullable && col.ListDepth == 0)
                        throw new DatasetFormatException(Path, $"column '{col.Name}' is null in row {row}; expected a value in every row.");
                }
            }
            if (row + 1 != totalRows)
                throw new DatasetFormatException(Path, $"column '{col.Name}' holds {row + 1} rows; the row groups declare {totalRows}. The file is damaged.");
            offsets[totalRows] = valueAt;
            return new FlatLists<T>(values.Length == valueAt ? values : values[..valueAt], offsets);
        }
        catch (Exception e) when (e is not DatasetFormatException)
        {
            throw new DatasetFormatException(Path, $"column '{leaf.Path}' cannot be read ({e.GetType().Name}: {e.Message}); the file is damaged or truncated.", e);
        }
        finally
        {
            if (dlBuffer is not null) ArrayPool<int>.Shared.Return(dlBuffer);
            if (rlBuffer is not null) ArrayPool<int>.Shared.Return(rlBuffer);
        }
    }

    private static FlatLists<double> Widen<T>(FlatLists<T> f, Func<T, double> convert) =>
        new(Array.ConvertAll(f.Values, v => convert(v)), f.Offsets);

    public void Dispose()
    {
        _reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _stream.Dispose();
    }

}
