namespace Harness.Policies.Remote.Msgpack;

/// <summary>A value that knows its own msgpack form (numpy arrays and scalars).</summary>
public interface IMsgpackWritable
{
    void WriteTo(MsgpackWriter writer);
}
