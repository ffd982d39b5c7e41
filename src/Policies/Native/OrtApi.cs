using System.Runtime.InteropServices;

namespace Harness.Policies.Native;

/// <summary>
/// The entries of ONNX Runtime's <c>OrtApi</c> function table that Harness uses. The table is an
/// append-only array of function pointers whose order is fixed by onnxruntime_c_api.h, so each
/// entry is read at its index (0-based, counted from the header) rather than through a struct.
/// Every function returning <c>OrtStatus*</c> returns null on success.
/// </summary>
internal sealed unsafe class OrtApi
{
    // Indices into the OrtApi table (onnxruntime_c_api.h, unchanged since the API version noted).
    private const int IdxGetErrorCode = 1;                         // v1
    private const int IdxGetErrorMessage = 2;                      // v1
    private const int IdxCreateEnv = 3;                            // v1
    private const int IdxCreateSession = 7;                        // v1
    private const int IdxCreateSessionFromArray = 8;               // v1
    private const int IdxRun = 9;                                  // v1
    private const int IdxCreateSessionOptions = 10;                // v1
    private const int IdxSetSessionGraphOptimizationLevel = 23;    // v1
    private const int IdxSetIntraOpNumThreads = 24;                // v1
    private const int IdxSetInterOpNumThreads = 25;                // v1
    private const int IdxSessionGetInputCount = 30;                // v1
    private const int IdxSessionGetOutputCount = 31;               // v1
    private const int IdxSessionGetInputTypeInfo = 33;             // v1
    private const int IdxSessionGetOutputTypeInfo = 34;            // v1
    private const int IdxSessionGetInputName = 36;                 // v1
    private const int IdxSessionGetOutputName = 37;                // v1
    private const int IdxCreateTensorWithDataAsOrtValue = 49;      // v1
    private const int IdxGetTensorMutableData = 51;                // v1
    private const int IdxCastTypeInfoToTensorInfo = 55;            // v1
    private const int IdxGetOnnxTypeFromTypeInfo = 56;             // v1
    private const int IdxGetTensorElementType = 60;                // v1
    private const int IdxGetDimensionsCount = 61;                  // v1
    private const int IdxGetDimensions = 62;                       // v1
    private const int IdxGetTensorTypeAndShape = 65;               // v1
    private const int IdxCreateCpuMemoryInfo = 69;                 // v1
    private const int IdxAllocatorFree = 76;                       // v1
    private const int IdxGetAllocatorWithDefaultOptions = 78;      // v1
    private const int IdxReleaseEnv = 92;                          // v1
    private const int IdxReleaseStatus = 93;                       // v1
    private const int IdxReleaseMemoryInfo = 94;                   // v1
    private const int IdxReleaseSession = 95;                      // v1
    private const int IdxReleaseValue = 96;                        // v1
    private const int IdxReleaseTypeInfo = 98;                     // v1
    private const int IdxReleaseTensorTypeAndShapeInfo = 99;       // v1
    private const int IdxReleaseSessionOptions = 100;              // v1
    private const int IdxSessionGetModelMetadata = 111;            // v2
    private const int IdxModelMetadataGetProducerName = 112;       // v2
    private const int IdxModelMetadataGetGraphName = 113;          // v2
    private const int IdxModelMetadataGetDomain = 114;             // v2
    private const int IdxModelMetadataGetDescription = 115;        // v2
    private const int IdxModelMetadataLookupCustomMetadataMap = 116; // v2
    private const int IdxModelMetadataGetVersion = 117;            // v2
    private const int IdxReleaseModelMetadata = 118;               // v2
    private const int IdxModelMetadataGetCustomMetadataMapKeys = 123; // v3
    private const int IdxGetAvailableProviders = 125;              // v3
    private const int IdxReleaseAvailableProviders = 126;          // v3
    private const int IdxSessionOptionsAppendExecutionProvider_CUDA_V2 = 204; // v11
    private const int IdxCreateCUDAProviderOptions = 205;          // v11
    private const int IdxUpdateCUDAProviderOptions = 206;          // v11
    private const int IdxReleaseCUDAProviderOptions = 208;         // v11

    /// <summary>The API version of onnxruntime_c_api.h in ONNX Runtime 1.30 (ORT_API_VERSION).</summary>
    public const uint HeaderApiVersion = 30;

    /// <summary>The oldest table that holds every entry above (the CUDA V2 entries arrived in 1.11).</summary>
    public const uint MinimumApiVersion = 11;

    public OrtApi(IntPtr table, uint version, string versionString, string libraryPath)
    {
        var t = (IntPtr*)table;
        Version = version;
        VersionString = versionString;
        LibraryPath = libraryPath;
        GetErrorCode = (delegate* unmanaged<IntPtr, int>)t[IdxGetErrorCode];
        GetErrorMessage = (delegate* unmanaged<IntPtr, byte*>)t[IdxGetErrorMessage];
        CreateEnv = (delegate* unmanaged<int, byte*, IntPtr*, IntPtr>)t[IdxCreateEnv];
        CreateSession = (delegate* unmanaged<IntPtr, byte*, IntPtr, IntPtr*, IntPtr>)t[IdxCreateSession];
        CreateSessionFromArray = (delegate* unmanaged<IntPtr, void*, nuint, IntPtr, IntPtr*, IntPtr>)t[IdxCreateSessionFromArray];
        Run = (delegate* unmanaged<IntPtr, IntPtr, IntPtr*, IntPtr*, nuint, IntPtr*, nuint, IntPtr*, IntPtr>)t[IdxRun];
        CreateSessionOptions = (delegate* unmanaged<IntPtr*, IntPtr>)t[IdxCreateSessionOptions];
        SetSessionGraphOptimizationLevel = (delegate* unmanaged<IntPtr, int, IntPtr>)t[IdxSetSessionGraphOptimizationLevel];
        SetIntraOpNumThreads = (delegate* unmanaged<IntPtr, int, IntPtr>)t[IdxSetIntraOpNumThreads];
        SetInterOpNumThreads = (delegate* unmanaged<IntPtr, int, IntPtr>)t[IdxSetInterOpNumThreads];
        SessionGetInputCount = (delegate* unmanaged<IntPtr, nuint*, IntPtr>)t[IdxSessionGetInputCount];
        SessionGetOutputCount = (delegate* unmanaged<IntPtr, nuint*, IntPtr>)t[IdxSessionGetOutputCount];
        SessionGetInputTypeInfo = (delegate* unmanaged<IntPtr, nuint, IntPtr*, IntPtr>)t[IdxSessionGetInputTypeInfo];
        SessionGetOutputTypeInfo = (delegate* unmanaged<IntPtr, nuint, IntPtr*, IntPtr>)t[IdxSessionGetOutputTypeInfo];
        SessionGetInputName = (delegate* unmanaged<IntPtr, nuint, IntPtr, IntPtr*, IntPtr>)t[IdxSessionGetInputName];
        SessionGetOutputName = (delegate* unmanaged<IntPtr, nuint, IntPtr, IntPtr*, IntPtr>)t[IdxSessionGetOutputName];
        CreateTensorWithDataAsOrtValue = (delegate* unmanaged<IntPtr, void*, nuint, long*, nuint, int, IntPtr*, IntPtr>)t[IdxCreateTensorWithDataAsOrtValue];
        GetTensorMutableData = (delegate* unmanaged<IntPtr, void**, IntPtr>)t[IdxGetTensorMutableData];
        CastTypeInfoToTensorInfo = (delegate* unmanaged<IntPtr, IntPtr*, IntPtr>)t[IdxCastTypeInfoToTensorInfo];
        GetOnnxTypeFromTypeInfo = (delegate* unmanaged<IntPtr, int*, IntPtr>)t[IdxGetOnnxTypeFromTypeInfo];
        GetTensorElementType = (delegate* unmanaged<IntPtr, int*, IntPtr>)t[IdxGetTensorElementType];
        GetDimensionsCount = (delegate* unmanaged<IntPtr, nuint*, IntPtr>)t[IdxGetDimensionsCount];
        GetDimensions = (delegate* unmanaged<IntPtr, long*, nuint, IntPtr>)t[IdxGetDimensions];
        GetTensorTypeAndShape = (delegate* unmanaged<IntPtr, IntPtr*, IntPtr>)t[IdxGetTensorTypeAndShape];
        CreateCpuMemoryInfo = (delegate* unmanaged<int, int, IntPtr*, IntPtr>)t[IdxCreateCpuMemoryInfo];
        AllocatorFree = (delegate* unmanaged<IntPtr, IntPtr, IntPtr>)t[IdxAllocatorFree];
        GetAllocatorWithDefaultOptions = (delegate* unmanaged<IntPtr*, IntPtr>)t[IdxGetAllocatorWithDefaultOptions];
        ReleaseEnv = (delegate* unmanaged<IntPtr, void>)t[IdxReleaseEnv];
        ReleaseStatus = (delegate* unmanaged<IntPtr, void>)t[IdxReleaseStatus];
        ReleaseMemoryInfo = (delegate* unmanaged<IntPtr, void>)t[IdxReleaseMemoryInfo];
        ReleaseSession = (delegate* unmanaged<IntPtr, void>)t[IdxReleaseSession];
        ReleaseValue = (delegate* unmanaged<IntPtr, void>)t[IdxReleaseValue];
        ReleaseTypeInfo = (delegate* unmanaged<IntPtr, void>)t[IdxReleaseTypeInfo];
        ReleaseTensorTypeAndShapeInfo = (delegate* unmanaged<IntPtr, void>)t[IdxReleaseTensorTypeAndShapeInfo];
        ReleaseSessionOptions = (delegate* unmanaged<IntPtr, void>)t[IdxReleaseSessionOptions];
        SessionGetModelMetadata = (delegate* unmanaged<IntPtr, IntPtr*, IntPtr>)t[IdxSessionGetModelMetadata];
        ModelMetadataGetProducerName = (delegate* unmanaged<IntPtr, IntPtr, IntPtr*, IntPtr>)t[IdxModelMetadataGetProducerName];
        ModelMetadataGetGraphName = (delegate* unmanaged<IntPtr, IntPtr, IntPtr*, IntPtr>)t[IdxModelMetadataGetGraphName];
        ModelMetadataGetDomain = (delegate* unmanaged<IntPtr, IntPtr, IntPtr*, IntPtr>)t[IdxModelMetadataGetDomain];
        ModelMetadataGetDescription = (delegate* unmanaged<IntPtr, IntPtr, IntPtr*, IntPtr>)t[IdxModelMetadataGetDescription];
        ModelMetadataLookupCustomMetadataMap = (delegate* unmanaged<IntPtr, IntPtr, byte*, IntPtr*, IntPtr>)t[IdxModelMetadataLookupCustomMetadataMap];
        ModelMetadataGetVersion = (delegate* unmanaged<IntPtr, long*, IntPtr>)t[IdxModelMetadataGetVersion];
        ReleaseModelMetadata = (delegate* unmanaged<IntPtr, void>)t[IdxReleaseModelMetadata];
        ModelMetadataGetCustomMetadataMapKeys = (delegate* unmanaged<IntPtr, IntPtr, IntPtr*, long*, IntPtr>)t[IdxModelMetadataGetCustomMetadataMapKeys];
        GetAvailableProviders = (delegate* unmanaged<IntPtr*, int*, IntPtr>)t[IdxGetAvailableProviders];
        ReleaseAvailableProviders = (delegate* unmanaged<IntPtr, int, IntPtr>)t[IdxReleaseAvailableProviders];
        SessionOptionsAppendExecutionProvider_CUDA_V2 = (delegate* unmanaged<IntPtr, IntPtr, IntPtr>)t[IdxSessionOptionsAppendExecutionProvider_CUDA_V2];
        CreateCUDAProviderOptions = (delegate* unmanaged<IntPtr*, IntPtr>)t[IdxCreateCUDAProviderOptions];
        UpdateCUDAProviderOptions = (delegate* unmanaged<IntPtr, byte**, byte**, nuint, IntPtr>)t[IdxUpdateCUDAProviderOptions];
        ReleaseCUDAProviderOptions = (delegate* unmanaged<IntPtr, void>)t[IdxReleaseCUDAProviderOptions];
    }

    public uint Version { get; }
    public string VersionString { get; }
    public string LibraryPath { get; }

    public readonly delegate* unmanaged<IntPtr, int> GetErrorCode;
    public readonly delegate* unmanaged<IntPtr, byte*> GetErrorMessage;
    public readonly delegate* unmanaged<int, byte*, IntPtr*, IntPtr> CreateEnv;
    public readonly delegate* unmanaged<IntPtr, byte*, IntPtr, IntPtr*, IntPtr> CreateSession;
    public readonly delegate* unmanaged<IntPtr, void*, nuint, IntPtr, IntPtr*, IntPtr> CreateSessionFromArray;
    public readonly delegate* unmanaged<IntPtr, IntPtr, IntPtr*, IntPtr*, nuint, IntPtr*, nuint, IntPtr*, IntPtr> Run;
    public readonly delegate* unmanaged<IntPtr*, IntPtr> CreateSessionOptions;
    public readonly delegate* unmanaged<IntPtr, int, IntPtr> SetSessionGraphOptimizationLevel;
    public readonly delegate* unmanaged<IntPtr, int, IntPtr> SetIntraOpNumThreads;
    public readonly delegate* unmanaged<IntPtr, int, IntPtr> SetInterOpNumThreads;
    public readonly delegate* unmanaged<IntPtr, nuint*, IntPtr> SessionGetInputCount;
    public readonly delegate* unmanaged<IntPtr, nuint*, IntPtr> SessionGetOutputCount;
    public readonly delegate* unmanaged<IntPtr, nuint, IntPtr*, IntPtr> SessionGetInputTypeInfo;
    public readonly delegate* unmanaged<IntPtr, nuint, IntPtr*, IntPtr> SessionGetOutputTypeInfo;
    public readonly delegate* unmanaged<IntPtr, nuint, IntPtr, IntPtr*, IntPtr> SessionGetInputName;
    public readonly delegate* unmanaged<IntPtr, nuint, IntPtr, IntPtr*, IntPtr> SessionGetOutputName;
    public readonly delegate* unmanaged<IntPtr, void*, nuint, long*, nuint, int, IntPtr*, IntPtr> CreateTensorWithDataAsOrtValue;
    public readonly delegate* unmanaged<IntPtr, void**, IntPtr> GetTensorMutableData;
    public readonly delegate* unmanaged<IntPtr, IntPtr*, IntPtr> CastTypeInfoToTensorInfo;
    public readonly delegate* unmanaged<IntPtr, int*, IntPtr> GetOnnxTypeFromTypeInfo;
    public readonly delegate* unmanaged<IntPtr, int*, IntPtr> GetTensorElementType;
    public readonly delegate* unmanaged<IntPtr, nuint*, IntPtr> GetDimensionsCount;
    public readonly delegate* unmanaged<IntPtr, long*, nuint, IntPtr> GetDimensions;
    public readonly delegate* unmanaged<IntPtr, IntPtr*, IntPtr> GetTensorTypeAndShape;
    public readonly delegate* unmanaged<int, int, IntPtr*, IntPtr> CreateCpuMemoryInfo;
    public readonly delegate* unmanaged<IntPtr, IntPtr, IntPtr> AllocatorFree;
    public readonly delegate* unmanaged<IntPtr*, IntPtr> GetAllocatorWithDefaultOptions;
    public readonly delegate* unmanaged<IntPtr, void> ReleaseEnv;
    public readonly delegate* unmanaged<IntPtr, void> ReleaseStatus;
    public readonly delegate* unmanaged<IntPtr, void> ReleaseMemoryInfo;
    public readonly delegate* unmanaged<IntPtr, void> ReleaseSession;
    public readonly delegate* unmanaged<IntPtr, void> ReleaseValue;
    public readonly delegate* unmanaged<IntPtr, void> ReleaseTypeInfo;
    public readonly delegate* unmanaged<IntPtr, void> ReleaseTensorTypeAndShapeInfo;
    public readonly delegate* unmanaged<IntPtr, void> ReleaseSessionOptions;
    public readonly delegate* unmanaged<IntPtr, IntPtr*, IntPtr> SessionGetModelMetadata;
    public readonly delegate* unmanaged<IntPtr, IntPtr, IntPtr*, IntPtr> ModelMetadataGetProducerName;
    public readonly delegate* unmanaged<IntPtr, IntPtr, IntPtr*, IntPtr> ModelMetadataGetGraphName;
    public readonly delegate* unmanaged<IntPtr, IntPtr, IntPtr*, IntPtr> ModelMetadataGetDomain;
    public readonly delegate* unmanaged<IntPtr, IntPtr, IntPtr*, IntPtr> ModelMetadataGetDescription;
    public readonly delegate* unmanaged<IntPtr, IntPtr, byte*, IntPtr*, IntPtr> ModelMetadataLookupCustomMetadataMap;
    public readonly delegate* unmanaged<IntPtr, long*, IntPtr> ModelMetadataGetVersion;
    public readonly delegate* unmanaged<IntPtr, void> ReleaseModelMetadata;
    public readonly delegate* unmanaged<IntPtr, IntPtr, IntPtr*, long*, IntPtr> ModelMetadataGetCustomMetadataMapKeys;
    public readonly delegate* unmanaged<IntPtr*, int*, IntPtr> GetAvailableProviders;
    public readonly delegate* unmanaged<IntPtr, int, IntPtr> ReleaseAvailableProviders;
    public readonly delegate* unmanaged<IntPtr, IntPtr, IntPtr> SessionOptionsAppendExecutionProvider_CUDA_V2;
    public readonly delegate* unmanaged<IntPtr*, IntPtr> CreateCUDAProviderOptions;
    public readonly delegate* unmanaged<IntPtr, byte**, byte**, nuint, IntPtr> UpdateCUDAProviderOptions;
    public readonly delegate* unmanaged<IntPtr, void> ReleaseCUDAProviderOptions;

    /// <summary>Turns a non-null OrtStatus into an exception (releasing the status).</summary>
    public void Check(IntPtr status, string operation, string? advice = null)
    {
        if (status == IntPtr.Zero) return;
        var code = (OrtErrorCode)GetErrorCode(status);
        string message = Marshal.PtrToStringUTF8((IntPtr)GetErrorMessage(status)) ?? "(no message)";
        ReleaseStatus(status);
        throw new OnnxRuntimeException(operation, code, message, advice);
    }
}
