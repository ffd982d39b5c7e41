using System.Runtime.InteropServices;

namespace Harness.Robots.Native;

/// <summary>An owned POSIX file descriptor, closed exactly once.</summary>
internal sealed class FileDescriptorHandle : SafeHandle
{
    private FileDescriptorHandle() : base(new IntPtr(-1), ownsHandle: true) { }

    public override bool IsInvalid => handle.ToInt64() < 0;

    internal static FileDescriptorHandle Own(int fd)
    {
        var h = new FileDescriptorHandle();
        h.SetHandle(new IntPtr(fd));
        return h;
    }

    protected override bool ReleaseHandle() => LibC.close((int)handle.ToInt64()) == 0;

    /// <summary>Keeps the descriptor alive (and its number valid) while a native call uses it.</summary>
    internal Lease Borrow() => new(this);

    internal readonly ref struct Lease
    {
        private readonly FileDescriptorHandle _owner;
        private readonly bool _added;

        public Lease(FileDescriptorHandle owner)
        {
            _owner = owner;
            _added = false;
            owner.DangerousAddRef(ref _added);
            Fd = (int)owner.DangerousGetHandle().ToInt64();
        }

        public int Fd { get; }

        public void Dispose()
        {
            if (_added) _owner.DangerousRelease();
        }
    }
}
