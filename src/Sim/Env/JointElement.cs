using Harness.Core.Robots;

namespace Harness.Sim.Env;

/// <summary>
/// One state/action element of a simulated robot: its feature spec, where it lives in the model
/// (joint name and qpos address, actuator), and the linear maps between feature units and the simulator:
/// feature = <see cref="FeaturePerSim"/> * qpos + <see cref="FeatureOffset"/>, and
/// ctrl = <see cref="CtrlPerFeature"/> * feature + <see cref="CtrlOffset"/>.
/// </summary>
public sealed record JointElement(
    JointSpec Spec,
    string Joint,
    int QposAdr,
    int Actuator,
    double FeaturePerSim,
    double FeatureOffset,
    double CtrlPerFeature,
    double CtrlOffset)
{
    public double ToFeature(double qpos) => FeaturePerSim * qpos + FeatureOffset;

    public double ToSim(double feature) => (feature - FeatureOffset) / FeaturePerSim;

    public double ToCtrl(double feature) => CtrlPerFeature * feature + CtrlOffset;
}
