using System.Numerics.Tensors;
using Harness.Core.Randomness;

namespace Harness.Learning;

/// <summary>
/// A small fully connected network (ReLU hidden layers, linear output) with float32 weights,
/// row-major [out, in] like ONNX Gemm with transB = 1. Deterministic: initialisation from a seed.
/// </summary>
public sealed class Mlp
{
    public Mlp(IReadOnlyList<int> layerSizes, ulong seed)
    {
        if (layerSizes.Count < 2) throw new ArgumentException("an MLP needs at least an input and an output size.");
        Sizes = layerSizes.ToArray();
        var rng = new SeededRandom(seed);
        Weights = new float[Sizes.Length - 1][];
        Biases = new float[Sizes.Length - 1][];
        for (int l = 0; l < Sizes.Length - 1; l++)
        {
            int fanIn = Sizes[l], fanOut = Sizes[l + 1];
            double scale = Math.Sqrt(2.0 / fanIn); // He initialisation for ReLU
            Weights[l] = Enumerable.Range(0, fanIn * fanOut).Select(_ => (float)(rng.Gaussian() * scale)).ToArray();
            Biases[l] = new float[fanOut];
        }
    }

    public int[] Sizes { get; }
    public float[][] Weights { get; }
    public float[][] Biases { get; }
    public int Layers => Weights.Length;
    public int ParameterCount => Weights.Sum(w => w.Length) + Biases.Sum(b => b.Length);

    /// <summary>Forward pass; fills <paramref name="activations"/> (one array per layer, [0] = input).</summary>
    public void Forward(ReadOnlySpan<float> input, float[][] activations)
    {
        input.CopyTo(activations[0]);
        for (int l = 0; l < Layers; l++)
        {
            var x = activations[l];
            var y = activations[l + 1];
            int fanIn = Sizes[l];
            for (int r = 0; r < y.Length; r++)
                y[r] = TensorPrimitives.Dot(new ReadOnlySpan<float>(Weights[l], r * fanIn, fanIn), x) + Biases[l][r];
            if (l < Layers - 1) TensorPrimitives.Max(y, 0f, y);
        }
    }

    public float[][] NewActivations() => Sizes.Select(s => new float[s]).ToArray();

    public float[] Predict(ReadOnlySpan<float> input)
    {
        var a = NewActivations();
        Forward(input, a);
        return a[^1];
    }
}
