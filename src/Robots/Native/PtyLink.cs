namespace Harness.Robots.Native;

/// <summary>
/// A pseudo-terminal reachable at a path the user chose (a symbolic link to its slave device), so
/// tools are pointed at a stable name such as /tmp/so101 instead of /dev/pts/N. The link is
/// removed on dispose.
/// </summary>
public sealed class PtyLink : IDisposable
{
    private PtyLink(PseudoTerminal terminal, string linkPath)
    {
        Terminal = terminal;
        LinkPath = linkPath;
    }

    public PseudoTerminal Terminal { get; }
    public string LinkPath { get; }

    /// <summary>
    /// Opens a pty and links it at <paramref name="linkPath"/>. A stale symbolic link there is
    /// replaced; anything else (a file, a directory, a device) is refused rather than destroyed.
    /// </summary>
    public static PtyLink Open(string linkPath)
    {
        linkPath = Path.GetFullPath(linkPath);
        var info = new FileInfo(linkPath);
        if (info.LinkTarget is not null) info.Delete();
        else if (info.Exists || Directory.Exists(linkPath))
            throw new IOException(
                $"cannot create the serial link at {linkPath}: a file or directory already exists there and is not a symbolic link; " +
                "choose another --link path or remove it.");
        string? parent = Path.GetDirectoryName(linkPath);
        if (parent is not null && !Directory.Exists(parent))
            throw new DirectoryNotFoundException($"cannot create the serial link at {linkPath}: folder {parent} does not exist.");

        var terminal = PseudoTerminal.Open();
        try
        {
            File.CreateSymbolicLink(linkPath, terminal.SlavePath);
            return new PtyLink(terminal, linkPath);
        }
        catch
        {
            terminal.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        // Remove the link only if it still points at our terminal (someone may have replaced it).
        var info = new FileInfo(LinkPath);
        if (info.LinkTarget == Terminal.SlavePath) info.Delete();
        Terminal.Dispose();
    }
}
