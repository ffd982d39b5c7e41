namespace Harness.Policies.Native;

/// <summary>Error codes of ONNX Runtime's OrtStatus (OrtErrorCode).</summary>
public enum OrtErrorCode
{
    Ok = 0, Fail = 1, InvalidArgument = 2, NoSuchFile = 3, NoModel = 4, EngineError = 5,
    RuntimeException = 6, InvalidProtobuf = 7, ModelLoaded = 8, NotImplemented = 9,
    InvalidGraph = 10, EpFail = 11,
}

/// <summary>A failed ONNX Runtime call, carrying ORT's own error code and message.</summary>
public class OnnxRuntimeException(string operation, OrtErrorCode code, string nativeMessage, string? advice = null)
    : Exception($"ONNX Runtime {operation} failed ({code}): {nativeMessage}" + (advice is null ? "" : " " + advice))
{
    public string Operation { get; } = operation;
    public OrtErrorCode Code { get; } = code;
    public string NativeMessage { get; } = nativeMessage;
}

/// <summary>The ONNX Runtime library (or a feature of it) cannot be loaded here.</summary>
public sealed class OnnxRuntimeUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
