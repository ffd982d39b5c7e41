using Microsoft.ML.OnnxRuntime;

namespace Harness.Policies.Native;

/// <summary>
/// Repeated runs of one session over tensors allocated once (ORT's IOBinding): the caller writes
/// each input into the array <see cref="FloatInput"/> / <see cref="ByteInput"/> hands out, ORT
/// reads it in place and writes the output into an array of ours, so a call allocates nothing.
/// An input is re-allocated only when its shape changes. The output shape is learned from the
/// first run with the current input shapes (ORT allocates that one); when a model's output shape
/// depends on input values, the output stays with ORT's allocator.
/// </summary>
public sealed class BoundRun : IDisposable
{
    private readonly OnnxSession _session;
    private readonly OrtIoBinding _binding;
    private readonly string _output;
    private readonly Dictionary<string, Buffer> _inputs = new(StringComparer.Ordinal);
    private Buffer? _out;
    private bool _outputShapeVaries;
    private bool _disposed;

    private sealed record Buffer(Array Data, long[] Shape, OrtValue Value) : IDisposable
    {
        public void Dispose() => Value.Dispose();
    }

    internal BoundRun(OnnxSession session, string output)
    {
        _session = session;
        _output = output;
        _binding = session.CreateIoBinding();
    }

    /// <summary>True while the output is written into a pre-allocated array (after the first run).</summary>
    public bool OutputPreallocated => _out is not null;

    /// <summary>The float32 input <paramref name="name"/> of shape <paramref name="shape"/>: the same array while the shape stays.</summary>
    public float[] FloatInput(string name, long[] shape) => (float[])Input(name, shape, TensorElementType.Float32);

    /// <summary>The uint8 input <paramref name="name"/> of shape <paramref name="shape"/>: the same array while the shape stays.</summary>
    public byte[] ByteInput(string name, long[] shape) => (byte[])Input(name, shape, TensorElementType.UInt8);

    private Array Input(string name, long[] shape, TensorElementType type)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_inputs.TryGetValue(name, out var known) && known.Data.GetType() == (type == TensorElementType.Float32 ? typeof(float[]) : typeof(byte[]))
            && known.Shape.AsSpan().SequenceEqual(shape))
            return known.Data;

        _session.ValidateInput(name, type, shape);
        long count = 1;
        foreach (var d in shape) count *= d;
        var copy = (long[])shape.Clone();
        Buffer buffer = type == TensorElementType.Float32
            ? Make(new float[count], copy)
            : Make(new byte[count], copy);
        _binding.BindInput(name, buffer.Value);
        known?.Dispose();
        _inputs[name] = buffer;
        ReleaseOutput(); // new input shapes: the output shape must be learned again
        return buffer.Data;
    }

    private static Buffer Make<T>(T[] data, long[] shape) where T : unmanaged =>
        new(data, shape, OrtValue.CreateTensorValueFromMemory(data, shape));

    /// <summary>Runs the model on the current input arrays and hands the float32 output to <paramref name="read"/> (valid only during the call).</summary>
    public T Run<T>(FloatTensorReader<T> read)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_inputs.Count != _session.InputCount)
            throw new ArgumentException(
                $"model inputs not given: {string.Join(", ", _session.Inputs.Where(i => !_inputs.ContainsKey(i.Name)))}.");

        if (_out is not null)
        {
            try
            {
                _session.RunBound(_binding);
                return read(new ReadOnlySpan<float>((float[])_out.Data), _out.Shape);
            }
            catch (OnnxRuntimeException)
            {
                // The output did not fit the learned shape: its shape depends on input values. Let ORT
                // allocate it from now on (a genuine error shows up again in the run below).
                _outputShapeVaries = true;
                ReleaseOutput();
            }
        }

        _binding.BindOutputToDevice(_output, OrtMemoryInfo.DefaultInstance);
        using var results = _session.RunBoundWithResults(_binding);
        var value = results.First();
        var info = value.GetTensorTypeAndShape();
        if (info.ElementDataType != Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float)
            throw new NotSupportedException($"output '{_output}' has ONNX element type {(int)info.ElementDataType}; a float32 output was expected.");
        var shape = info.Shape;
        var result = read(value.GetTensorDataAsSpan<float>(), shape);
        if (!_outputShapeVaries)
        {
            long count = 1;
            foreach (var d in shape) count *= d;
            _out = Make(new float[count], shape);
            _binding.BindOutput(_output, _out.Value);
        }
        return result;
    }

    private void ReleaseOutput()
    {
        if (_out is null) return;
        _binding.ClearBoundOutputs();
        _out.Dispose();
        _out = null;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _binding.Dispose();
        _out?.Dispose();
        foreach (var b in _inputs.Values) b.Dispose();
        _inputs.Clear();
    }
}
