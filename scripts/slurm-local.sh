#!/usr/bin/env bash
# A real single-node Slurm on this machine, for `harness sweep --slurm` and its tests.
#   scripts/slurm-local.sh start   # idempotent: installs slurm-wlm + munge if missing, starts munged, slurmctld, slurmd
#   scripts/slurm-local.sh stop    # stops the daemons it started (by their PID files)
#   scripts/slurm-local.sh status
# No systemd: munged runs as the `munge` user with /run/munge created; SlurmctldHost is `hostname -s`;
# proctrack/linuxproc, task/none, no accounting; MinJobAge low so `sbatch --wait` polls every 2 s.
# State, logs and PID files live in $HARNESS_SLURM_DIR (default /var/tmp/harness-slurm); the config is
# /etc/slurm/slurm.conf, written only when absent or written by this script.
set -euo pipefail
STATE="${HARNESS_SLURM_DIR:-/var/tmp/harness-slurm}"
CONF=/etc/slurm/slurm.conf
MARK="# written by harness scripts/slurm-local.sh"
log() { printf '[slurm-local] %s\n' "$*" >&2; }
SUDO=""; [[ $(id -u) -eq 0 ]] || SUDO="sudo"

alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

install_packages() {
  local missing=()
  [[ -x /usr/sbin/slurmctld && -x /usr/sbin/slurmd && -x /usr/bin/sbatch ]] || missing+=(slurm-wlm)
  [[ -x /usr/sbin/munged ]] || missing+=(munge)
  if ((${#missing[@]})); then
    log "installing Debian packages: ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

write_config() {
  if [[ -f "$CONF" ]] && ! grep -qF "$MARK" "$CONF"; then
    log "$CONF exists and was not written by this script; refusing to replace it. Use that cluster, or move the file away."
    exit 1
  fi
  local host cpus mem
  host=$(hostname -s); cpus=$(nproc); mem=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 - 512 ))
  $SUDO mkdir -p /etc/slurm "$STATE/ctld" "$STATE/slurmd"
  $SUDO tee "$CONF" >/dev/null <<CONF
$MARK
ClusterName=harness
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
MinJobAge=4
ReturnToService=2
SlurmctldPort=6817
SlurmdPort=6818
StateSaveLocation=$STATE/ctld
SlurmdSpoolDir=$STATE/slurmd
SlurmctldPidFile=$STATE/slurmctld.pid
SlurmdPidFile=$STATE/slurmd.pid
SlurmctldLogFile=$STATE/slurmctld.log
SlurmdLogFile=$STATE/slurmd.log
NodeName=$host CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=harness Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
  # cgroup.conf is read by some plugins even when cgroups are not used.
  [[ -f /etc/slurm/cgroup.conf ]] || echo "$MARK" | $SUDO tee /etc/slurm/cgroup.conf >/dev/null
}

start_munge() {
  if pgrep -u munge -x munged >/dev/null; then return; fi
  $SUDO mkdir -p /run/munge /var/log/munge /var/lib/munge
  $SUDO chown munge:munge /run/munge /var/log/munge /var/lib/munge
  $SUDO chmod 0755 /run/munge
  if [[ ! -f /etc/munge/munge.key ]]; then
    $SUDO dd if=/dev/urandom of=/etc/munge/munge.key bs=1 count=1024 status=none
  fi
  $SUDO chown munge:munge /etc/munge/munge.key && $SUDO chmod 0400 /etc/munge/munge.key
  if [[ $(id -u) -eq 0 ]]; then runuser -u munge -- /usr/sbin/munged; else sudo -u munge /usr/sbin/munged; fi
  echo started > "$STATE/munged.ours"
}

wait_ready() {
  for _ in $(seq 1 100); do
    if sinfo -h -o '%T' 2>/dev/null | grep -qE '^(idle|mixed|allocated)'; then return 0; fi
    sleep 0.1
  done
  log "Slurm did not come up; see $STATE/slurmctld.log and $STATE/slurmd.log"
  tail -n 20 "$STATE/slurmctld.log" "$STATE/slurmd.log" >&2 || true
  return 1
}

case "${1:-}" in
  start)
    if alive "$STATE/slurmctld.pid" && alive "$STATE/slurmd.pid" && pgrep -u munge -x munged >/dev/null; then
      log "already running (slurmctld $(cat "$STATE/slurmctld.pid"), slurmd $(cat "$STATE/slurmd.pid"))"
      exit 0
    fi
    install_packages
    $SUDO mkdir -p "$STATE"
    write_config
    start_munge
    alive "$STATE/slurmctld.pid" || $SUDO /usr/sbin/slurmctld -i
    alive "$STATE/slurmd.pid" || $SUDO /usr/sbin/slurmd
    wait_ready
    # A node left DOWN by an earlier unclean stop is brought back.
    scontrol update NodeName="$(hostname -s)" State=RESUME >/dev/null 2>&1 || true
    log "running: slurmctld $(cat "$STATE/slurmctld.pid"), slurmd $(cat "$STATE/slurmd.pid"); partition 'harness' on $(hostname -s) with $(nproc) CPUs"
    ;;
  stop)
    for d in slurmd slurmctld; do
      if alive "$STATE/$d.pid"; then
        pid=$(cat "$STATE/$d.pid"); $SUDO kill "$pid"
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$pid" 2>/dev/null && $SUDO kill -9 "$pid"
        log "stopped $d ($pid)"
      fi
      $SUDO rm -f "$STATE/$d.pid"
    done
    if [[ -f "$STATE/munged.ours" ]] && alive /run/munge/munged.pid; then
      pid=$(cat /run/munge/munged.pid); $SUDO kill "$pid"; log "stopped munged ($pid)"
      $SUDO rm -f "$STATE/munged.ours"
    fi
    ;;
  status)
    alive "$STATE/slurmctld.pid" && alive "$STATE/slurmd.pid" && { sinfo; exit 0; }
    echo "not running"; exit 1
    ;;
  *)
    echo "usage: $0 start|stop|status" >&2; exit 2
    ;;
esac
