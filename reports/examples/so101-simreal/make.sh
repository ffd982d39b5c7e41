#!/usr/bin/env bash
# Rebuilds this example: three checkpoints (the scripted expert and two faulty variants, recorded in
# simulation and replayed) evaluated in simulation, with the real run's latency in simulation, and on
# the virtual SO-101 bus whose gripper servo is torque-limited (a deliberately weaker "real" gripper);
# then `harness simreal` with two simulation variants. Run from the repository root.
set -euo pipefail
W=${W:-/tmp/so101-simreal}
OUT=${OUT:-reports/examples/so101-simreal}
H=./harness
rm -rf "$W" && mkdir -p "$W"
names=()
for v in scripted scripted:weak-grip scripted:wrong-goal; do
  n=${v#scripted:}; [ "$n" = scripted ] && n=expert
  names+=("$n")
  $H eval --scene so101-pick-place --policy "$v" --episodes 6 --seed 0 --out "$W/rec/$n" --record "$W/ds/$n" --record-cameras none >/dev/null
  $H eval --scene so101-pick-place --policy "replay:$W/ds/$n" --episodes 6 --seed 0 --out "$W/sim/$n" >/dev/null
done
$H sim-bus so101 --link "$W/so101" --seed 0 --no-cameras --torque-limit gripper=0.06 >"$W/sim-bus.log" 2>&1 &
BUS=$!
trap 'kill $BUS 2>/dev/null || true' EXIT
for _ in $(seq 60); do grep -q ready "$W/sim-bus.log" && break; sleep 1; done
$H real so101 calibrate --port "$W/so101" --auto --out "$W/cal.json" >/dev/null
for n in "${names[@]}"; do
  $H real so101 eval --port "$W/so101" --calibration "$W/cal.json" --policy "replay:$W/ds/$n" --episodes 6 --seed 0 \
    --out "$W/real/$n" --auto-label sim --reply-timeout-ms 200 >/dev/null
  $H eval --scene so101-pick-place --policy "replay:$W/ds/$n" --episodes 6 --seed 0 --out "$W/latency/$n" --latency-from "$W/real/$n" >/dev/null
done
$H simreal --sim "nominal=$W/sim" --sim "latency=$W/latency" --real "$W/real" --out "$OUT"
