namespace Harness.Core.IO;

/// <summary>
/// Files replaced whole: written under a temporary name beside the target, then renamed over it, so
/// a reader (or a run cut short) never sees half a file.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="text"/> (UTF-8, no BOM) to <paramref name="path"/> atomically.</summary>
    public static void WriteAllText(string path, string text) => Replace(path, temp => File.WriteAllText(temp, text));

    /// <summary>Lets <paramref name="write"/> fill a temporary file beside <paramref name="path"/>, then renames it over the target.</summary>
    public static void Replace(string path, Action<string> write)
    {
        string temp = path + ".tmp";
        write(temp);
        File.Move(temp, path, overwrite: true);
    }
}
