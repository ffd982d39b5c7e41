using Harness.Policies.Native;

namespace Harness.Policies.Onnx.Writer;

/// <summary>
/// Builds an opset-17 graph one operator at a time. Each operator method returns the name of the
/// value it produces; pass <c>output:</c> to give it a fixed name (e.g. a graph output).
/// </summary>
public sealed class OnnxGraphBuilder(string name = "harness_graph")
{
    private readonly List<OnnxNode> _nodes = [];
    private readonly List<OnnxInitializer> _initializers = [];
    private readonly List<OnnxValueInfo> _inputs = [];
    private readonly List<OnnxValueInfo> _outputs = [];
    private int _counter;

    public string Input(string inputName, TensorElementType type, params OnnxDim[] shape)
    {
        _inputs.Add(new OnnxValueInfo(inputName, type, shape));
        return inputName;
    }

    public void Output(string outputName, TensorElementType type, params OnnxDim[] shape) =>
        _outputs.Add(new OnnxValueInfo(outputName, type, shape));

    public string Constant(string constantName, float[] values, params long[] dims)
    {
        _initializers.Add(OnnxInitializer.Floats(constantName, values, dims));
        return constantName;
    }

    public string ConstantInt64(string constantName, long[] values, params long[] dims)
    {
        _initializers.Add(OnnxInitializer.Int64s(constantName, values, dims));
        return constantName;
    }

    public string Node(string opType, IReadOnlyList<string> inputs, string? output = null, params OnnxAttribute[] attributes)
    {
        string nodeName = $"{opType.ToLowerInvariant()}_{_counter++}";
        string result = output ?? nodeName + "_out";
        _nodes.Add(new OnnxNode(opType, inputs, [result], nodeName, attributes));
        return result;
    }

    /// <summary>Y = alpha * A * B' + beta * C, with B' = B transposed when <paramref name="transB"/>.</summary>
    public string Gemm(string a, string b, string c, bool transB = false, float alpha = 1f, float beta = 1f, string? output = null)
    {
        var attrs = new List<OnnxAttribute> { OnnxAttribute.Of("alpha", alpha), OnnxAttribute.Of("beta", beta) };
        if (transB) attrs.Add(OnnxAttribute.Of("transB", 1L));
        return Node("Gemm", [a, b, c], output, [.. attrs]);
    }

    public string MatMul(string a, string b, string? output = null) => Node("MatMul", [a, b], output);
    public string Add(string a, string b, string? output = null) => Node("Add", [a, b], output);
    public string Mul(string a, string b, string? output = null) => Node("Mul", [a, b], output);
    public string Sub(string a, string b, string? output = null) => Node("Sub", [a, b], output);
    public string Div(string a, string b, string? output = null) => Node("Div", [a, b], output);
    public string Relu(string x, string? output = null) => Node("Relu", [x], output);
    public string Tanh(string x, string? output = null) => Node("Tanh", [x], output);
    public string Sigmoid(string x, string? output = null) => Node("Sigmoid", [x], output);

    /// <summary>Reshape to a constant shape (0 copies a dimension, -1 infers one).</summary>
    public string Reshape(string x, long[] shape, string? output = null)
    {
        string s = ConstantInt64($"shape_{_counter++}", shape, shape.Length);
        return Node("Reshape", [x, s], output);
    }

    public string Concat(long axis, IReadOnlyList<string> inputs, string? output = null) =>
        Node("Concat", inputs, output, OnnxAttribute.Of("axis", axis));

    /// <summary>Slice with constant starts, ends and axes (opset >= 10 takes them as inputs).</summary>
    public string Slice(string x, long[] starts, long[] ends, long[] axes, string? output = null)
    {
        int id = _counter++;
        string s = ConstantInt64($"slice_starts_{id}", starts, starts.Length);
        string e = ConstantInt64($"slice_ends_{id}", ends, ends.Length);
        string a = ConstantInt64($"slice_axes_{id}", axes, axes.Length);
        return Node("Slice", [x, s, e, a], output);
    }

    public OnnxGraph Build() => new(name, [.. _nodes], [.. _initializers], [.. _inputs], [.. _outputs]);

    public OnnxModel BuildModel(IReadOnlyDictionary<string, string>? metadata = null) =>
        new(Build(), metadata ?? new Dictionary<string, string>());
}
