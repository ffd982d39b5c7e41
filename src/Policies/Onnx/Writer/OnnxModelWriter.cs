namespace Harness.Policies.Onnx.Writer;

/// <summary>
/// Serialises an <see cref="OnnxModel"/> as an ONNX ModelProto. Field numbers are those of
/// onnx.proto (ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto, ValueInfoProto,
/// TypeProto, TensorShapeProto, OperatorSetIdProto, StringStringEntryProto).
/// </summary>
public static class OnnxModelWriter
{
    public static byte[] Serialize(OnnxModel model)
    {
        var w = new ProtoWriter();
        w.Varint(1, model.IrVersion);                 // ir_version
        w.String(2, model.ProducerName);              // producer_name
        w.String(3, model.ProducerVersion);           // producer_version
        w.String(6, model.DocString);                 // doc_string
        w.Message(7, Graph(model.Graph));             // graph
        var opset = new ProtoWriter();
        opset.Varint(2, model.Opset);                 // OperatorSetIdProto.version (domain "" = ai.onnx)
        w.Message(8, opset);                          // opset_import
        foreach (var (key, value) in model.Metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var entry = new ProtoWriter();
            entry.String(1, key);
            entry.String(2, value);
            w.Message(14, entry);                     // metadata_props
        }
        return w.ToArray();
    }

    public static void Write(OnnxModel model, string path) => File.WriteAllBytes(path, Serialize(model));

    private static ProtoWriter Graph(OnnxGraph g)
    {
        Validate(g);
        var w = new ProtoWriter();
        foreach (var n in g.Nodes) w.Message(1, Node(n));          // node
        w.String(2, g.Name);                                        // name
        foreach (var t in g.Initializers) w.Message(5, Tensor(t)); // initializer
        foreach (var v in g.Inputs) w.Message(11, ValueInfo(v));   // input
        foreach (var v in g.Outputs) w.Message(12, ValueInfo(v));  // output
        return w;
    }

    private static ProtoWriter Node(OnnxNode n)
    {
        var w = new ProtoWriter();
        foreach (var i in n.Inputs) w.String(1, i);  // input (an empty name would mean "omitted", which we never write)
        foreach (var o in n.Outputs) w.String(2, o); // output
        w.String(3, n.Name);
        w.String(4, n.OpType);
        foreach (var a in n.Attributes) w.Message(5, Attribute(a));
        return w;
    }

    private static ProtoWriter Attribute(OnnxAttribute a)
    {
        var w = new ProtoWriter();
        w.String(1, a.Name);
        // AttributeProto.type (field 20): FLOAT=1, INT=2, STRING=3, INTS=7.
        if (a.Float is { } f) { w.Float(2, f); w.Varint(20, 1); }
        else if (a.Int is { } i) { w.Varint(3, i); w.Varint(20, 2); }
        else if (a.Text is { } s) { w.String(4, s); w.Varint(20, 3); }
        else if (a.Ints is { } ints) { w.RepeatedInt64(8, ints); w.Varint(20, 7); }
        else throw new ArgumentException($"attribute '{a.Name}' has no value.");
        return w;
    }

    private static ProtoWriter Tensor(OnnxInitializer t)
    {
        var w = new ProtoWriter();
        w.RepeatedInt64(1, t.Dims);        // dims
        w.Varint(2, (int)t.ElementType);   // data_type
        w.String(8, t.Name);               // name
        w.Bytes(9, t.RawData);             // raw_data
        return w;
    }

    private static ProtoWriter ValueInfo(OnnxValueInfo v)
    {
        var shape = new ProtoWriter();
        foreach (var d in v.Shape)
        {
            var dim = new ProtoWriter();
            if (d.Value is { } value) dim.Varint(1, value); // dim_value
            else dim.String(2, d.Param);                      // dim_param
            shape.Message(1, dim);
        }
        var tensorType = new ProtoWriter();
        tensorType.Varint(1, (int)v.ElementType); // elem_type
        tensorType.Message(2, shape);             // shape
        var type = new ProtoWriter();
        type.Message(1, tensorType);              // TypeProto.tensor_type
        var w = new ProtoWriter();
        w.String(1, v.Name);
        w.Message(2, type);
        return w;
    }

    private static void Validate(OnnxGraph g)
    {
        var known = new HashSet<string>(g.Inputs.Select(i => i.Name).Concat(g.Initializers.Select(i => i.Name)), StringComparer.Ordinal);
        foreach (var n in g.Nodes)
        {
            foreach (var i in n.Inputs)
                if (!known.Contains(i))
                    throw new InvalidOperationException($"node '{n.Name}' ({n.OpType}) reads '{i}', which no graph input, initializer or earlier node provides.");
            foreach (var o in n.Outputs) known.Add(o);
        }
        foreach (var o in g.Outputs)
            if (!known.Contains(o.Name))
                throw new InvalidOperationException($"graph output '{o.Name}' is produced by no node; known values: {string.Join(", ", known)}.");
    }
}
