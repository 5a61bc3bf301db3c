#!/usr/bin/env bash
# The main job, end to end on this machine with no AWS account: the commands a new user runs, against a local
# AWS endpoint (moto on loopback) and, where a Docker engine can run, a private dockerd and registry, so the
# image is really built and pushed. Each step prints the command it runs. Everything started is stopped.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cli="$root/bin/run.js"
work="$(mktemp -d /tmp/mycopilot-demo.XXXXXX)"
moto_pid=""
started_docker=""

cleanup() {
  [ -n "$moto_pid" ] && kill "$moto_pid" 2>/dev/null || true
  [ -n "$started_docker" ] && "$root/scripts/docker-down.sh" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
run() {
  printf '\n$ mycopilot'
  printf ' %q' "$@"
  printf '\n'
  node "$cli" "$@"
}

# ---- a local AWS endpoint ----
if ! python3 -c 'import moto.server' 2>/dev/null; then
  say "installing moto (the local AWS endpoint)"
  pip install --quiet "moto[server]"
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 "$root/scripts/moto-server.py" 127.0.0.1 "$port" >"$work/moto.log" 2>&1 &
moto_pid=$!
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/moto-api/" >/dev/null && break; sleep 0.2; done
export AWS_ENDPOINT_URL="http://127.0.0.1:$port" AWS_REGION=us-west-2 AWS_ACCESS_KEY_ID=demo AWS_SECRET_ACCESS_KEY=demo
export MYCOPILOT_POLL_MS=200
say "local AWS endpoint: $AWS_ENDPOINT_URL"

# ---- a container engine and registry, where the machine allows one ----
build=yes
if [ "$(id -u)" = 0 ] && [ -z "${MYCOPILOT_DEMO_NO_DOCKER:-}" ]; then
  # moto's GetAuthorizationToken hands out this password; the local registry accepts it for user AWS.
  if env_lines=$(MYCOPILOT_REGISTRY_PASSWORD=123456789012-auth-token "$root/scripts/docker-up.sh" 2>"$work/docker.log"); then
    eval "$env_lines"
    started_docker=yes
    say "local Docker engine ($DOCKER_HOST) and registry ($MYCOPILOT_REGISTRY)"
  else
    build=no
  fi
else
  build=no
fi

# ---- the user's project: a directory with a Dockerfile ----
cd "$work" && mkdir -p project/web && cd project
cp "$root/examples/hello/web/Dockerfile" "$root/examples/hello/web/index.html" web/
if [ "$build" = yes ]; then
  cp "$(command -v busybox)" web/busybox
else
  say "no Docker engine can run here ($(tail -n 1 "$work/docker.log" 2>/dev/null || echo 'not root')): deploying an existing image instead of building one"
fi

say "1. start the application and describe its first service"
run app init hello
run env init --name test
if [ "$build" = yes ]; then
  run svc init --name web --svc-type "Load Balanced Web Service" --dockerfile web/Dockerfile --port 8080
else
  run svc init --name web --svc-type "Load Balanced Web Service" --image public.ecr.aws/nginx/nginx:1.27 --port 80
fi
run manifest validate

say "2. look at what will be deployed (offline)"
run svc package --name web --env test --output-dir infrastructure
ls -l infrastructure

say "3. deploy the environment, then the service"
run env deploy --name test
run svc deploy --name web --env test --tag demo

say "4. deploy again: nothing changed, so nothing is sent"
run svc deploy --name web --env test --tag demo

say "5. see what runs"
run svc status --name web --env test
run svc show --name web
run svc logs --name web --env test --since 1h
run app ls

say "Done: the application, its environment and the web service are deployed on the local endpoint."
