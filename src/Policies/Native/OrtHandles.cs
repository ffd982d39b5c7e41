using System.Runtime.InteropServices;

namespace Harness.Policies.Native;

/// <summary>An owned ORT object, released through the matching OrtApi Release* entry.</summary>
internal abstract class OrtHandle : SafeHandle
{
    protected OrtHandle(IntPtr handle) : base(IntPtr.Zero, ownsHandle: true) => SetHandle(handle);

    public override bool IsInvalid => handle == IntPtr.Zero;

    public IntPtr Pointer => IsClosed ? throw new ObjectDisposedException(GetType().Name) : handle;
}

internal sealed unsafe class OrtEnvHandle(IntPtr h) : OrtHandle(h)
{
    protected override bool ReleaseHandle() { OrtRuntime.Api.ReleaseEnv(handle); return true; }
}

internal sealed unsafe class OrtSessionOptionsHandle(IntPtr h) : OrtHandle(h)
{
    protected override bool ReleaseHandle() { OrtRuntime.Api.ReleaseSessionOptions(handle); return true; }
}

internal sealed unsafe class OrtSessionHandle(IntPtr h) : OrtHandle(h)
{
    protected override bool ReleaseHandle() { OrtRuntime.Api.ReleaseSession(handle); return true; }
}

internal sealed unsafe class OrtValueHandle(IntPtr h) : OrtHandle(h)
{
    protected override bool ReleaseHandle() { OrtRuntime.Api.ReleaseValue(handle); return true; }
}

internal sealed unsafe class OrtMemoryInfoHandle(IntPtr h) : OrtHandle(h)
{
    protected override bool ReleaseHandle() { OrtRuntime.Api.ReleaseMemoryInfo(handle); return true; }
}

internal sealed unsafe class OrtTypeInfoHandle(IntPtr h) : OrtHandle(h)
{
    protected override bool ReleaseHandle() { OrtRuntime.Api.ReleaseTypeInfo(handle); return true; }
}

internal sealed unsafe class OrtTensorTypeAndShapeHandle(IntPtr h) : OrtHandle(h)
{
    protected override bool ReleaseHandle() { OrtRuntime.Api.ReleaseTensorTypeAndShapeInfo(handle); return true; }
}

internal sealed unsafe class OrtModelMetadataHandle(IntPtr h) : OrtHandle(h)
{
    protected override bool ReleaseHandle() { OrtRuntime.Api.ReleaseModelMetadata(handle); return true; }
}

internal sealed unsafe class OrtCudaProviderOptionsHandle(IntPtr h) : OrtHandle(h)
{
    protected override bool ReleaseHandle() { OrtRuntime.Api.ReleaseCUDAProviderOptions(handle); return true; }
}
