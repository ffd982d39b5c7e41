using System.Globalization;
using Harness.Core.Actions;

namespace Harness.Eval.Runs;

/// <summary>
/// <c>ik_failures.csv</c> of a run directory: one line per executed step whose end-effector target
/// the IK did not reach within tolerance (episode, step, chunk and row, position error in mm,
/// roll/pitch/yaw errors in degrees), appended and flushed as each episode ends, so the steps
/// behind episodes.csv's IK columns are never lost. Created with its first line; shared by workers.
/// </summary>
public sealed class IkFailureLog(string path) : IDisposable
{
    public const string FileName = "ik_failures.csv";
    public const string Header = "episode,step,chunk,row,position_error_mm,roll_error_deg,pitch_error_deg,yaw_error_deg";

    private readonly object _gate = new();
    private StreamWriter? _writer;

    public string Path => path;

    /// <summary>Removes the file of an earlier run in the same folder (an --overwrite run starts clean).</summary>
    public void RemoveStale()
    {
        lock (_gate) if (_writer is null) File.Delete(path);
    }

    public void Add(int episode, IReadOnlyList<IkFailedStep> failed)
    {
        if (failed.Count == 0) return;
        lock (_gate)
        {
            if (_writer is null)
            {
                _writer = new StreamWriter(path, append: false);
                _writer.WriteLine(Header);
            }
            foreach (var f in failed)
                _writer.WriteLine(string.Join(",", f.Episode, f.Step, f.ChunkIndex, f.ChunkRow,
                    Num(f.Error.PositionM * 1000), Num(Deg(f.Error.RollRad)), Num(Deg(f.Error.PitchRad)), Num(Deg(f.Error.YawRad))));
            _writer.Flush();
        }
    }

    private static double Deg(double rad) => rad * 180 / Math.PI;

    private static string Num(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    public void Dispose()
    {
        lock (_gate) _writer?.Dispose();
    }
}
