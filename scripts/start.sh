#!/usr/bin/env bash
# Serves the portal: app on http://localhost:3000, backend on :7007, SQLite in memory.
# When Go is available, three demo clusters (real control planes, see packages/local-cluster)
# are started first, registered in the catalog, and stopped again when the portal stops.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/toolchain.sh
source "$ROOT/scripts/lib/toolchain.sh"
cd "$ROOT"

require_free_port 3000 "the portal's app"
require_free_port 7007 "the portal's backend"

configs=(--config "$ROOT/app-config.yaml")
demo=false
if [ "${AI_CONFORMANCE_DEMO:-auto}" != off ] && command -v go >/dev/null 2>&1; then
  info "starting the demo clusters (yarn cluster:demo; the first run builds Kubernetes from Go modules, about 12 minutes); set AI_CONFORMANCE_DEMO=off to skip"
  demo=true
  trap 'info "stopping the demo clusters"; yarn cluster:demo:down >/dev/null 2>&1 || true' EXIT
  yarn cluster:demo || die "the demo clusters did not start: see the messages above, or run with AI_CONFORMANCE_DEMO=off"
  configs+=(--config "$ROOT/.local-cluster/app-config.demo.yaml")
else
  info "starting the portal without demo clusters (Go is not installed, or AI_CONFORMANCE_DEMO=off); to add a cluster, register a Resource entity of type kubernetes-cluster and give the backend its credentials (see README.md, 'Adding clusters')"
fi

if [ "$demo" = true ]; then
  # Not exec: the trap above stops the demo clusters when the portal exits.
  yarn start "${configs[@]}" "$@"
else
  exec yarn start "${configs[@]}" "$@"
fi
