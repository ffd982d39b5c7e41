using Harness.Core.Randomness;
using Harness.Sim.Perturbations;

namespace Harness.Tests.Robustness;

/// <summary>Levels, edges and seeded values of an axis, without a simulator.</summary>
public class PerturbationRangeTests
{
    [Test]
    public void Levels_go_from_nominal_to_either_edge_of_a_two_sided_range()
    {
        var r = new PerturbationRange(1, 0.7, 1.3, "x");
        Assert.That(r.TwoSided, Is.True);
        Assert.That(r.Edges, Is.EqualTo(new[] { 0.7, 1.3 }));
        Assert.That(r.ValuesAt(0, 4), Is.EqualTo(new[] { 1.0 }), "level 0 is nominal whichever edge");
        Assert.That(r.ValueAt(1, 4, 0.7), Is.EqualTo(0.9).Within(1e-12));
        Assert.That(r.ValueAt(2, 4, 1.3), Is.EqualTo(1.2).Within(1e-12));
        Assert.That(r.ValueAt(3, 4, 0.7), Is.EqualTo(0.7).Within(1e-12));
        Assert.That(r.ValueAt(3, 4, 1.3), Is.EqualTo(1.3).Within(1e-12));
    }

    [Test]
    public void A_one_sided_range_heads_for_its_far_end()
    {
        var friction = new PerturbationRange(1, 0.1, 1, "x");
        Assert.That(friction.TwoSided, Is.False);
        Assert.That(friction.Edges, Is.EqualTo(new[] { 0.1 }));
        Assert.That(friction.ValuesAt(1, 4).Single(), Is.EqualTo(0.7).Within(1e-12));
        var push = new PerturbationRange(0, 0, 10, "N");
        Assert.That(push.ValuesAt(2, 5).Single(), Is.EqualTo(5).Within(1e-12));
    }

    [Test]
    public void Whole_number_axes_round_half_away_from_zero()
    {
        var latency = new PerturbationRange(0, 0, 6, "steps", Integer: true);
        Assert.That(Enumerable.Range(0, 4).Select(k => latency.ValuesAt(k, 4).Single()), Is.EqualTo(new double[] { 0, 2, 4, 6 }));
        Assert.That(Enumerable.Range(0, 5).Select(k => latency.ValuesAt(k, 5).Single()), Is.EqualTo(new double[] { 0, 2, 3, 5, 6 }), "1.5 -> 2, 4.5 -> 5");
        var materials = new PerturbationRange(0, 0, 2, "index", Integer: true);
        Assert.That(Enumerable.Range(0, 4).Select(k => materials.ValuesAt(k, 4).Single()), Is.EqualTo(new double[] { 0, 1, 1, 2 }));
    }

    [Test]
    public void Levels_need_nominal_and_an_edge()
    {
        var r = new PerturbationRange(0, 0, 1, "");
        Assert.That(() => r.ValueAt(0, 1, 1), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("--levels must be at least 2"));
        Assert.That(() => r.ValueAt(4, 4, 1), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("levels are 0..3"));
    }

    [Test]
    public void Draws_depend_on_the_episode_seed_and_the_axis_name_only()
    {
        // Pinned values: a string hash that changed between processes (string.GetHashCode) or a
        // generator that changed would move every perturbed episode of every recorded sweep.
        Assert.That(PerturbationSeeds.For(12345, "size").NextUInt64(), Is.EqualTo(PerturbationSeeds.For(12345, "size").NextUInt64()));
        Assert.That(PerturbationSeeds.For(12345, "size").NextDouble(), Is.EqualTo(0.87573867435866382).Within(1e-15));
        Assert.That(PerturbationSeeds.For(12345, "friction").NextDouble(), Is.Not.EqualTo(PerturbationSeeds.For(12345, "size").NextDouble()));
        Assert.That(PerturbationSeeds.For(12346, "size").NextDouble(), Is.Not.EqualTo(PerturbationSeeds.For(12345, "size").NextDouble()));
    }

    [Test]
    public void About_half_of_the_episodes_head_for_each_edge_and_keep_their_side_at_every_level()
    {
        var r = new PerturbationRange(1, 0.7, 1.3, "x");
        int low = 0;
        for (int i = 0; i < 400; i++)
        {
            int seed = EpisodeSeeds.For(0, i);
            double edge = r.EdgeFor(PerturbationSeeds.For(seed, "size"));
            if (edge == 0.7) low++;
            Assert.That(r.EdgeFor(PerturbationSeeds.For(seed, "size")), Is.EqualTo(edge));
        }
        Assert.That(low, Is.InRange(160, 240), "binomial(400, 1/2) stays within 4 standard deviations of 200");
    }
}
