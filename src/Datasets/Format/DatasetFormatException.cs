namespace Harness.Datasets.Format;

/// <summary>
/// A dataset file that cannot be used as it is: the message names the file, what was expected and
/// what was found, so the user can fix the file or the command.
/// </summary>
public sealed class DatasetFormatException : Exception
{
    public DatasetFormatException(string file, string message, Exception? inner = null)
        : base($"{file}: {message}", inner)
    {
        File = file;
    }

    /// <summary>The file (or folder) the problem is in.</summary>
    public string File { get; }
}
