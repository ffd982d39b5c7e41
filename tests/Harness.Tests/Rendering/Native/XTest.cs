using System.Runtime.InteropServices;

namespace Harness.Tests.Rendering.Native;

/// <summary>Synthetic X input (libXtst) on a display, to drive a real GLFW window in tests.</summary>
internal sealed class XTest : IDisposable
{
    private readonly IntPtr _display;

    public XTest(string display)
    {
        _display = XOpenDisplay(display);
        if (_display == IntPtr.Zero) throw new InvalidOperationException($"cannot open X display {display}");
    }

    public void Move(int x, int y) { XTestFakeMotionEvent(_display, -1, x, y, 0); XSync(_display, 0); }

    public void Key(ulong keysym)
    {
        uint code = XKeysymToKeycode(_display, keysym);
        XTestFakeKeyEvent(_display, code, 1, 0);
        XTestFakeKeyEvent(_display, code, 0, 0);
        XSync(_display, 0);
    }

    public void Button(uint button, bool press) { XTestFakeButtonEvent(_display, button, press ? 1 : 0, 0); XSync(_display, 0); }

    public void Dispose() => XCloseDisplay(_display);

    [DllImport("libX11.so.6")] private static extern IntPtr XOpenDisplay([MarshalAs(UnmanagedType.LPUTF8Str)] string name);
    [DllImport("libX11.so.6")] private static extern int XCloseDisplay(IntPtr display);
    [DllImport("libX11.so.6")] private static extern byte XKeysymToKeycode(IntPtr display, ulong keysym);
    [DllImport("libX11.so.6")] private static extern int XSync(IntPtr display, int discard);
    [DllImport("libXtst.so.6")] private static extern int XTestFakeKeyEvent(IntPtr display, uint keycode, int isPress, ulong delay);
    [DllImport("libXtst.so.6")] private static extern int XTestFakeButtonEvent(IntPtr display, uint button, int isPress, ulong delay);
    [DllImport("libXtst.so.6")] private static extern int XTestFakeMotionEvent(IntPtr display, int screen, int x, int y, ulong delay);
}
