using System.Text.RegularExpressions;

namespace Harness.Policies.Native;

/// <summary>Error codes of ONNX Runtime's OrtStatus (OrtErrorCode).</summary>
public enum OrtErrorCode
{
    Ok = 0, Fail = 1, InvalidArgument = 2, NoSuchFile = 3, NoModel = 4, EngineError = 5,
    RuntimeException = 6, InvalidProtobuf = 7, ModelLoaded = 8, NotImplemented = 9,
    InvalidGraph = 10, EpFail = 11,
}

/// <summary>A failed ONNX Runtime call, carrying ORT's own error code and message.</summary>
public class OnnxRuntimeException(string operation, OrtErrorCode code, string nativeMessage, string? advice = null, Exception? inner = null)
    : Exception($"ONNX Runtime {operation} failed ({code}): {nativeMessage}" + (advice is null ? "" : " " + advice), inner)
{
    public string Operation { get; } = operation;
    public OrtErrorCode Code { get; } = code;
    public string NativeMessage { get; } = nativeMessage;

    /// <summary>
    /// Wraps the C# API's exception. It carries the code only in its message ("[ErrorCode:Name] text",
    /// named by the C# API's own enum, which calls the C API's code 11 (ORT_EP_FAIL) "ShapeInferenceNotRegistered").
    /// </summary>
    internal static OnnxRuntimeException From(Microsoft.ML.OnnxRuntime.OnnxRuntimeException ex, string operation, string? advice = null)
    {
        var m = Regex.Match(ex.Message, @"^\[ErrorCode:(\w+)\]\s*(.*)$", RegexOptions.Singleline);
        string name = m.Success ? m.Groups[1].Value : "";
        var code = name == "ShapeInferenceNotRegistered" ? OrtErrorCode.EpFail
            : Enum.TryParse<OrtErrorCode>(name, out var c) ? c : OrtErrorCode.Fail;
        return new OnnxRuntimeException(operation, code, m.Success ? m.Groups[2].Value : ex.Message, advice, ex);
    }
}

/// <summary>The ONNX Runtime library (or a feature of it) cannot be loaded here.</summary>
public sealed class OnnxRuntimeUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
