#!/usr/bin/env bash
# The backend for the browser tests (started by playwright.config.ts): the three demo clusters
# (real control planes, packages/local-cluster) first, then the portal's backend evaluating them,
# so every view is tested against live verdicts. The demo clusters stop when the backend stops.
# AI_CONFORMANCE_DEMO=off starts the backend without them (the cluster-dependent tests then fail
# with a message saying so).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

configs=(--config "$ROOT/app-config.yaml" --config "$ROOT/e2e-tests/app-config.e2e.yaml")
if [ "${AI_CONFORMANCE_DEMO:-on}" != off ]; then
  command -v go >/dev/null 2>&1 || {
    echo "e2e: Go is required to start the demo clusters (packages/local-cluster); install Go or set AI_CONFORMANCE_DEMO=off" >&2
    exit 1
  }
  trap 'yarn cluster:demo:down >/dev/null 2>&1 || true' EXIT
  # A previous run killed hard may have left clusters behind: stop them first.
  yarn cluster:demo:down >/dev/null 2>&1 || true
  yarn cluster:demo
  configs+=(--config "$ROOT/.local-cluster/app-config.demo.yaml")
fi
# Not exec: the trap stops the demo clusters when Playwright stops the backend. They stop before
# the wait for the backend: Playwright kills what is left 60 s after its SIGTERM, and a backend's
# graceful shutdown on a busy machine took long enough that the clusters were never stopped.
yarn start backend "${configs[@]}" &
backend=$!
trap 'kill "$backend" 2>/dev/null; yarn cluster:demo:down >/dev/null 2>&1 || true; wait "$backend" 2>/dev/null' EXIT
trap 'exit 143' TERM INT
wait "$backend"
