#!/usr/bin/env bash
# Starts a private dockerd and a registry on loopback for the container tests and the demo, installing what is
# missing first (Debian, as root). Prints the variables to use; `eval "$(scripts/docker-up.sh)"` sets them.
#
#   DOCKER_HOST                       the private dockerd's socket
#   DOCKER_CONFIG                     a docker client config under the state dir (logins stay out of ~/.docker)
#   MYCOPILOT_REGISTRY                127.0.0.1:PORT, where mycopilot pushes instead of ECR
#   MYCOPILOT_REGISTRY_PASSWORD_FILE  the registry password of user AWS (ECR's login user)
#
# Settings: MYCOPILOT_DOCKER_DIR (state dir, default /tmp/mycopilot-docker), MYCOPILOT_REGISTRY_PORT (default: a
# free port), MYCOPILOT_REGISTRY_PASSWORD (default: random; with moto use "<account>-auth-token", e.g.
# 123456789012-auth-token, which is the password moto's GetAuthorizationToken hands out).
# Running it again while both run prints the same variables. scripts/docker-down.sh stops both.
set -euo pipefail

DIR=${MYCOPILOT_DOCKER_DIR:-/tmp/mycopilot-docker}
MARK=.mycopilot-docker # only a directory holding this marker is ever cleaned up by these scripts
log() { echo "docker-up: $*" >&2; }
alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

if [ "$(id -u)" != 0 ]; then
  log "run as root: dockerd needs it (and apt-get, when something is missing)"
  exit 1
fi

# ---- install what is missing (nothing when all is there, so repeated runs cost nothing) ----
need=()
command -v dockerd >/dev/null || need+=(docker.io)
command -v docker >/dev/null || need+=(docker.io)
command -v docker-registry >/dev/null || need+=(docker-registry)
command -v htpasswd >/dev/null || need+=(apache2-utils)
# FROM scratch images need a statically linked busybox; Debian's busybox package is dynamically linked.
dpkg-query -W -f='${Status}' busybox-static 2>/dev/null | grep -q 'ok installed' || need+=(busybox-static)
if [ ${#need[@]} -gt 0 ]; then
  mapfile -t need < <(printf '%s\n' "${need[@]}" | sort -u)
  log "installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
fi

# ---- already running? ----
if alive "$DIR/dockerd.pid" && alive "$DIR/registry.pid" && [ -f "$DIR/env" ]; then
  log "already running ($DIR)"
  cat "$DIR/env"
  exit 0
fi
"$(dirname "$0")/docker-down.sh" >/dev/null 2>&1 || true # leftovers of a crashed run

mkdir -p "$DIR"
chmod 700 "$DIR"
touch "$DIR/$MARK"

# ---- registry: htpasswd user AWS, loopback only ----
umask 077
if [ -n "${MYCOPILOT_REGISTRY_PASSWORD:-}" ]; then
  printf '%s' "$MYCOPILOT_REGISTRY_PASSWORD" >"$DIR/registry-password"
else
  head -c 18 /dev/urandom | base64 | tr '+/' '-_' | tr -d '\n' >"$DIR/registry-password"
fi
htpasswd -iBc "$DIR/htpasswd" AWS <"$DIR/registry-password" 2>/dev/null # -i: password from stdin, not argv
PORT=${MYCOPILOT_REGISTRY_PORT:-$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")}
cat >"$DIR/registry.yml" <<YAML
version: 0.1
log: {level: warn, accesslog: {disabled: true}}
storage: {filesystem: {rootdirectory: $DIR/registry}, delete: {enabled: true}}
http: {addr: "127.0.0.1:$PORT", secret: $(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')}
auth: {htpasswd: {realm: mycopilot, path: $DIR/htpasswd}}
YAML
nohup docker-registry serve "$DIR/registry.yml" >"$DIR/registry.log" 2>&1 </dev/null &
echo $! >"$DIR/registry.pid"

# ---- dockerd: its own socket, data and config; no bridge, no iptables, so it touches no host networking ----
echo "{\"deprecated-key-path\": \"$DIR/key.json\"}" >"$DIR/daemon.json"
nohup dockerd --host "unix://$DIR/docker.sock" --data-root "$DIR/data" --exec-root "$DIR/exec" \
  --pidfile "$DIR/dockerd.pid" --config-file "$DIR/daemon.json" \
  --bridge none --iptables=false --ip6tables=false --ip-masq=false --userland-proxy=false \
  >"$DIR/dockerd.log" 2>&1 </dev/null &
echo $! >"$DIR/dockerd.launch.pid" # dockerd rewrites dockerd.pid itself; this one covers a failed start

# ---- wait for both ----
ready=
for _ in $(seq 1 300); do
  if ! kill -0 "$(cat "$DIR/dockerd.launch.pid")" 2>/dev/null; then break; fi
  if docker -H "unix://$DIR/docker.sock" version --format '{{.Server.Version}}' >/dev/null 2>&1; then ready=1; break; fi
  sleep 0.2
done
if [ -z "$ready" ]; then
  log "dockerd did not start; last lines of $DIR/dockerd.log:"
  tail -n 15 "$DIR/dockerd.log" >&2
  exit 1
fi
ready=
for _ in $(seq 1 100); do
  if ! alive "$DIR/registry.pid"; then break; fi
  if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then ready=1; break; fi
  sleep 0.1
done
if [ -z "$ready" ]; then
  log "the registry did not start; last lines of $DIR/registry.log:"
  tail -n 15 "$DIR/registry.log" >&2
  exit 1
fi

mkdir -p "$DIR/docker-config"
cat >"$DIR/env" <<ENV
export DOCKER_HOST=unix://$DIR/docker.sock
export DOCKER_CONFIG=$DIR/docker-config
export MYCOPILOT_REGISTRY=127.0.0.1:$PORT
export MYCOPILOT_REGISTRY_PASSWORD_FILE=$DIR/registry-password
ENV
log "dockerd (pid $(cat "$DIR/dockerd.pid")) and registry 127.0.0.1:$PORT (pid $(cat "$DIR/registry.pid")) are up; state in $DIR"
cat "$DIR/env"
