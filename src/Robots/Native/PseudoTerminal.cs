using System.Text;

namespace Harness.Robots.Native;

/// <summary>
/// The master side of a Linux pseudo-terminal whose slave is in raw mode (no echo, no line editing,
/// no CR/LF translation), so a serial client on the slave sees exactly the bytes written here.
/// The slave stays open for the terminal's lifetime: clients can come and go without the master
/// seeing a hang-up between them.
/// </summary>
public sealed unsafe class PseudoTerminal : IDisposable
{
    private readonly FileDescriptorHandle _master;
    private readonly FileDescriptorHandle _slave;

    private PseudoTerminal(FileDescriptorHandle master, FileDescriptorHandle slave, string slavePath)
    {
        _master = master;
        _slave = slave;
        SlavePath = slavePath;
    }

    /// <summary>The device a client opens, e.g. /dev/pts/3.</summary>
    public string SlavePath { get; }

    public static PseudoTerminal Open()
    {
        int m = LibC.posix_openpt(LibC.O_RDWR | LibC.O_NOCTTY | LibC.O_CLOEXEC);
        if (m < 0) throw LibC.Error("posix_openpt", "creating a pseudo-terminal (is /dev/ptmx available and devpts mounted?)");
        var master = FileDescriptorHandle.Own(m);
        try
        {
            if (LibC.grantpt(m) != 0) throw LibC.Error("grantpt", "granting the pseudo-terminal");
            if (LibC.unlockpt(m) != 0) throw LibC.Error("unlockpt", "unlocking the pseudo-terminal");
            var name = new byte[256];
            fixed (byte* p = name)
            {
                int rc = LibC.ptsname_r(m, p, (nuint)name.Length);
                if (rc != 0) throw new PtyException($"ptsname_r failed with error {rc} while naming the pseudo-terminal's slave.", rc);
            }
            string slavePath = Encoding.UTF8.GetString(name, 0, Array.IndexOf(name, (byte)0));
            int s = LibC.open(slavePath, LibC.O_RDWR | LibC.O_NOCTTY | LibC.O_CLOEXEC);
            if (s < 0) throw LibC.Error("open", $"opening the slave {slavePath}");
            var slave = FileDescriptorHandle.Own(s);
            try
            {
                MakeRaw(s, slavePath);
                return new PseudoTerminal(master, slave, slavePath);
            }
            catch
            {
                slave.Dispose();
                throw;
            }
        }
        catch
        {
            master.Dispose();
            throw;
        }
    }

    private static void MakeRaw(int fd, string path)
    {
        byte* termios = stackalloc byte[LibC.TermiosBufferSize];
        if (LibC.tcgetattr(fd, termios) != 0) throw LibC.Error("tcgetattr", $"reading the terminal settings of {path}");
        LibC.cfmakeraw(termios);
        if (LibC.tcsetattr(fd, LibC.TCSANOW, termios) != 0) throw LibC.Error("tcsetattr", $"putting {path} in raw mode");
    }

    /// <summary>
    /// Waits up to <paramref name="timeout"/> for bytes from the client; returns how many were read,
    /// 0 when none arrived in time.
    /// </summary>
    public int Read(Span<byte> buffer, TimeSpan timeout)
    {
        using var lease = _master.Borrow();
        var pfd = new LibC.PollFd { Fd = lease.Fd, Events = LibC.POLLIN };
        int ms = (int)Math.Clamp(Math.Ceiling(timeout.TotalMilliseconds), 0, int.MaxValue);
        int ready = LibC.poll(&pfd, 1, ms);
        if (ready < 0)
        {
            if (System.Runtime.InteropServices.Marshal.GetLastPInvokeError() == LibC.EINTR) return 0;
            throw LibC.Error("poll", $"waiting for bytes on {SlavePath}");
        }
        if (ready == 0 || (pfd.Revents & LibC.POLLIN) == 0) return 0;
        fixed (byte* p = buffer)
        {
            nint n = LibC.read(lease.Fd, p, (nuint)buffer.Length);
            if (n < 0)
            {
                int errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
                if (errno is LibC.EINTR or LibC.EAGAIN) return 0;
                throw LibC.Error("read", $"reading from the master of {SlavePath}");
            }
            return (int)n;
        }
    }

    /// <summary>Writes all bytes towards the client.</summary>
    public void Write(ReadOnlySpan<byte> data)
    {
        using var lease = _master.Borrow();
        fixed (byte* p = data)
        {
            int done = 0;
            while (done < data.Length)
            {
                nint n = LibC.write(lease.Fd, p + done, (nuint)(data.Length - done));
                if (n < 0)
                {
                    if (System.Runtime.InteropServices.Marshal.GetLastPInvokeError() == LibC.EINTR) continue;
                    throw LibC.Error("write", $"writing to the master of {SlavePath}");
                }
                done += (int)n;
            }
        }
    }

    public void Dispose()
    {
        _slave.Dispose();
        _master.Dispose();
    }
}
