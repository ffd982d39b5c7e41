namespace Harness.Sim.Rendering;

/// <summary>Keyboard modifier flags (GLFW's values).</summary>
[Flags]
public enum KeyModifiers { None = 0, Shift = 1, Control = 2, Alt = 4, Super = 8 }

public enum MouseButton { Left = 0, Right = 1, Middle = 2 }

/// <summary>Input from a viewer window; X, Y are the cursor position in window pixels.</summary>
public abstract record ViewerInput(double X, double Y);

/// <summary>A key went down (or repeats while held). Key is GLFW's key code: printable keys are their upper-case ASCII code.</summary>
public sealed record KeyPressed(int Key, KeyModifiers Modifiers, bool Repeat, double X, double Y) : ViewerInput(X, Y)
{
    /// <summary>The character for printable keys ('A'..'Z', '0'..'9', ' ', ...), else null.</summary>
    public char? Char => Key is >= 32 and <= 96 ? (char)Key : null;
}

public sealed record MouseButtonChanged(MouseButton Button, bool Pressed, KeyModifiers Modifiers, double X, double Y) : ViewerInput(X, Y);

/// <summary>The cursor moved by (Dx, Dy) pixels while <see cref="Button"/> was held.</summary>
public sealed record MouseDragged(MouseButton Button, double Dx, double Dy, double X, double Y) : ViewerInput(X, Y);

public sealed record Scrolled(double Dx, double Dy, double X, double Y) : ViewerInput(X, Y);

/// <summary>GLFW key codes of non-printable keys viewers commonly use.</summary>
public static class ViewerKeys
{
    public const int Space = 32, Escape = 256, Enter = 257, Tab = 258, Backspace = 259;
    public const int Right = 262, Left = 263, Down = 264, Up = 265, PageUp = 266, PageDown = 267, Home = 268, End = 269;
}
