using Parquet;
using Parquet.Schema;

namespace Harness.Datasets.Parquet;

/// <summary>
/// Parquet schema fields for <see cref="ColumnValues"/> and the Dremel levels that write them.
/// Every field is optional, as pyarrow writes columns of a pandas/Hugging Face table.
/// </summary>
internal static class ColumnFields
{
    public static Field FieldFor(ColumnValues c) => c switch
    {
        Int64Values => new DataField<long?>(c.Name),
        Float32Values => new DataField<float?>(c.Name),
        Float64Values => new DataField<double?>(c.Name),
        StringValues => new DataField<string>(c.Name, nullable: true),
        TensorValues<float> t => Nested(t.Name, new DataField<float?>(ListField.ElementName), t.Shape.Length),
        TensorValues<double> t => Nested(t.Name, new DataField<double?>(ListField.ElementName), t.Shape.Length),
        TensorValues<long> t => Nested(t.Name, new DataField<long?>(ListField.ElementName), t.Shape.Length),
        StringListValues => new ListField(c.Name, new DataField<string>(ListField.ElementName, nullable: true)),
        ImageValues => new StructField(c.Name, new DataField<byte[]>("bytes", nullable: true), new DataField<string>("path", nullable: true)),
        _ => throw new NotSupportedException($"column '{c.Name}': {c.GetType().Name} cannot be written."),
    };

    private static Field Nested(string name, Field element, int depth)
    {
        if (depth < 1) throw new ArgumentException($"column '{name}': a tensor column needs a shape with at least one dimension.");
        Field f = element;
        for (int d = depth - 1; d >= 1; d--) f = new ListField(ListField.ElementName, f);
        return new ListField(name, f);
    }

    private static DataField Leaf(Field f) => f switch
    {
        DataField d => d,
        ListField l => Leaf(l.Item),
        _ => throw new NotSupportedException($"field '{f.Name}' has no single leaf column."),
    };

    public static async Task WriteAsync(ParquetRowGroupWriter rg, Field field, ColumnValues c)
    {
        switch (c)
        {
            case Int64Values v: await Scalars(rg, (DataField)field, v.Values); break;
            case Float32Values v: await Scalars(rg, (DataField)field, v.Values); break;
            case Float64Values v: await Scalars(rg, (DataField)field, v.Values); break;
            case StringValues v:
            {
                var df = (DataField)field;
                var present = v.Values.Where(s => s is not null).Select(s => s!.AsMemory()).ToArray();
                var dl = v.Values.Select(s => s is null ? 0 : 1).ToArray();
                await rg.WriteAllPartsAsync<ReadOnlyMemory<char>>(df, present, dl, null, default);
                break;
            }
            case TensorValues<float> t: await Tensors(rg, Leaf(field), t.Values, t.Shape); break;
            case TensorValues<double> t: await Tensors(rg, Leaf(field), t.Values, t.Shape); break;
            case TensorValues<long> t: await Tensors(rg, Leaf(field), t.Values, t.Shape); break;
            case StringListValues v: await StringLists(rg, Leaf(field), v.Values); break;
            case ImageValues v:
            {
                var s = (StructField)field;
                var bytes = (DataField)s.Fields[0];
                var path = (DataField)s.Fields[1];
                var dl = Enumerable.Repeat(bytes.MaxDefinitionLevel, v.Encoded.Length).ToArray();
                await rg.WriteAllPartsAsync<ReadOnlyMemory<byte>>(bytes, v.Encoded.Select(b => (ReadOnlyMemory<byte>)b).ToArray(), dl, null, default);
                // path is null (struct present, field absent): the bytes are embedded.
                var pathDl = Enumerable.Repeat(path.MaxDefinitionLevel - 1, v.Encoded.Length).ToArray();
                await rg.WriteAllPartsAsync<ReadOnlyMemory<char>>(path, Array.Empty<ReadOnlyMemory<char>>(), pathDl, null, default);
                break;
            }
            default: throw new NotSupportedException($"column '{c.Name}': {c.GetType().Name} cannot be written.");
        }
    }

    private static Task Scalars<T>(ParquetRowGroupWriter rg, DataField field, T[] values) where T : struct
    {
        var dl = new int[values.Length];
        Array.Fill(dl, field.MaxDefinitionLevel);
        return rg.WriteAllPartsAsync<T>(field, values, dl, null, default);
    }

    private static Task Tensors<T>(ParquetRowGroupWriter rg, DataField leaf, T[] values, int[] shape) where T : struct
    {
        int size = shape.Aggregate(1, (a, b) => a * b);
        if (size == 0) throw new ArgumentException($"column '{leaf.Path}': tensors of shape ({string.Join(",", shape)}) hold no values; LeRobot features have at least one.");
        if (values.Length % size != 0)
            throw new ArgumentException($"column '{leaf.Path}': {values.Length} values is not a whole number of rows of shape ({string.Join(",", shape)}).");
        var dl = new int[values.Length];
        Array.Fill(dl, leaf.MaxDefinitionLevel);
        var rl = new int[values.Length];
        var rowLevels = TensorRepetition(shape);
        for (int i = 0; i < values.Length; i++) rl[i] = rowLevels[i % size];
        return rg.WriteAllPartsAsync<T>(leaf, values, dl, rl, default);
    }

    /// <summary>
    /// Repetition level of each element of one row-major tensor: 0 starts the row; otherwise one plus
    /// the outermost dimension whose index changes from the previous element.
    /// </summary>
    internal static int[] TensorRepetition(int[] shape)
    {
        int size = shape.Aggregate(1, (a, b) => a * b);
        var rl = new int[size];
        var index = new int[shape.Length];
        for (int i = 1; i < size; i++)
        {
            int d = shape.Length - 1;
            while (true)
            {
                index[d]++;
                if (index[d] < shape[d]) break;
                index[d] = 0;
                d--;
            }
            rl[i] = d + 1;
        }
        return rl;
    }

    private static Task StringLists(ParquetRowGroupWriter rg, DataField leaf, string[][] rows)
    {
        var values = new List<ReadOnlyMemory<char>>();
        var dl = new List<int>();
        var rl = new List<int>();
        foreach (var row in rows)
        {
            if (row.Length == 0)
            {
                dl.Add(leaf.MaxDefinitionLevel - 2); // list present, no element
                rl.Add(0);
                continue;
            }
            for (int i = 0; i < row.Length; i++)
            {
                values.Add(row[i].AsMemory());
                dl.Add(leaf.MaxDefinitionLevel);
                rl.Add(i == 0 ? 0 : 1);
            }
        }
        return rg.WriteAllPartsAsync<ReadOnlyMemory<char>>(leaf, values.ToArray(), dl.ToArray(), rl.ToArray(), default);
    }
}
