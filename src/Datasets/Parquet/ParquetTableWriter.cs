using Parquet;
using Parquet.Schema;

namespace Harness.Datasets.Parquet;

/// <summary>
/// Writes a parquet file row group by row group (SNAPPY), with columns typed as pyarrow types
/// LeRobot's columns. The first row group fixes the schema; later ones must have the same columns.
/// Parquet.Net is asynchronous only; the blocking calls here run on threads without a
/// synchronisation context (console, tests), where waiting cannot deadlock.
/// </summary>
public sealed class ParquetTableWriter : IDisposable
{
    private readonly FileStream _stream;
    private readonly IReadOnlyDictionary<string, string> _metadata;
    private ParquetWriter? _writer;
    private ParquetSchema? _schema;
    private IReadOnlyList<ColumnValues>? _template;
    private bool _closed;

    public ParquetTableWriter(string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        Path = path;
        _metadata = metadata ?? new Dictionary<string, string>();
        _stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.Read);
    }

    public string Path { get; }
    public int RowGroups { get; private set; }
    public long Rows { get; private set; }

    /// <summary>Bytes written so far (row groups are flushed as they are written).</summary>
    public long BytesWritten => _stream.Position;

    public static void Write(string path, IReadOnlyList<ColumnValues> columns, IReadOnlyDictionary<string, string>? metadata = null)
    {
        using var w = new ParquetTableWriter(path, metadata);
        w.WriteRowGroup(columns);
        w.Close();
    }

    public void WriteRowGroup(IReadOnlyList<ColumnValues> columns) =>
        WriteRowGroupAsync(columns).GetAwaiter().GetResult();

    public async Task WriteRowGroupAsync(IReadOnlyList<ColumnValues> columns)
    {
        if (_closed) throw new InvalidOperationException($"{Path} is already closed.");
        if (columns.Count == 0) throw new ArgumentException("a row group needs at least one column.");
        int rows = columns[0].Rows;
        foreach (var c in columns)
            if (c.Rows != rows)
                throw new ArgumentException($"column '{c.Name}' has {c.Rows} rows; '{columns[0].Name}' has {rows}. All columns of a row group need the same row count.");

        if (_schema is null)
        {
            _schema = new ParquetSchema(columns.Select(ColumnFields.FieldFor));
            _template = columns;
            _writer = await ParquetWriter.CreateAsync(_schema, _stream, new ParquetOptions { CompressionMethod = CompressionMethod.Snappy });
            _writer.CustomMetadata = _metadata.ToDictionary(p => p.Key, p => p.Value);
        }
        else
        {
            for (int i = 0; i < columns.Count; i++)
                if (i >= _template!.Count || columns[i].Name != _template[i].Name || columns[i].GetType() != _template[i].GetType())
                    throw new ArgumentException($"row group {RowGroups} of {Path} has columns ({string.Join(", ", columns.Select(c => c.Name))}); the file's schema has ({string.Join(", ", _template!.Select(c => c.Name))}).");
            if (columns.Count != _template!.Count)
                throw new ArgumentException($"row group {RowGroups} of {Path} has {columns.Count} columns; the file's schema has {_template.Count}.");
        }

        using (var rg = _writer!.CreateRowGroup())
        {
            for (int i = 0; i < columns.Count; i++)
                await ColumnFields.WriteAsync(rg, _schema.Fields[i], columns[i]);
            rg.CompleteValidate();
        }
        RowGroups++;
        Rows += rows;
    }

    /// <summary>Writes the footer. A file without a schema (no row group written) is an error.</summary>
    public void Close()
    {
        if (_closed) return;
        if (_writer is null) throw new InvalidOperationException($"{Path}: nothing was written; a parquet file needs at least one row group.");
        _writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _stream.Flush(flushToDisk: true);
        _stream.Dispose();
        _closed = true;
    }

    public void Dispose()
    {
        if (_closed) return;
        _closed = true;
        // Abandoned: no footer, so the file never reads as a complete parquet file.
        _stream.Dispose();
    }
}
