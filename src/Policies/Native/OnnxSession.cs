using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Harness.Policies.Native;

/// <summary>
/// One loaded ONNX model behind ONNX Runtime's C API: named inputs and outputs, metadata, and
/// <see cref="Run"/>. Every native object it creates is owned by a SafeHandle and released on
/// <see cref="Dispose"/>. Not thread-safe: one session serves one caller at a time.
/// </summary>
public sealed unsafe class OnnxSession : IDisposable
{
    private readonly OrtApi _api;
    private readonly OrtEnvHandle _env;
    private readonly OrtSessionHandle _session;
    private readonly OrtMemoryInfoHandle _cpuMemory;
    private readonly Dictionary<string, IntPtr> _nativeNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OnnxTensorInfo> _inputsByName;
    private readonly Lazy<OnnxModelMetadata> _metadata;
    private readonly string[] _allOutputNames;
    private readonly HashSet<string> _outputNames;
    private long _nativeRunTicks;
    private bool _disposed;

    private OnnxSession(OrtApi api, OrtEnvHandle env, OrtSessionHandle session, string source, OnnxSessionOptions options)
    {
        _api = api;
        _env = env;
        _session = session;
        Source = source;
        Options = options;
        IntPtr mem;
        // Arena allocator + default memory type: the combination ORT documents for CPU tensors over caller buffers.
        _api.Check(_api.CreateCpuMemoryInfo(1, 0, &mem), "CreateCpuMemoryInfo");
        _cpuMemory = new OrtMemoryInfoHandle(mem);
        Inputs = ReadPorts(isInput: true);
        Outputs = ReadPorts(isInput: false);
        _inputsByName = Inputs.ToDictionary(i => i.Name, StringComparer.Ordinal);
        _allOutputNames = Outputs.Select(o => o.Name).ToArray();
        _outputNames = _allOutputNames.ToHashSet(StringComparer.Ordinal);
        foreach (var p in Inputs.Concat(Outputs)) _nativeNames[p.Name] = Marshal.StringToCoTaskMemUTF8(p.Name);
        _metadata = new Lazy<OnnxModelMetadata>(ReadMetadata);
    }

    /// <summary>The file the model came from, or "(bytes)".</summary>
    public string Source { get; }
    public OnnxSessionOptions Options { get; }
    public IReadOnlyList<OnnxTensorInfo> Inputs { get; }
    public IReadOnlyList<OnnxTensorInfo> Outputs { get; }
    public OnnxModelMetadata Metadata => _metadata.Value;

    /// <summary>Time spent inside ORT's Run call, summed over all <see cref="Run"/> calls.</summary>
    public TimeSpan NativeRunTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _nativeRunTicks));
    public long RunCount { get; private set; }

    public static string RuntimeVersion => OrtRuntime.Api.VersionString;
    public static uint RuntimeApiVersion => OrtRuntime.Api.Version;
    public static string RuntimeLibraryPath => OrtRuntime.Api.LibraryPath;

    /// <summary>Execution providers compiled into the loaded library (their own libraries may still be missing).</summary>
    public static IReadOnlyList<string> AvailableProviders()
    {
        var api = OrtRuntime.Api;
        IntPtr list; int count;
        api.Check(api.GetAvailableProviders(&list, &count), "GetAvailableProviders");
        var names = new List<string>(count);
        for (int i = 0; i < count; i++) names.Add(Marshal.PtrToStringUTF8(((IntPtr*)list)[i]) ?? "");
        api.Check(api.ReleaseAvailableProviders(list, count), "ReleaseAvailableProviders");
        return names;
    }

    public static OnnxSession Load(string modelPath, OnnxSessionOptions? options = null)
    {
        if (!File.Exists(modelPath))
            throw new FileNotFoundException($"ONNX model '{modelPath}' does not exist.", modelPath);
        options ??= OnnxSessionOptions.Default;
        var api = OrtRuntime.Api;
        var full = Path.GetFullPath(modelPath);
        return Create(api, options, full, (env, opts) =>
        {
            IntPtr s;
            var path = Encoding.UTF8.GetBytes(full + "\0");
            fixed (byte* p = path) api.Check(api.CreateSession(env, p, opts, &s), "CreateSession",
                $"The model at '{full}' could not be loaded; check that it is a valid ONNX file (opset <= 23).");
            return s;
        });
    }

    public static OnnxSession Load(ReadOnlySpan<byte> model, OnnxSessionOptions? options = null)
    {
        options ??= OnnxSessionOptions.Default;
        var api = OrtRuntime.Api;
        var copy = model.ToArray();
        return Create(api, options, "(bytes)", (env, opts) =>
        {
            IntPtr s;
            fixed (byte* p = copy) api.Check(api.CreateSessionFromArray(env, p, (nuint)copy.Length, opts, &s), "CreateSessionFromArray");
            return s;
        });
    }

    private static OnnxSession Create(OrtApi api, OnnxSessionOptions options, string source, Func<IntPtr, IntPtr, IntPtr> open)
    {
        if (options.IntraOpThreads < 0)
            throw new ArgumentException($"intra-op threads must be >= 0 (0 = ORT's choice); got {options.IntraOpThreads}.");
        IntPtr envPtr;
        var logId = "harness\0"u8;
        // ORT keeps one env per process and reference-counts it, so every session can own a handle.
        fixed (byte* id = logId) api.Check(api.CreateEnv(3 /* ERROR */, id, &envPtr), "CreateEnv");
        var env = new OrtEnvHandle(envPtr);
        try
        {
            IntPtr optsPtr;
            api.Check(api.CreateSessionOptions(&optsPtr), "CreateSessionOptions");
            using var opts = new OrtSessionOptionsHandle(optsPtr);
            api.Check(api.SetIntraOpNumThreads(opts.Pointer, options.IntraOpThreads), "SetIntraOpNumThreads");
            api.Check(api.SetSessionGraphOptimizationLevel(opts.Pointer, (int)options.Optimization), "SetSessionGraphOptimizationLevel");
            if (options.Provider == ExecutionProvider.Cuda) AppendCuda(api, opts, options.CudaDeviceId);
            var session = new OrtSessionHandle(open(env.Pointer, opts.Pointer));
            try { return new OnnxSession(api, env, session, source, options); }
            catch { session.Dispose(); throw; }
        }
        catch { env.Dispose(); throw; }
    }

    private static void AppendCuda(OrtApi api, OrtSessionOptionsHandle opts, int deviceId)
    {
        var providers = AvailableProviders();
        if (!providers.Contains("CUDAExecutionProvider"))
            throw new OnnxRuntimeUnavailableException(
                $"CUDA was requested, but ONNX Runtime {api.VersionString} at '{api.LibraryPath}' was built without it " +
                $"(providers: {string.Join(", ", providers)}). Use the CPU provider, or set {OrtLibraryLocator.EnvironmentVariable} to a GPU build of ONNX Runtime.");
        const string advice =
            "The CUDA provider lives in libonnxruntime_providers_cuda.so and libonnxruntime_providers_shared.so next to libonnxruntime.so; " +
            "the npm package onnxruntime-node ships them only when its install script runs (it downloads Microsoft.ML.OnnxRuntime.Gpu.Linux), " +
            "and they need CUDA 12 and cuDNN 9 on the library path. Install them, or use the CPU provider.";
        IntPtr cuda;
        api.Check(api.CreateCUDAProviderOptions(&cuda), "CreateCUDAProviderOptions", advice);
        using var handle = new OrtCudaProviderOptionsHandle(cuda);
        var key = Marshal.StringToCoTaskMemUTF8("device_id");
        var value = Marshal.StringToCoTaskMemUTF8(deviceId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            byte* k = (byte*)key, v = (byte*)value;
            api.Check(api.UpdateCUDAProviderOptions(handle.Pointer, &k, &v, 1), "UpdateCUDAProviderOptions", advice);
        }
        finally { Marshal.FreeCoTaskMem(key); Marshal.FreeCoTaskMem(value); }
        api.Check(api.SessionOptionsAppendExecutionProvider_CUDA_V2(opts.Pointer, handle.Pointer), "SessionOptionsAppendExecutionProvider_CUDA_V2", advice);
    }

    /// <summary>
    /// Runs the model. Every model input must be given; <paramref name="outputNames"/> defaults to
    /// all outputs. Inputs are passed to ORT without copying (pinned for the duration of the call).
    /// </summary>
    public IReadOnlyDictionary<string, OnnxTensor> Run(IReadOnlyDictionary<string, OnnxTensor> inputs, IReadOnlyList<string>? outputNames = null)
    {
        var outs = outputNames ?? _allOutputNames;
        return RunCore(inputs, outs, handles =>
        {
            var result = new Dictionary<string, OnnxTensor>(outs.Count, StringComparer.Ordinal);
            for (int j = 0; j < outs.Count; j++) result[outs[j]] = CopyOut(outs[j], handles[j]!);
            return result;
        });
    }

    /// <summary>
    /// Runs the model and hands one float32 output to <paramref name="read"/> straight from ORT's
    /// buffer (valid only during the callback), sparing a copy on the hot path.
    /// </summary>
    public T Run<T>(IReadOnlyDictionary<string, OnnxTensor> inputs, string output, FloatTensorReader<T> read) =>
        RunCore(inputs, [output], handles =>
        {
            IntPtr infoPtr;
            _api.Check(_api.GetTensorTypeAndShape(handles[0]!.Pointer, &infoPtr), "GetTensorTypeAndShape");
            using var info = new OrtTensorTypeAndShapeHandle(infoPtr);
            var (code, shape) = ReadTypeAndShape(info.Pointer);
            if (code != (int)TensorElementType.Float32)
                throw new NotSupportedException($"output '{output}' has ONNX element type {code}; a float32 output was expected.");
            long count = 1;
            foreach (var d in shape) count *= d;
            void* data;
            _api.Check(_api.GetTensorMutableData(handles[0]!.Pointer, &data), "GetTensorMutableData");
            return read(new ReadOnlySpan<float>(data, checked((int)count)), shape);
        });

    private T RunCore<T>(IReadOnlyDictionary<string, OnnxTensor> inputs, IReadOnlyList<string> outs, Func<OrtValueHandle?[], T> consume)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ValidateInputs(inputs);
        foreach (var o in outs)
            if (!_outputNames.Contains(o))
                throw new ArgumentException($"model has no output '{o}'; its outputs are: {string.Join(", ", Outputs.Select(x => x.Name))}.");

        int n = inputs.Count, m = outs.Count;
        var pins = new GCHandle[n];
        var inputValues = new OrtValueHandle?[n];
        IntPtr* inNames = stackalloc IntPtr[n];
        IntPtr* inValues = stackalloc IntPtr[n];
        IntPtr* outNames = stackalloc IntPtr[m];
        IntPtr* outValues = stackalloc IntPtr[m];
        var outputHandles = new OrtValueHandle?[m];
        try
        {
            int i = 0;
            foreach (var (name, tensor) in inputs)
            {
                pins[i] = GCHandle.Alloc(tensor.Data, GCHandleType.Pinned);
                var shape = (long[])tensor.Shape;
                IntPtr value;
                fixed (long* s = shape)
                    _api.Check(_api.CreateTensorWithDataAsOrtValue(_cpuMemory.Pointer, (void*)pins[i].AddrOfPinnedObject(),
                        (nuint)((long)tensor.Length * tensor.ElementType.ByteSize()), s, (nuint)shape.Length, (int)tensor.ElementType, &value),
                        $"CreateTensorWithDataAsOrtValue('{name}')");
                inputValues[i] = new OrtValueHandle(value);
                inNames[i] = _nativeNames[name];
                inValues[i] = value;
                i++;
            }
            for (int j = 0; j < m; j++) { outNames[j] = _nativeNames[outs[j]]; outValues[j] = IntPtr.Zero; }

            long t0 = Stopwatch.GetTimestamp();
            IntPtr status = _api.Run(_session.Pointer, IntPtr.Zero, inNames, inValues, (nuint)n, outNames, (nuint)m, outValues);
            Interlocked.Add(ref _nativeRunTicks, Stopwatch.GetTimestamp() - t0);
            RunCount++;
            for (int j = 0; j < m; j++) if (outValues[j] != IntPtr.Zero) outputHandles[j] = new OrtValueHandle(outValues[j]);
            _api.Check(status, "Run");

            return consume(outputHandles);
        }
        finally
        {
            foreach (var h in outputHandles) h?.Dispose();
            foreach (var h in inputValues) h?.Dispose();
            foreach (var p in pins) if (p.IsAllocated) p.Free();
        }
    }

    private void ValidateInputs(IReadOnlyDictionary<string, OnnxTensor> inputs)
    {
        foreach (var (name, tensor) in inputs)
        {
            if (!_inputsByName.TryGetValue(name, out var info))
                throw new ArgumentException($"model has no input '{name}'; its inputs are: {string.Join(", ", Inputs)}.");
            if (info.ElementType != tensor.ElementType)
                throw new ArgumentException($"input '{name}' expects {info}; got {tensor}.");
            bool fits = info.Shape.Count == tensor.Shape.Count;
            for (int d = 0; fits && d < info.Shape.Count; d++) fits = info.Shape[d] < 0 || info.Shape[d] == tensor.Shape[d];
            if (!fits) throw new ArgumentException($"input '{name}' expects shape {info}; got {tensor}.");
        }
        if (inputs.Count != Inputs.Count)
            throw new ArgumentException($"model inputs not given: {string.Join(", ", Inputs.Where(i => !inputs.ContainsKey(i.Name)))}.");
    }

    private OnnxTensor CopyOut(string name, OrtValueHandle value)
    {
        IntPtr infoPtr;
        _api.Check(_api.GetTensorTypeAndShape(value.Pointer, &infoPtr), "GetTensorTypeAndShape");
        using var info = new OrtTensorTypeAndShapeHandle(infoPtr);
        var (code, shape) = ReadTypeAndShape(info.Pointer);
        long count = shape.Aggregate(1L, (a, d) => a * d);
        void* data;
        _api.Check(_api.GetTensorMutableData(value.Pointer, &data), "GetTensorMutableData");
        switch (TensorElementTypes.FromCode(code))
        {
            case TensorElementType.Float32:
                var f = new float[count]; new ReadOnlySpan<float>(data, (int)count).CopyTo(f); return OnnxTensor.FromFloats(f, shape);
            case TensorElementType.UInt8:
                var b = new byte[count]; new ReadOnlySpan<byte>(data, (int)count).CopyTo(b); return OnnxTensor.FromBytes(b, shape);
            case TensorElementType.Int64:
                var l = new long[count]; new ReadOnlySpan<long>(data, (int)count).CopyTo(l); return OnnxTensor.FromInt64(l, shape);
            default:
                throw new NotSupportedException(
                    $"output '{name}' has ONNX element type {code}; Harness reads float32, uint8 and int64 outputs. Re-export the model with a float32 output.");
        }
    }

    private (int Code, long[] Shape) ReadTypeAndShape(IntPtr info)
    {
        int code; nuint rank;
        _api.Check(_api.GetTensorElementType(info, &code), "GetTensorElementType");
        _api.Check(_api.GetDimensionsCount(info, &rank), "GetDimensionsCount");
        var dims = new long[(int)rank];
        fixed (long* d = dims) _api.Check(_api.GetDimensions(info, d, rank), "GetDimensions");
        return (code, dims);
    }

    private IReadOnlyList<OnnxTensorInfo> ReadPorts(bool isInput)
    {
        nuint count;
        _api.Check(isInput ? _api.SessionGetInputCount(_session.Pointer, &count) : _api.SessionGetOutputCount(_session.Pointer, &count),
            "SessionGetInput/OutputCount");
        IntPtr allocator;
        _api.Check(_api.GetAllocatorWithDefaultOptions(&allocator), "GetAllocatorWithDefaultOptions");
        var ports = new List<OnnxTensorInfo>((int)count);
        for (nuint i = 0; i < count; i++)
        {
            IntPtr namePtr;
            _api.Check(isInput ? _api.SessionGetInputName(_session.Pointer, i, allocator, &namePtr)
                : _api.SessionGetOutputName(_session.Pointer, i, allocator, &namePtr), "SessionGetInput/OutputName");
            string name = TakeString(allocator, namePtr);
            IntPtr typePtr;
            _api.Check(isInput ? _api.SessionGetInputTypeInfo(_session.Pointer, i, &typePtr)
                : _api.SessionGetOutputTypeInfo(_session.Pointer, i, &typePtr), "SessionGetInput/OutputTypeInfo");
            using var type = new OrtTypeInfoHandle(typePtr);
            int onnxType;
            _api.Check(_api.GetOnnxTypeFromTypeInfo(type.Pointer, &onnxType), "GetOnnxTypeFromTypeInfo");
            if (onnxType != 1 /* ONNX_TYPE_TENSOR */)
            {
                ports.Add(new OnnxTensorInfo(name, null, -onnxType, []));
                continue;
            }
            IntPtr tensorInfo; // owned by the type info: not released separately
            _api.Check(_api.CastTypeInfoToTensorInfo(type.Pointer, &tensorInfo), "CastTypeInfoToTensorInfo");
            var (code, shape) = ReadTypeAndShape(tensorInfo);
            ports.Add(new OnnxTensorInfo(name, TensorElementTypes.FromCode(code), code, shape));
        }
        return ports;
    }

    private OnnxModelMetadata ReadMetadata()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        IntPtr mdPtr, alloc;
        _api.Check(_api.SessionGetModelMetadata(_session.Pointer, &mdPtr), "SessionGetModelMetadata");
        using var md = new OrtModelMetadataHandle(mdPtr);
        _api.Check(_api.GetAllocatorWithDefaultOptions(&alloc), "GetAllocatorWithDefaultOptions");
        IntPtr allocator = alloc;
        string Read(delegate* unmanaged<IntPtr, IntPtr, IntPtr*, IntPtr> getter, string what)
        {
            IntPtr s;
            _api.Check(getter(md.Pointer, allocator, &s), what);
            return TakeString(allocator, s);
        }
        string producer = Read(_api.ModelMetadataGetProducerName, "ModelMetadataGetProducerName");
        string graph = Read(_api.ModelMetadataGetGraphName, "ModelMetadataGetGraphName");
        string domain = Read(_api.ModelMetadataGetDomain, "ModelMetadataGetDomain");
        string description = Read(_api.ModelMetadataGetDescription, "ModelMetadataGetDescription");
        long version;
        _api.Check(_api.ModelMetadataGetVersion(md.Pointer, &version), "ModelMetadataGetVersion");

        IntPtr keys; long numKeys;
        _api.Check(_api.ModelMetadataGetCustomMetadataMapKeys(md.Pointer, allocator, &keys, &numKeys), "ModelMetadataGetCustomMetadataMapKeys");
        var custom = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            for (long k = 0; k < numKeys; k++)
            {
                IntPtr keyPtr = ((IntPtr*)keys)[k];
                string key = Marshal.PtrToStringUTF8(keyPtr) ?? "";
                IntPtr valuePtr;
                _api.Check(_api.ModelMetadataLookupCustomMetadataMap(md.Pointer, allocator, (byte*)keyPtr, &valuePtr), "ModelMetadataLookupCustomMetadataMap");
                custom[key] = TakeString(allocator, valuePtr);
            }
        }
        finally
        {
            // Each key and the key array were allocated with the allocator.
            for (long k = 0; k < numKeys; k++) _api.AllocatorFree(allocator, ((IntPtr*)keys)[k]);
            if (keys != IntPtr.Zero) _api.AllocatorFree(allocator, keys);
        }
        return new OnnxModelMetadata(producer, graph, domain, description, version, custom);
    }

    private string TakeString(IntPtr allocator, IntPtr s)
    {
        if (s == IntPtr.Zero) return "";
        string value = Marshal.PtrToStringUTF8(s) ?? "";
        _api.Check(_api.AllocatorFree(allocator, s), "AllocatorFree");
        return value;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _session.Dispose();
        _cpuMemory.Dispose();
        _env.Dispose();
        foreach (var p in _nativeNames.Values) Marshal.FreeCoTaskMem(p);
        _nativeNames.Clear();
    }
}
