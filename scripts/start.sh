#!/usr/bin/env bash
# Serves the portal: app on http://localhost:3000, backend on :7007, SQLite in memory.
# When Go is available, three demo clusters (real control planes, see packages/local-cluster)
# are started first and registered in the catalog.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/toolchain.sh
source "$ROOT/scripts/lib/toolchain.sh"
cd "$ROOT"

require_free_port 3000 "the portal's app"
require_free_port 7007 "the portal's backend"

configs=(--config "$ROOT/app-config.yaml")
if [ "${AI_CONFORMANCE_DEMO:-auto}" != off ] && command -v go >/dev/null 2>&1 && node -e 'process.exit(require("./package.json").scripts["cluster:demo"] ? 0 : 1)'; then
  info "starting the demo clusters (yarn cluster:demo); set AI_CONFORMANCE_DEMO=off to skip"
  yarn cluster:demo || die "the demo clusters did not start: see the messages above, or run with AI_CONFORMANCE_DEMO=off"
  [ -f .local-cluster/app-config.demo.yaml ] && configs+=(--config "$ROOT/.local-cluster/app-config.demo.yaml")
else
  info "starting the portal without demo clusters; to add a cluster, register a Resource entity of type kubernetes-cluster and give the backend its credentials (see README.md, 'Adding clusters')"
fi

exec yarn start "${configs[@]}" "$@"
