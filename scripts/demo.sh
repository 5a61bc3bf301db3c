#!/usr/bin/env bash
# The main job, end to end on this machine with no AWS account: what a new user runs, command by command.
# Today: check the example application's manifests offline. Each step prints the command it runs.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cli="$root/bin/run.js"

run() {
  printf '\n$ mycopilot %s\n' "$*"
  node "$cli" "$@"
}

cd "$root/examples/hello"
run manifest validate
run manifest validate copilot/web/manifest.yml --env prod
printf '\nDone: every manifest of examples/hello is valid.\n'
