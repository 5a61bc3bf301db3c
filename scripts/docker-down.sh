#!/usr/bin/env bash
# Stops the dockerd and registry that scripts/docker-up.sh started (by their PIDs) and removes their state dir.
set -euo pipefail

DIR=${MYCOPILOT_DOCKER_DIR:-/tmp/mycopilot-docker}
log() { echo "docker-down: $*" >&2; }

if [ ! -f "$DIR/.mycopilot-docker" ]; then
  log "nothing to stop ($DIR was not made by docker-up.sh)"
  exit 0
fi

# SIGTERM to every process at once (each takes a second or more to shut down), then wait for each, SIGKILL after
# the grace period. dockerd stops the containerd it started when it gets SIGTERM.
# A PID is only signalled while it still names the program docker-up.sh started (PIDs get reused).
pids=()
for entry in registry.pid:docker-registry dockerd.pid:dockerd dockerd.launch.pid:dockerd; do
  f=${entry%%:*} program=${entry#*:}
  [ -f "$DIR/$f" ] || continue
  pid=$(cat "$DIR/$f")
  [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$program" ] || continue
  if kill -TERM "$pid" 2>/dev/null; then pids+=("$pid"); fi
done
for pid in "${pids[@]}"; do
  for _ in $(seq 1 300); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "pid $pid ignored SIGTERM for 30s: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
done
# A killed dockerd can leave mounts under its data root; undo them before removing the directory.
grep -o " $DIR/[^ ]*" /proc/mounts 2>/dev/null | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
rm -rf "$DIR"
log "stopped; removed $DIR"
