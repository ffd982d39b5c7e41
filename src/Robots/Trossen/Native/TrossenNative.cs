using System.Runtime.InteropServices;
using System.Text;

namespace Harness.Robots.Trossen.Native;

/// <summary>
/// Safe calls into the shim: handles in, typed results and exceptions out (a failing call throws
/// <see cref="TrossenArmException"/> with the driver's own text). No pointer leaves this folder.
/// </summary>
internal static unsafe class TrossenNative
{
    public static TrossenArmHandle Connect(TrossenShimLibrary shim, string ip, TrossenModel model, TrossenEndEffector endEffector, bool clearError, double timeoutSeconds)
    {
        var ipBytes = Encoding.UTF8.GetBytes(ip + "\0");
        IntPtr arm;
        int rc;
        fixed (byte* p = ipBytes) rc = shim.Connect(p, (int)model, (int)endEffector, clearError ? 1 : 0, timeoutSeconds, &arm);
        Check(shim, rc, $"connect to the arm controller at {ip}");
        return new TrossenArmHandle(shim, arm);
    }

    public static int NumJoints(TrossenShimLibrary shim, TrossenArmHandle h)
    {
        var n = new int[1];
        fixed (int* np = n)
        {
            int* p = np;
            Call(shim, h, a => shim.NumJoints(a, p), "read the number of joints");
        }
        return n[0];
    }

    public static string Text(TrossenShimLibrary shim, TrossenArmHandle h, TextQuery what)
    {
        var buf = new byte[1024];
        fixed (byte* b = buf)
        {
            var bp = b;
            Call(shim, h, a => what switch
            {
                TextQuery.DriverVersion => shim.DriverVersion(a, bp, buf.Length),
                TextQuery.ControllerVersion => shim.ControllerVersion(a, bp, buf.Length),
                _ => shim.ErrorInformation(a, bp, buf.Length),
            }, $"read the {what}");
        }
        int end = Array.IndexOf(buf, (byte)0);
        return Encoding.UTF8.GetString(buf, 0, end < 0 ? buf.Length : end);
    }

    public enum TextQuery { DriverVersion, ControllerVersion, ErrorInformation }

    public static void SetPositionMode(TrossenShimLibrary shim, TrossenArmHandle h) => Call(shim, h, a => shim.SetPositionMode(a), "switch the joints to position mode");
    public static void TorqueOff(TrossenShimLibrary shim, TrossenArmHandle h) => Call(shim, h, a => shim.TorqueOff(a), "switch the joints to idle (torque off)");
    public static void ClearError(TrossenShimLibrary shim, TrossenArmHandle h) => Call(shim, h, a => shim.ClearError(a), "clear the controller's error");

    public static void Read(TrossenShimLibrary shim, TrossenArmHandle h, double[] positions, double[] velocities, double[] efforts)
    {
        fixed (double* p = positions, v = velocities, e = efforts)
        {
            double* pp = p, vp = v, ep = e;
            Call(shim, h, a => shim.Read(a, pp, vp, ep, positions.Length), "read the joint states");
        }
    }

    public static void SetPositions(TrossenShimLibrary shim, TrossenArmHandle h, double[] goal, double goalTime, bool blocking)
    {
        fixed (double* g = goal)
        {
            double* gp = g;
            Call(shim, h, a => shim.SetPositions(a, gp, goal.Length, goalTime, blocking ? 1 : 0), "set the joint positions");
        }
    }

    public static void SetGripper(TrossenShimLibrary shim, TrossenArmHandle h, double position, double goalTime, bool blocking) =>
        Call(shim, h, a => shim.SetGripper(a, position, goalTime, blocking ? 1 : 0), "set the gripper position");

    public static void JointLimits(TrossenShimLibrary shim, TrossenArmHandle h, double[] min, double[] max, double[] velocity)
    {
        fixed (double* lo = min, hi = max, v = velocity)
        {
            double* l = lo, u = hi, vp = v;
            Call(shim, h, a => shim.JointLimits(a, l, u, vp, min.Length), "read the joint limits");
        }
    }

    private delegate int ArmCall(IntPtr arm);

    private static void Call(TrossenShimLibrary shim, TrossenArmHandle h, ArmCall call, string what)
    {
        bool added = false;
        try
        {
            h.DangerousAddRef(ref added);
            Check(shim, call(h.DangerousGetHandle()), what);
        }
        finally
        {
            if (added) h.DangerousRelease();
        }
    }

    private static void Check(TrossenShimLibrary shim, int rc, string what)
    {
        if (rc == 0) return;
        string text = shim.LastErrorText();
        throw rc switch
        {
            -1 => new TrossenArmException(TrossenErrorKind.Runtime, $"could not {what}: {text}"),
            -2 => new TrossenArmException(TrossenErrorKind.Usage, $"the Trossen driver refused to {what}: {text}"),
            _ => new TrossenArmException(TrossenErrorKind.Other, $"could not {what}: {text} (shim code {rc})"),
        };
    }
}
