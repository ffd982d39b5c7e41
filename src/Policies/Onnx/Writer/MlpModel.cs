using Harness.Policies.Native;

namespace Harness.Policies.Onnx.Writer;

public enum Activation { None, Relu, Tanh, Sigmoid }

/// <summary>A dense layer y = act(x W + b) with W stored row-major as [In, Out].</summary>
public sealed record DenseLayer(int In, int Out, float[] Weights, float[] Bias, Activation Activation)
{
    public DenseLayer Validate()
    {
        if (Weights.Length != In * Out) throw new ArgumentException($"dense layer {In}x{Out} needs {In * Out} weights; got {Weights.Length}.");
        if (Bias.Length != Out) throw new ArgumentException($"dense layer {In}x{Out} needs {Out} biases; got {Bias.Length}.");
        return this;
    }
}

/// <summary>
/// Multi-layer perceptrons as ONNX models (Gemm + activation per layer): input <c>[batch, In]</c>,
/// output <c>[batch, Out]</c> or, with <c>chunk</c>, reshaped to <c>[batch, T, A]</c>.
/// </summary>
public static class MlpModel
{
    public static OnnxModel Build(IReadOnlyList<DenseLayer> layers, string input = "state", string output = "actions",
        (int T, int A)? chunk = null, IReadOnlyDictionary<string, string>? metadata = null)
    {
        if (layers.Count == 0) throw new ArgumentException("an MLP needs at least one layer.");
        for (int i = 1; i < layers.Count; i++)
            if (layers[i].In != layers[i - 1].Out)
                throw new ArgumentException($"layer {i} takes {layers[i].In} inputs but layer {i - 1} produces {layers[i - 1].Out}.");
        if (chunk is { } c && c.T * c.A != layers[^1].Out)
            throw new ArgumentException($"a [{c.T},{c.A}] chunk needs {c.T * c.A} outputs; the last layer has {layers[^1].Out}.");

        var g = new OnnxGraphBuilder("mlp");
        string x = g.Input(input, TensorElementType.Float32, "batch", layers[0].In);
        for (int i = 0; i < layers.Count; i++)
        {
            var l = layers[i].Validate();
            bool last = i == layers.Count - 1;
            string? name = last && chunk is null && l.Activation == Activation.None ? output : null;
            x = g.Gemm(x, g.Constant($"w{i}", l.Weights, l.In, l.Out), g.Constant($"b{i}", l.Bias, l.Out), output: name);
            string? actName = last && chunk is null ? output : null;
            x = l.Activation switch
            {
                Activation.Relu => g.Relu(x, actName),
                Activation.Tanh => g.Tanh(x, actName),
                Activation.Sigmoid => g.Sigmoid(x, actName),
                _ => x,
            };
        }
        if (chunk is { } ch)
        {
            g.Reshape(x, [0, ch.T, ch.A], output: output);
            g.Output(output, TensorElementType.Float32, "batch", ch.T, ch.A);
        }
        else g.Output(output, TensorElementType.Float32, "batch", layers[^1].Out);
        return g.BuildModel(metadata);
    }

    /// <summary>The same network evaluated in C# (float32, like ORT), for one input row.</summary>
    public static float[] Evaluate(IReadOnlyList<DenseLayer> layers, ReadOnlySpan<float> input)
    {
        var x = input.ToArray();
        foreach (var l in layers)
        {
            var y = (float[])l.Bias.Clone();
            for (int i = 0; i < l.In; i++)
            {
                float xi = x[i];
                if (xi == 0) continue;
                var row = l.Weights.AsSpan(i * l.Out, l.Out);
                for (int j = 0; j < l.Out; j++) y[j] += xi * row[j];
            }
            for (int j = 0; j < y.Length; j++)
                y[j] = l.Activation switch
                {
                    Activation.Relu => Math.Max(0, y[j]),
                    Activation.Tanh => MathF.Tanh(y[j]),
                    Activation.Sigmoid => 1 / (1 + MathF.Exp(-y[j])),
                    _ => y[j],
                };
            x = y;
        }
        return x;
    }

    /// <summary>Layers with He-style random weights (deterministic per seed), for tests and benchmarks.</summary>
    public static IReadOnlyList<DenseLayer> Random(int seed, Activation hidden, params int[] widths)
    {
        var rng = new System.Random(seed);
        var layers = new List<DenseLayer>();
        for (int i = 0; i + 1 < widths.Length; i++)
        {
            int n = widths[i], m = widths[i + 1];
            float scale = MathF.Sqrt(2f / n);
            var w = new float[n * m];
            for (int k = 0; k < w.Length; k++) w[k] = (float)(rng.NextDouble() * 2 - 1) * scale;
            var b = new float[m];
            for (int k = 0; k < m; k++) b[k] = (float)(rng.NextDouble() * 0.2 - 0.1);
            layers.Add(new DenseLayer(n, m, w, b, i + 2 == widths.Length ? Activation.Tanh : hidden));
        }
        return layers;
    }
}
