using Harness.Policies.Native;
using Harness.Policies.Onnx.Writer;
using NUnit.Framework;

namespace Harness.Tests.Onnx;

/// <summary>The ORT binding against the real libonnxruntime, with models written by our writer.</summary>
public class OnnxSessionTests
{
    [Test]
    public void Loads_the_runtime_of_the_nuget_package()
    {
        Assert.That(OnnxSession.RuntimeVersion, Is.EqualTo(OnnxRuntimeLibrary.IsCudaBuild ? "1.31.0" : "1.31.1"));
        Assert.That(OnnxSession.AvailableProviders(), Does.Contain("CPUExecutionProvider"));
        // The library next to our binaries (runtimes/linux-x64/native), not one from elsewhere on the system.
        Assert.That(OnnxSession.RuntimeLibraryPath, Does.StartWith(AppContext.BaseDirectory).And.EndWith("/libonnxruntime.so"));
    }

    [Test]
    public void Gemm_relu_mlp_matches_managed_math()
    {
        var rng = new Random(7);
        int inDim = 5, hidden = 8, outDim = 3, batch = 2;
        float[] w1 = Rand(rng, inDim * hidden), b1 = Rand(rng, hidden), w2 = Rand(rng, hidden * outDim), b2 = Rand(rng, outDim);
        var g = new OnnxGraphBuilder("mlp");
        var x = g.Input("x", TensorElementType.Float32, "batch", inDim);
        var h = g.Relu(g.Gemm(x, g.Constant("w1", w1, inDim, hidden), g.Constant("b1", b1, hidden)));
        g.Gemm(h, g.Constant("w2", w2, hidden, outDim), g.Constant("b2", b2, outDim), output: "y");
        g.Output("y", TensorElementType.Float32, "batch", outDim);
        var bytes = OnnxModelWriter.Serialize(g.BuildModel(new Dictionary<string, string> { ["purpose"] = "test", ["n"] = "2" }));

        using var session = OnnxSession.Load(bytes, new OnnxSessionOptions(IntraOpThreads: 1));
        Assert.That(session.Inputs.Single().ToString(), Is.EqualTo("x: float32[?,5]"));
        Assert.That(session.Outputs.Single().ToString(), Is.EqualTo("y: float32[?,3]"));
        Assert.That(session.Metadata.Custom, Is.EqualTo(new Dictionary<string, string> { ["purpose"] = "test", ["n"] = "2" }));
        Assert.That(session.Metadata.ProducerName, Is.EqualTo("harness"));
        Assert.That(session.Metadata.GraphName, Is.EqualTo("mlp"));

        float[] input = Rand(rng, batch * inDim);
        var y = session.Run(new Dictionary<string, OnnxTensor> { ["x"] = OnnxTensor.FromFloats(input, batch, inDim) })["y"];
        Assert.That(y.Shape, Is.EqualTo(new long[] { batch, outDim }));
        for (int n = 0; n < batch; n++)
        {
            var hid = new float[hidden];
            for (int j = 0; j < hidden; j++)
            {
                float s = b1[j];
                for (int i = 0; i < inDim; i++) s += input[n * inDim + i] * w1[i * hidden + j];
                hid[j] = Math.Max(0, s);
            }
            for (int k = 0; k < outDim; k++)
            {
                float s = b2[k];
                for (int j = 0; j < hidden; j++) s += hid[j] * w2[j * outDim + k];
                Assert.That(y.Floats[n * outDim + k], Is.EqualTo(s).Within(1e-5));
            }
        }
        Assert.That(session.RunCount, Is.EqualTo(1));
        Assert.That(session.NativeRunTime, Is.GreaterThan(TimeSpan.Zero));
    }

    [Test]
    public void Elementwise_reshape_concat_slice_and_matmul_follow_their_onnx_definitions()
    {
        var g = new OnnxGraphBuilder();
        var a = g.Input("a", TensorElementType.Float32, 2, 3);
        var b = g.Input("b", TensorElementType.Float32, 2, 3);
        var c = g.Constant("c", [2f, 4f, 8f], 3);
        g.Add(a, b, output: "add");
        g.Sub(a, b, output: "sub");
        g.Mul(a, c, output: "mul");
        g.Div(a, c, output: "div");
        g.Tanh(a, output: "tanh");
        g.Sigmoid(a, output: "sigmoid");
        g.Reshape(a, [3, 2], output: "reshape");
        g.Concat(1, [a, b], output: "concat");
        g.Slice(a, [1], [3], [1], output: "slice");
        g.MatMul(a, g.Constant("m", [1, 0, 0, 1, 1, 1], 3, 2), output: "matmul");
        foreach (var (n, shape) in new[] { ("add", new OnnxDim[] { 2, 3 }), ("sub", [2, 3]), ("mul", [2, 3]), ("div", [2, 3]),
                     ("tanh", [2, 3]), ("sigmoid", [2, 3]), ("reshape", [3, 2]), ("concat", [2, 6]), ("slice", [2, 2]), ("matmul", [2, 2]) })
            g.Output(n, TensorElementType.Float32, shape);
        using var s = OnnxSession.Load(OnnxModelWriter.Serialize(g.BuildModel()));
        float[] av = [1, -2, 3, 0.5f, 0, -1], bv = [4, 5, 6, 7, 8, 9];
        var r = s.Run(new Dictionary<string, OnnxTensor> { ["a"] = OnnxTensor.FromFloats(av, 2, 3), ["b"] = OnnxTensor.FromFloats(bv, 2, 3) });
        float[] cv = [2, 4, 8];
        Assert.Multiple(() =>
        {
            Assert.That(r["add"].Floats.ToArray(), Is.EqualTo(av.Zip(bv, (x, y) => x + y)).Within(1e-6));
            Assert.That(r["sub"].Floats.ToArray(), Is.EqualTo(av.Zip(bv, (x, y) => x - y)).Within(1e-6));
            Assert.That(r["mul"].Floats.ToArray(), Is.EqualTo(av.Select((x, i) => x * cv[i % 3])).Within(1e-6));
            Assert.That(r["div"].Floats.ToArray(), Is.EqualTo(av.Select((x, i) => x / cv[i % 3])).Within(1e-6));
            Assert.That(r["tanh"].Floats.ToArray(), Is.EqualTo(av.Select(x => (float)Math.Tanh(x))).Within(1e-6));
            Assert.That(r["sigmoid"].Floats.ToArray(), Is.EqualTo(av.Select(x => (float)(1 / (1 + Math.Exp(-x))))).Within(1e-6));
            Assert.That(r["reshape"].Shape, Is.EqualTo(new long[] { 3, 2 }));
            Assert.That(r["reshape"].Floats.ToArray(), Is.EqualTo(av));
            Assert.That(r["concat"].Floats.ToArray(), Is.EqualTo(new float[] { 1, -2, 3, 4, 5, 6, 0.5f, 0, -1, 7, 8, 9 }));
            Assert.That(r["slice"].Floats.ToArray(), Is.EqualTo(new float[] { -2, 3, 0, -1 }));
            // [1,-2,3] x [[1,0],[0,1],[1,1]] = [4, 1]; [0.5,0,-1] -> [-0.5, -1]
            Assert.That(r["matmul"].Floats.ToArray(), Is.EqualTo(new float[] { 4, 1, -0.5f, -1 }).Within(1e-6));
        });
    }

    [Test]
    public void Uint8_and_int64_tensors_round_trip()
    {
        var g = new OnnxGraphBuilder();
        var img = g.Input("img", TensorElementType.UInt8, 1, 4);
        var idx = g.Input("idx", TensorElementType.Int64, 3);
        g.Reshape(img, [2, 2], output: "img2");
        g.Concat(0, [idx, g.ConstantInt64("k", [40, 50], 2)], output: "idx2");
        g.Output("img2", TensorElementType.UInt8, 2, 2);
        g.Output("idx2", TensorElementType.Int64, 5);
        using var s = OnnxSession.Load(OnnxModelWriter.Serialize(g.BuildModel()));
        Assert.That(s.Inputs.Select(i => i.ElementType), Is.EqualTo(new TensorElementType?[] { TensorElementType.UInt8, TensorElementType.Int64 }));
        var r = s.Run(new Dictionary<string, OnnxTensor>
        {
            ["img"] = OnnxTensor.FromBytes([0, 127, 128, 255], 1, 4),
            ["idx"] = OnnxTensor.FromInt64([long.MaxValue, -3, 7], 3),
        });
        Assert.That(r["img2"].Bytes.ToArray(), Is.EqualTo(new byte[] { 0, 127, 128, 255 }));
        Assert.That(r["img2"].Shape, Is.EqualTo(new long[] { 2, 2 }));
        Assert.That(r["idx2"].Int64s.ToArray(), Is.EqualTo(new long[] { long.MaxValue, -3, 7, 40, 50 }));
    }

    [Test]
    public void Ort_errors_become_typed_exceptions_with_orts_message()
    {
        var ex = Assert.Throws<OnnxRuntimeException>(() => OnnxSession.Load(new byte[] { 1, 2, 3, 4, 5 }));
        Assert.That(ex!.Code, Is.Not.EqualTo(OrtErrorCode.Ok));
        Assert.That(ex.NativeMessage, Is.Not.Empty);
        Assert.That(ex.Message, Does.Contain("CreateSessionFromArray"));

        // A graph that is valid protobuf but breaks ONNX typing: Add of a float and an int64.
        var g = new OnnxGraphBuilder();
        var a = g.Input("a", TensorElementType.Float32, 2);
        var b = g.Input("b", TensorElementType.Int64, 2);
        g.Add(a, b, output: "y");
        g.Output("y", TensorElementType.Float32, 2);
        var bad = Assert.Throws<OnnxRuntimeException>(() => OnnxSession.Load(OnnxModelWriter.Serialize(g.BuildModel())));
        Assert.That(bad!.NativeMessage, Does.Contain("Add").Or.Contain("type"));
    }

    [Test]
    public void Wrong_inputs_are_refused_before_reaching_ort()
    {
        var g = new OnnxGraphBuilder();
        g.Relu(g.Input("x", TensorElementType.Float32, 1, 4), output: "y");
        g.Output("y", TensorElementType.Float32, 1, 4);
        using var s = OnnxSession.Load(OnnxModelWriter.Serialize(g.BuildModel()));
        var wrongShape = Assert.Throws<ArgumentException>(() => s.Run(new Dictionary<string, OnnxTensor> { ["x"] = OnnxTensor.FromFloats(new float[3], 1, 3) }));
        Assert.That(wrongShape!.Message, Does.Contain("x: float32[1,4]"));
        var wrongName = Assert.Throws<ArgumentException>(() => s.Run(new Dictionary<string, OnnxTensor> { ["z"] = OnnxTensor.FromFloats(new float[4], 1, 4) }));
        Assert.That(wrongName!.Message, Does.Contain("no input 'z'"));
    }

    [Test]
    public void Cuda_request_on_a_cpu_build_says_how_to_build_with_cuda()
    {
        Assume.That(OnnxRuntimeLibrary.IsCudaBuild, Is.False, "this is a CUDA build; the test covers the CPU package.");
        Assert.That(OnnxSession.AvailableProviders(), Does.Not.Contain("CUDAExecutionProvider"));
        var g = new OnnxGraphBuilder();
        g.Relu(g.Input("x", TensorElementType.Float32, 1), output: "y");
        g.Output("y", TensorElementType.Float32, 1);
        var ex = Assert.Throws<OnnxRuntimeUnavailableException>(() => OnnxSession.Load(OnnxModelWriter.Serialize(g.BuildModel()), new OnnxSessionOptions(ExecutionProvider.Cuda)));
        Assert.That(ex!.Message, Does.Contain("CPU-only").And.Contain("Microsoft.ML.OnnxRuntime 1.31.1"));
        Assert.That(ex.Message, Does.Contain("HarnessOnnxCuda=true").And.Contain("Microsoft.ML.OnnxRuntime.Gpu.Linux 1.31.0"));
        Assert.That(ex.Message, Does.Contain("--device cpu"));
    }

    [Test]
    public void Library_override_must_name_an_existing_file()
    {
        Assert.That(OnnxRuntimeLibrary.ResolveOverride(null), Is.Null);
        Assert.That(OnnxRuntimeLibrary.ResolveOverride(" "), Is.Null);
        var ex = Assert.Throws<OnnxRuntimeUnavailableException>(() => OnnxRuntimeLibrary.ResolveOverride("/nonexistent/libonnxruntime.so"));
        Assert.That(ex!.Message, Does.Contain("/nonexistent/libonnxruntime.so").And.Contain(OnnxRuntimeLibrary.EnvironmentVariable).And.Contain("unset it"));
    }

    [Test]
    public void Options_change_how_not_what_the_model_computes_and_disposed_sessions_refuse_work()
    {
        var layers = MlpModel.Random(5, Activation.Tanh, 4, 16, 3);
        var bytes = OnnxModelWriter.Serialize(MlpModel.Build(layers, input: "x", output: "y"));
        var input = new Dictionary<string, OnnxTensor> { ["x"] = OnnxTensor.FromFloats([0.1f, -0.2f, 0.3f, 0.4f], 1, 4) };
        var expected = MlpModel.Evaluate(layers, [0.1f, -0.2f, 0.3f, 0.4f]);
        foreach (var opt in new[] { GraphOptimization.Disabled, GraphOptimization.Basic, GraphOptimization.All })
        {
            using var s = OnnxSession.Load(bytes, new OnnxSessionOptions(IntraOpThreads: 2, Optimization: opt));
            Assert.That(s.Run(input)["y"].Floats.ToArray(), Is.EqualTo(expected).Within(1e-5), opt.ToString());
        }
        var disposed = OnnxSession.Load(bytes);
        disposed.Dispose();
        disposed.Dispose();
        Assert.Throws<ObjectDisposedException>(() => disposed.Run(input));
        Assert.Throws<ArgumentException>(() => OnnxSession.Load(bytes, new OnnxSessionOptions(IntraOpThreads: -1)));
    }

    [Test]
    public void Bound_run_reuses_its_buffers_and_follows_a_shape_change()
    {
        var g = new OnnxGraphBuilder();
        g.Mul(g.Input("x", TensorElementType.Float32, "n", 3), g.Constant("k", [1f, 10f, 100f], 3), output: "y");
        g.Output("y", TensorElementType.Float32, "n", 3);
        using var s = OnnxSession.Load(OnnxModelWriter.Serialize(g.BuildModel()));
        using var run = s.Bind("y");
        static (float[], long[]) Copy(ReadOnlySpan<float> v, ReadOnlySpan<long> shape) => (v.ToArray(), shape.ToArray());

        var x = run.FloatInput("x", [1, 3]);
        x[0] = 1; x[1] = 2; x[2] = 3;
        Assert.That(run.OutputPreallocated, Is.False, "the output shape is learned from the first run");
        Assert.That(run.Run(Copy), Is.EqualTo((new float[] { 1, 20, 300 }, new long[] { 1, 3 })));
        Assert.That(run.OutputPreallocated, Is.True);

        Assert.That(run.FloatInput("x", [1, 3]), Is.SameAs(x), "same shape: same buffer, nothing allocated");
        x[0] = -1;
        Assert.That(run.Run(Copy).Item1, Is.EqualTo(new float[] { -1, 20, 300 }), "ORT reads the buffer in place");

        var x2 = run.FloatInput("x", [2, 3]);
        Assert.That(x2, Is.Not.SameAs(x));
        Assert.That(run.OutputPreallocated, Is.False, "new input shape: the output shape is learned again");
        x2.AsSpan().Fill(2);
        Assert.That(run.Run(Copy), Is.EqualTo((new float[] { 2, 20, 200, 2, 20, 200 }, new long[] { 2, 3 })));
        Assert.That(run.OutputPreallocated, Is.True);
        Assert.That(s.RunCount, Is.EqualTo(3));

        Assert.Throws<ArgumentException>(() => run.FloatInput("x", [1, 4]));
        Assert.Throws<ArgumentException>(() => run.ByteInput("x", [1, 3]));
        Assert.Throws<ArgumentException>(() => s.Bind("z"));
    }

    [Test]
    public void Bound_run_leaves_a_value_dependent_output_to_orts_allocator()
    {
        // Range(0, limit, 1): the output length depends on the value of 'limit', not its shape.
        var g = new OnnxGraphBuilder();
        var limit = g.Input("limit", TensorElementType.Float32);
        g.Node("Range", [g.Constant("start", [0f]), limit, g.Constant("delta", [1f])], output: "y");
        g.Output("y", TensorElementType.Float32, "n");
        using var s = OnnxSession.Load(OnnxModelWriter.Serialize(g.BuildModel()));
        using var run = s.Bind("y");
        static float[] Read(ReadOnlySpan<float> v, ReadOnlySpan<long> shape) => v.ToArray();

        var l = run.FloatInput("limit", []);
        l[0] = 3;
        Assert.That(run.Run(Read), Is.EqualTo(new float[] { 0, 1, 2 }));
        l[0] = 5;
        Assert.That(run.Run(Read), Is.EqualTo(new float[] { 0, 1, 2, 3, 4 }), "the learned [3] output did not fit; ORT allocates instead");
        Assert.That(run.OutputPreallocated, Is.False);
        l[0] = 2;
        Assert.That(run.Run(Read), Is.EqualTo(new float[] { 0, 1 }));
    }

    [Test]
    public void Writer_refuses_graphs_that_read_undefined_values()
    {
        var g = new OnnxGraphBuilder();
        g.Input("x", TensorElementType.Float32, 1);
        g.Add("x", "nowhere", output: "y");
        g.Output("y", TensorElementType.Float32, 1);
        var ex = Assert.Throws<InvalidOperationException>(() => OnnxModelWriter.Serialize(g.BuildModel()))!;
        Assert.That(ex.Message, Does.Contain("reads 'nowhere'"));
        Assert.Throws<ArgumentException>(() => OnnxInitializer.Floats("w", [1, 2, 3], 2, 2));
    }

    internal static float[] Rand(Random rng, int n, float scale = 1f) =>
        Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 - 1) * scale).ToArray();
}
