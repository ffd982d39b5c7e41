using System.Numerics.Tensors;
using Harness.Core.Randomness;

namespace Harness.Learning;

/// <summary>Training settings. Defaults suit a few thousand state samples on two CPU cores.</summary>
public sealed record TrainingOptions(int Epochs = 60, int BatchSize = 64, double LearningRate = 1e-3, ulong Seed = 1, double WeightDecay = 0);

/// <summary>
/// Mean-squared-error regression with Adam, single-threaded and seeded, so the same data and
/// options always give the same weights on the same machine.
/// </summary>
public static class MlpTrainer
{
    /// <summary>Trains in place; returns the mean training loss of each epoch.</summary>
    /// <param name="onStep">Called after every optimizer step with the step count (1-based), e.g. to save intermediate checkpoints.</param>
    public static IReadOnlyList<double> Train(Mlp net, IReadOnlyList<float[]> inputs, IReadOnlyList<float[]> targets, TrainingOptions o,
        Action<int, double>? onEpoch = null, Action<long>? onStep = null)
    {
        if (inputs.Count != targets.Count || inputs.Count == 0)
            throw new ArgumentException($"need as many targets as inputs (> 0); got {inputs.Count} inputs and {targets.Count} targets.");
        int layers = net.Layers;
        var gw = net.Weights.Select(w => new float[w.Length]).ToArray();
        var gb = net.Biases.Select(b => new float[b.Length]).ToArray();
        var mw = net.Weights.Select(w => new float[w.Length]).ToArray();
        var vw = net.Weights.Select(w => new float[w.Length]).ToArray();
        var mb = net.Biases.Select(b => new float[b.Length]).ToArray();
        var vb = net.Biases.Select(b => new float[b.Length]).ToArray();
        var act = net.NewActivations();
        var delta = net.Sizes.Select(s => new float[s]).ToArray();
        var order = Enumerable.Range(0, inputs.Count).ToArray();
        var rng = new SeededRandom(o.Seed ^ 0xA5A5A5A5UL);
        const double b1 = 0.9, b2 = 0.999, eps = 1e-8;
        long t = 0;
        var losses = new List<double>(o.Epochs);

        for (int epoch = 0; epoch < o.Epochs; epoch++)
        {
            for (int i = order.Length - 1; i > 0; i--) { int j = (int)(rng.NextUInt64() % (ulong)(i + 1)); (order[i], order[j]) = (order[j], order[i]); }
            double epochLoss = 0;
            for (int start = 0; start < order.Length; start += o.BatchSize)
            {
                int end = Math.Min(order.Length, start + o.BatchSize), n = end - start;
                foreach (var g in gw) Array.Clear(g);
                foreach (var g in gb) Array.Clear(g);
                for (int k = start; k < end; k++)
                {
                    int idx = order[k];
                    net.Forward(inputs[idx], act);
                    var outDelta = delta[layers];
                    TensorPrimitives.Subtract(act[layers], targets[idx], outDelta);
                    epochLoss += TensorPrimitives.SumOfSquares(outDelta) / outDelta.Length;
                    TensorPrimitives.Multiply(outDelta, 2f / outDelta.Length, outDelta);
                    for (int l = layers - 1; l >= 0; l--)
                    {
                        var d = delta[l + 1];
                        var x = act[l];
                        int fanIn = net.Sizes[l];
                        var prev = delta[l];
                        if (l > 0) Array.Clear(prev);
                        for (int r = 0; r < d.Length; r++)
                        {
                            float dr = d[r];
                            if (dr == 0) continue;
                            gb[l][r] += dr;
                            var gRow = new Span<float>(gw[l], r * fanIn, fanIn);
                            TensorPrimitives.MultiplyAdd(x, dr, gRow, gRow);
                            if (l > 0) TensorPrimitives.MultiplyAdd(new ReadOnlySpan<float>(net.Weights[l], r * fanIn, fanIn), dr, prev, prev);
                        }
                        if (l > 0)
                            for (int c = 0; c < prev.Length; c++) if (act[l][c] <= 0) prev[c] = 0; // ReLU gradient
                    }
                }
                t++;
                double lrT = o.LearningRate * Math.Sqrt(1 - Math.Pow(b2, t)) / (1 - Math.Pow(b1, t));
                for (int l = 0; l < layers; l++)
                {
                    Adam(net.Weights[l], gw[l], mw[l], vw[l], n, lrT, o.WeightDecay * o.LearningRate);
                    Adam(net.Biases[l], gb[l], mb[l], vb[l], n, lrT, 0);
                }
                onStep?.Invoke(t);
            }
            double mean = epochLoss / order.Length;
            losses.Add(mean);
            onEpoch?.Invoke(epoch, mean);
        }
        return losses;

        static void Adam(float[] w, float[] g, float[] m, float[] v, int n, double lr, double decay)
        {
            for (int i = 0; i < w.Length; i++)
            {
                double gi = g[i] / n;
                m[i] = (float)(b1 * m[i] + (1 - b1) * gi);
                v[i] = (float)(b2 * v[i] + (1 - b2) * gi * gi);
                w[i] -= (float)(lr * m[i] / (Math.Sqrt(v[i]) + eps) + decay * w[i]);
            }
        }
    }
}
