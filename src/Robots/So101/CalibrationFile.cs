using System.Text;
using System.Text.Json;
using Harness.Core.IO;

namespace Harness.Robots.So101;

/// <summary>
/// LeRobot's calibration file: a JSON object mapping each motor name to
/// <c>{id, drive_mode, homing_offset, range_min, range_max}</c>, written like Python's
/// <c>json.dump(..., indent=4)</c> (4-space indent, no trailing newline), so LeRobot and the
/// harness can use each other's files.
/// </summary>
public static class CalibrationFile
{
    private static readonly string[] Fields = ["id", "drive_mode", "homing_offset", "range_min", "range_max"];

    public static string ToJson(ArmCalibration calibration)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, IndentSize = 4, NewLine = "\n" }))
        {
            w.WriteStartObject();
            foreach (var m in calibration.Motors)
            {
                w.WriteStartObject(m.Motor);
                w.WriteNumber("id", m.Id);
                w.WriteNumber("drive_mode", m.DriveMode);
                w.WriteNumber("homing_offset", m.HomingOffset);
                w.WriteNumber("range_min", m.RangeMin);
                w.WriteNumber("range_max", m.RangeMax);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static ArmCalibration FromJson(string json, string source)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source} is not valid JSON ({e.Message}); expected a LeRobot calibration file.", e);
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new InvalidDataException($"{source}: expected a JSON object mapping motor names to calibrations.");
            var motors = new List<MotorCalibration>();
            foreach (var motor in doc.RootElement.EnumerateObject())
            {
                int Field(string name)
                {
                    if (motor.Value.ValueKind != JsonValueKind.Object || !motor.Value.TryGetProperty(name, out var v) || !v.TryGetInt32(out int i))
                        throw new InvalidDataException(
                            $"{source}: motor '{motor.Name}' needs an integer '{name}' (a LeRobot calibration has {string.Join(", ", Fields)}).");
                    return i;
                }
                var m = new MotorCalibration(motor.Name, Field("id"), Field("drive_mode"), Field("homing_offset"), Field("range_min"), Field("range_max"));
                if (m.RangeMin >= m.RangeMax)
                    throw new InvalidDataException(
                        $"{source}: motor '{m.Motor}' has range_min {m.RangeMin} >= range_max {m.RangeMax}; recalibrate (`harness real so101 calibrate`).");
                motors.Add(m);
            }
            return new ArmCalibration(motors);
        }
    }

    public static ArmCalibration Load(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"calibration file {path} does not exist; create it with `harness real so101 calibrate`, or point --calibration at LeRobot's file.", path);
        return FromJson(File.ReadAllText(path), path);
    }

    /// <summary>Writes atomically (temp file + rename): a reader never sees half a calibration.</summary>
    public static void Save(string path, ArmCalibration calibration)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        AtomicFile.WriteAllText(path, ToJson(calibration));
    }
}
