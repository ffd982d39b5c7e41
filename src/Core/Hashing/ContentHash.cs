using System.Security.Cryptography;
using System.Text;

namespace Harness.Core.Hashing;

/// <summary>
/// The sha256 of a set of files, independent of where they live: each file contributes its path
/// relative to the root (with '/') and its bytes, in ordinal order of the paths. Two folders with
/// the same files give the same hash; any changed byte, added or renamed file changes it.
/// </summary>
public static class ContentHash
{
    public static string OfFolder(string root) =>
        OfFiles(root, Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories));

    public static string OfFiles(string root, IEnumerable<string> files)
    {
        root = Path.GetFullPath(root);
        var entries = files.Select(f => (Rel: Path.GetRelativePath(root, Path.GetFullPath(f)).Replace('\\', '/'), Full: Path.GetFullPath(f)))
            .OrderBy(e => e.Rel, StringComparer.Ordinal);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        foreach (var (rel, full) in entries)
        {
            var name = Encoding.UTF8.GetBytes(rel);
            sha.AppendData(BitConverter.GetBytes((long)name.Length));
            sha.AppendData(name);
            using var stream = File.OpenRead(full);
            sha.AppendData(BitConverter.GetBytes(stream.Length));
            int n;
            while ((n = stream.Read(buffer)) > 0) sha.AppendData(buffer, 0, n);
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    public static string OfBytes(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
