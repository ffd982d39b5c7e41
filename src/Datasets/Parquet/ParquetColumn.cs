using Parquet.Schema;

namespace Harness.Datasets.Parquet;

public enum ParquetColumnKind { Scalar, List, ImageStruct, Other }

/// <summary>A top-level column of a parquet file, as far as LeRobot's columns need describing.</summary>
public sealed record ParquetColumn(string Name, ParquetColumnKind Kind, int ListDepth, DataField Leaf, DataField? ImageBytesField)
{
    /// <summary>Element type as LeRobot's info.json names it (float32, float64, int64, int32, bool, string, binary).</summary>
    public string ElementDType => Leaf.ClrType switch
    {
        var t when t == typeof(float) => "float32",
        var t when t == typeof(double) => "float64",
        var t when t == typeof(long) => "int64",
        var t when t == typeof(int) => "int32",
        var t when t == typeof(bool) => "bool",
        var t when IsString(t) => "string",
        var t when IsBinary(t) => "binary",
        var t => t.Name,
    };

    public bool HoldsStrings => IsString(Leaf.ClrType);

    // Parquet.Net reports BYTE_ARRAY columns read from files as ReadOnlyMemory<char>/<byte>.
    internal static bool IsString(Type t) => t == typeof(string) || t == typeof(ReadOnlyMemory<char>);

    internal static bool IsBinary(Type t) => t == typeof(byte[]) || t == typeof(ReadOnlyMemory<byte>);

    public string Describe() => Kind switch
    {
        ParquetColumnKind.Scalar => ElementDType,
        ParquetColumnKind.List => string.Concat(Enumerable.Repeat("list<", ListDepth)) + ElementDType + new string('>', ListDepth),
        ParquetColumnKind.ImageStruct => "image struct {bytes, path}",
        _ => "an unsupported nested column",
    };

    internal static ParquetColumn Describe(Field f)
    {
        switch (f)
        {
            case DataField d:
                return new ParquetColumn(f.Name, d.IsArray ? ParquetColumnKind.List : ParquetColumnKind.Scalar, d.IsArray ? 1 : 0, d, null);
            case ListField l:
            {
                int depth = 1;
                Field item = l.Item;
                while (item is ListField inner) { depth++; item = inner.Item; }
                if (item is DataField leaf) return new ParquetColumn(f.Name, ParquetColumnKind.List, depth, leaf, null);
                return new ParquetColumn(f.Name, ParquetColumnKind.Other, depth, FirstLeaf(f), null);
            }
            case StructField s when s.Fields.FirstOrDefault(x => x.Name == "bytes") is DataField bytes && IsBinary(bytes.ClrType):
                return new ParquetColumn(f.Name, ParquetColumnKind.ImageStruct, 0, bytes, bytes);
            default:
                return new ParquetColumn(f.Name, ParquetColumnKind.Other, 0, FirstLeaf(f), null);
        }
    }

    private static DataField FirstLeaf(Field f) => f switch
    {
        DataField d => d,
        ListField l => FirstLeaf(l.Item),
        StructField s => FirstLeaf(s.Fields[0]),
        MapField m => FirstLeaf(m.Key),
        _ => throw new NotSupportedException($"field '{f.Name}' of kind {f.SchemaType} has no leaf."),
    };
}
