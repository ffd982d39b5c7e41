using NUnit.Framework;

namespace Harness.Tests.Reports;

/// <summary>A fresh folder under the test work directory, deleted when disposed.</summary>
public sealed class ScratchDir : IDisposable
{
    public string Path { get; }

    public ScratchDir()
    {
        Path = System.IO.Path.Combine(TestContext.CurrentContext.WorkDirectory, "reports-scratch", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Sub(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { /* a browser may still hold a file; the folder is scratch */ }
    }
}
