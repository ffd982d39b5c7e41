using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;

namespace Harness.Policies.Native;

/// <summary>
/// One loaded ONNX model behind ONNX Runtime's C# API: named inputs and outputs, metadata, and
/// <see cref="Run"/>. The hot path of a policy uses <see cref="Bind"/> instead (tensors allocated
/// once). Every ORT object it creates is released on <see cref="Dispose"/>. Not thread-safe: one
/// session serves one caller at a time.
/// </summary>
public sealed class OnnxSession : IDisposable
{
    private const string CudaAdvice =
        "The GPU package's libonnxruntime_providers_cuda.so needs CUDA 13 (libcudart.so.13, libcublas.so.13, libcublasLt.so.13, " +
        "libcurand.so.10) and cuDNN 9 on the library path (LD_LIBRARY_PATH); ONNX Runtime's log line above names the one it missed. " +
        "Install them, or use the CPU provider (--device cpu).";

    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly Dictionary<string, OnnxTensorInfo> _inputsByName;
    private readonly HashSet<string> _outputNames;
    private readonly Lazy<OnnxModelMetadata> _metadata;
    private long _nativeRunTicks;
    private bool _disposed;

    private OnnxSession(InferenceSession session, string source, OnnxSessionOptions options)
    {
        _session = session;
        Source = source;
        Options = options;
        Inputs = ReadPorts(session.InputNames, session.InputMetadata);
        Outputs = ReadPorts(session.OutputNames, session.OutputMetadata);
        _inputsByName = Inputs.ToDictionary(i => i.Name, StringComparer.Ordinal);
        _outputNames = Outputs.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        _metadata = new Lazy<OnnxModelMetadata>(ReadMetadata);
    }

    /// <summary>The file the model came from, or "(bytes)".</summary>
    public string Source { get; }
    public OnnxSessionOptions Options { get; }
    public IReadOnlyList<OnnxTensorInfo> Inputs { get; }
    public IReadOnlyList<OnnxTensorInfo> Outputs { get; }
    public OnnxModelMetadata Metadata => _metadata.Value;

    /// <summary>Time spent inside ORT's Run call, summed over all runs of this session.</summary>
    public TimeSpan NativeRunTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _nativeRunTicks));
    public long RunCount { get; private set; }

    public static string RuntimeVersion => OnnxRuntimeLibrary.Version;
    public static string RuntimeLibraryPath => OnnxRuntimeLibrary.LibraryPath;
    public static IReadOnlyList<string> AvailableProviders() => OnnxRuntimeLibrary.AvailableProviders();

    public static OnnxSession Load(string modelPath, OnnxSessionOptions? options = null)
    {
        if (!File.Exists(modelPath))
            throw new FileNotFoundException($"ONNX model '{modelPath}' does not exist.", modelPath);
        var full = Path.GetFullPath(modelPath);
        return Create(options, full, o => new InferenceSession(full, o), "CreateSession",
            $"The model at '{full}' could not be loaded; check that it is a valid ONNX file (opset <= 23).");
    }

    public static OnnxSession Load(ReadOnlySpan<byte> model, OnnxSessionOptions? options = null)
    {
        var copy = model.ToArray();
        return Create(options, "(bytes)", o => new InferenceSession(copy, o), "CreateSessionFromArray", null);
    }

    private static OnnxSession Create(OnnxSessionOptions? options, string source, Func<SessionOptions, InferenceSession> open, string operation, string? advice)
    {
        options ??= OnnxSessionOptions.Default;
        if (options.IntraOpThreads < 0)
            throw new ArgumentException($"intra-op threads must be >= 0 (0 = ORT's choice); got {options.IntraOpThreads}.");
        OnnxRuntimeLibrary.EnsureLoaded();
        if (options.Provider == ExecutionProvider.Cuda) RequireCudaProvider();

        using var so = new SessionOptions
        {
            IntraOpNumThreads = options.IntraOpThreads,
            GraphOptimizationLevel = options.Optimization switch
            {
                GraphOptimization.Disabled => GraphOptimizationLevel.ORT_DISABLE_ALL,
                GraphOptimization.Basic => GraphOptimizationLevel.ORT_ENABLE_BASIC,
                GraphOptimization.Extended => GraphOptimizationLevel.ORT_ENABLE_EXTENDED,
                _ => GraphOptimizationLevel.ORT_ENABLE_ALL,
            },
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
            LogId = "harness",
        };
        if (options.Provider == ExecutionProvider.Cuda)
        {
            try { so.AppendExecutionProvider_CUDA(options.CudaDeviceId); }
            catch (Microsoft.ML.OnnxRuntime.OnnxRuntimeException ex) { throw OnnxRuntimeException.From(ex, "AppendExecutionProvider_CUDA", CudaAdvice); }
        }
        InferenceSession session;
        try { session = open(so); }
        catch (Microsoft.ML.OnnxRuntime.OnnxRuntimeException ex)
        {
            throw OnnxRuntimeException.From(ex, operation, options.Provider == ExecutionProvider.Cuda ? advice + " " + CudaAdvice : advice);
        }
        try { return new OnnxSession(session, source, options); }
        catch { session.Dispose(); throw; }
    }

    /// <summary>Refuses CUDA up front when the loaded library has no CUDA provider, saying how to get one.</summary>
    private static void RequireCudaProvider()
    {
        var providers = OnnxRuntimeLibrary.AvailableProviders();
        if (providers.Contains("CUDAExecutionProvider")) return;
        string list = string.Join(", ", providers);
        if (Environment.GetEnvironmentVariable(OnnxRuntimeLibrary.EnvironmentVariable) is { Length: > 0 } custom)
            throw new OnnxRuntimeUnavailableException(
                $"CUDA was requested, but ONNX Runtime {OnnxRuntimeLibrary.Version} at '{custom}' ({OnnxRuntimeLibrary.EnvironmentVariable}) was built without it " +
                $"(providers: {list}). Point {OnnxRuntimeLibrary.EnvironmentVariable} at a GPU build, unset it, or use the CPU provider (--device cpu).");
        throw new OnnxRuntimeUnavailableException(
            $"CUDA was requested, but this Harness is built with the CPU-only ONNX Runtime package {OnnxRuntimeLibrary.PackageName} (providers: {list}). " +
            "Build it with the GPU package: HarnessOnnxCuda=true ./scripts/setup.sh (or dotnet build Harness.sln -c Release -p:HarnessOnnxCuda=true), " +
            "which uses Microsoft.ML.OnnxRuntime.Gpu.Linux 1.31.0 and needs CUDA 13 and cuDNN 9; or use the CPU provider (--device cpu).");
    }

    /// <summary>
    /// Runs the model. Every model input must be given; <paramref name="outputNames"/> defaults to
    /// all outputs. Inputs are passed to ORT without copying (pinned for the duration of the call).
    /// </summary>
    public IReadOnlyDictionary<string, OnnxTensor> Run(IReadOnlyDictionary<string, OnnxTensor> inputs, IReadOnlyList<string>? outputNames = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        foreach (var (name, tensor) in inputs) ValidateInput(name, tensor.ElementType, tensor.Shape);
        if (inputs.Count != Inputs.Count)
            throw new ArgumentException($"model inputs not given: {string.Join(", ", Inputs.Where(i => !inputs.ContainsKey(i.Name)))}.");
        var outs = outputNames ?? Outputs.Select(o => o.Name).ToArray();
        foreach (var o in outs) RequireOutput(o);

        var names = new List<string>(inputs.Count);
        var values = new List<OrtValue>(inputs.Count);
        try
        {
            foreach (var (name, tensor) in inputs)
            {
                names.Add(name);
                values.Add(tensor.ToOrtValue());
            }
            using var results = Timed(() => _session.Run(_runOptions, names, values, outs));
            var result = new Dictionary<string, OnnxTensor>(outs.Count, StringComparer.Ordinal);
            int j = 0;
            foreach (var value in results) { result[outs[j]] = OnnxTensor.CopyOf(outs[j], value); j++; }
            return result;
        }
        finally { foreach (var v in values) v.Dispose(); }
    }

    /// <summary>A run over tensors allocated once and reused (the low-overhead path); reads <paramref name="output"/>.</summary>
    public BoundRun Bind(string output)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        RequireOutput(output);
        return new BoundRun(this, output);
    }

    internal OrtIoBinding CreateIoBinding() => _session.CreateIoBinding();

    internal void RunBound(OrtIoBinding binding)
    {
        // Written out rather than through Timed: no closure on the hot path.
        ObjectDisposedException.ThrowIf(_disposed, this);
        long t0 = Stopwatch.GetTimestamp();
        try { _session.RunWithBinding(_runOptions, binding); }
        catch (Microsoft.ML.OnnxRuntime.OnnxRuntimeException ex) { throw OnnxRuntimeException.From(ex, "Run"); }
        finally
        {
            Interlocked.Add(ref _nativeRunTicks, Stopwatch.GetTimestamp() - t0);
            RunCount++;
        }
    }

    internal IDisposableReadOnlyCollection<OrtValue> RunBoundWithResults(OrtIoBinding binding) =>
        Timed(() => _session.RunWithBoundResults(_runOptions, binding));

    private T Timed<T>(Func<T> run)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        long t0 = Stopwatch.GetTimestamp();
        try { return run(); }
        catch (Microsoft.ML.OnnxRuntime.OnnxRuntimeException ex) { throw OnnxRuntimeException.From(ex, "Run"); }
        finally
        {
            Interlocked.Add(ref _nativeRunTicks, Stopwatch.GetTimestamp() - t0);
            RunCount++;
        }
    }

    internal void ValidateInput(string name, TensorElementType type, IReadOnlyList<long> shape)
    {
        if (!_inputsByName.TryGetValue(name, out var info))
            throw new ArgumentException($"model has no input '{name}'; its inputs are: {string.Join(", ", Inputs)}.");
        string given = $"{type.OnnxName()}[{string.Join(",", shape)}]";
        if (info.ElementType != type)
            throw new ArgumentException($"input '{name}' expects {info}; got {given}.");
        bool fits = info.Shape.Count == shape.Count;
        for (int d = 0; fits && d < info.Shape.Count; d++) fits = info.Shape[d] < 0 || info.Shape[d] == shape[d];
        if (!fits) throw new ArgumentException($"input '{name}' expects shape {info}; got {given}.");
    }

    internal int InputCount => Inputs.Count;

    private void RequireOutput(string output)
    {
        if (!_outputNames.Contains(output))
            throw new ArgumentException($"model has no output '{output}'; its outputs are: {string.Join(", ", Outputs.Select(x => x.Name))}.");
    }

    private static IReadOnlyList<OnnxTensorInfo> ReadPorts(IReadOnlyList<string> names, IReadOnlyDictionary<string, NodeMetadata> metadata) =>
        names.Select(name =>
        {
            var m = metadata[name];
            if (!m.IsTensor) return new OnnxTensorInfo(name, null, -(int)m.OnnxValueType, []);
            int code = (int)m.ElementDataType;
            // ORT reports symbolic and unknown dimensions as -1.
            return new OnnxTensorInfo(name, TensorElementTypes.FromCode(code), code, m.Dimensions.Select(d => (long)d).ToArray());
        }).ToList();

    private OnnxModelMetadata ReadMetadata()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var m = _session.ModelMetadata;
        return new OnnxModelMetadata(m.ProducerName, m.GraphName, m.Domain, m.Description, m.Version,
            new Dictionary<string, string>(m.CustomMetadataMap, StringComparer.Ordinal));
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _session.Dispose();
        _runOptions.Dispose();
    }
}
