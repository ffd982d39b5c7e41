namespace Harness.Robots.Cameras;

/// <summary>A camera cannot deliver what the run needs (not found, wrong size or rate, stale, frozen); the message says what to do.</summary>
public sealed class CameraStreamException(string message, Exception? inner = null) : Exception(message, inner);
