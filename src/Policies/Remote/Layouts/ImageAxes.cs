namespace Harness.Policies.Remote.Layouts;

/// <summary>Axis order of an image array on the wire: rows x columns x channels, or channels first.</summary>
public enum ImageAxes { HWC, CHW }
