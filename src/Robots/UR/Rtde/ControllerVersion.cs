namespace Harness.Robots.UR.Rtde;

/// <summary>The URControl version ('v' reply): major.minor.bugfix.build.</summary>
public sealed record ControllerVersion(uint Major, uint Minor, uint Bugfix, uint Build)
{
    public override string ToString() => $"{Major}.{Minor}.{Bugfix}.{Build}";
}
