using System.Diagnostics;
using Harness.Robots.RealTime;

namespace Harness.Tests.Robots.RealTime;

public class ControlPacerTests
{
    [Test]
    public void Ticks_come_one_period_apart_on_the_monotonic_clock()
    {
        var pacer = new ControlPacer(50); // 20 ms
        pacer.Start();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < 10; i++) pacer.WaitForTick();
        Assert.That(clock.Elapsed.TotalMilliseconds, Is.GreaterThanOrEqualTo(199.0), "ten 20 ms periods cannot pass in under 200 ms");
        var timing = pacer.TakeTiming();
        Assert.That(timing.Periods, Is.EqualTo(10));
        Assert.That(pacer.TakeTiming(), Is.EqualTo(LoopTiming.Empty), "taking the timing starts a fresh record");
    }

    [Test]
    public void A_step_a_whole_period_late_is_a_deadline_miss_and_the_schedule_restarts_without_a_burst()
    {
        var pacer = new ControlPacer(20); // 50 ms
        pacer.Start();
        pacer.WaitForTick();
        Thread.Sleep(180); // the loop stalls for more than three periods
        pacer.WaitForTick();
        var clock = Stopwatch.StartNew();
        pacer.WaitForTick();
        Assert.That(clock.Elapsed.TotalMilliseconds, Is.GreaterThan(40), "after a miss the next tick is a full period later, not due at once");
        Assert.That(pacer.TakeTiming().DeadlineMisses, Is.GreaterThanOrEqualTo(1));
    }

    [Test]
    public void A_schedule_started_at_the_next_tick_does_not_count_the_time_before_it_as_a_miss()
    {
        var pacer = new ControlPacer(20); // 50 ms
        pacer.StartAtNextTick();
        Thread.Sleep(120); // the first chunk is inferred from the reset state: more than two periods
        var clock = Stopwatch.StartNew();
        pacer.WaitForTick();
        pacer.WaitForTick();
        Assert.That(clock.Elapsed.TotalMilliseconds, Is.GreaterThanOrEqualTo(99.0), "the first tick is one period after the schedule starts");
        Assert.That(pacer.TakeTiming().DeadlineMisses, Is.EqualTo(0));
    }

    [Test]
    public void A_schedule_started_before_a_long_first_inference_counts_it_as_a_miss()
    {
        var pacer = new ControlPacer(20); // 50 ms
        pacer.Start();
        Thread.Sleep(120);
        pacer.WaitForTick();
        Assert.That(pacer.TakeTiming().DeadlineMisses, Is.EqualTo(1));
    }
}
