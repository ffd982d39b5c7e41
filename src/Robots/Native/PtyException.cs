namespace Harness.Robots.Native;

/// <summary>A pseudo-terminal call failed; carries errno and the C library's explanation.</summary>
public sealed class PtyException(string message, int errno = 0) : IOException(message)
{
    public int Errno { get; } = errno;
}
