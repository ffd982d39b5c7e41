using System.Runtime.InteropServices;

namespace Harness.Robots.Native;

/// <summary>
/// The few libc calls behind pseudo-terminals. Only this folder sees file descriptors as ints;
/// everything outside holds a <see cref="FileDescriptorHandle"/>.
/// </summary>
internal static unsafe partial class LibC
{
    private const string Lib = "libc";

    // Linux (x86-64 and arm64 share these values).
    internal const int O_RDWR = 0x2;
    internal const int O_NOCTTY = 0x100;
    internal const int O_CLOEXEC = 0x80000;
    internal const int TCSANOW = 0;
    internal const short POLLIN = 0x1;
    internal const short POLLERR = 0x8;
    internal const short POLLHUP = 0x10;
    internal const short POLLNVAL = 0x20;
    internal const int EINTR = 4;
    internal const int EAGAIN = 11;
    internal const int EIO = 5;

    /// <summary>glibc's struct termios is 60 bytes; a larger opaque buffer keeps us off its layout.</summary>
    internal const int TermiosBufferSize = 256;

    [StructLayout(LayoutKind.Sequential)]
    internal struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport(Lib, SetLastError = true)] internal static partial int posix_openpt(int flags);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int grantpt(int fd);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int unlockpt(int fd);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int ptsname_r(int fd, byte* buf, nuint buflen);
    [LibraryImport(Lib, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)] internal static partial int open(string path, int flags);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int close(int fd);
    [LibraryImport(Lib, SetLastError = true)] internal static partial nint read(int fd, byte* buf, nuint count);
    [LibraryImport(Lib, SetLastError = true)] internal static partial nint write(int fd, byte* buf, nuint count);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int poll(PollFd* fds, nuint nfds, int timeout);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int tcgetattr(int fd, byte* termios);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int tcsetattr(int fd, int optionalActions, byte* termios);
    [LibraryImport(Lib)] internal static partial void cfmakeraw(byte* termios);

    /// <summary>An exception carrying errno and the C library's text for it.</summary>
    internal static PtyException Error(string call, string what)
    {
        int errno = Marshal.GetLastPInvokeError();
        return new PtyException($"{call} failed while {what}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}).", errno);
    }
}
