namespace Harness.Sim.Native;

/// <summary>Kinds of named MuJoCo objects (the shim maps them to this header's mjtObj).</summary>
public enum MjObject { Body = 0, Joint = 1, Geom = 2, Site = 3, Camera = 4, Actuator = 5, Key = 6, Sensor = 7, Light = 8, Material = 9 }
