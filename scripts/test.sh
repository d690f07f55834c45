#!/usr/bin/env bash
# The whole test suite, as CI runs it: type checks, lint, unit and integration tests (SQLite and
# PostgreSQL, the local Kubernetes control plane), then the browser tests in Debian's Chromium.
# Every service the tests need is started here and stopped again on exit.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/toolchain.sh
source "$ROOT/scripts/lib/toolchain.sh"
# shellcheck source=lib/postgres.sh
source "$ROOT/scripts/lib/postgres.sh"
# shellcheck source=lib/chromium.sh
source "$ROOT/scripts/lib/chromium.sh"
cd "$ROOT"

started=$(date +%s)
step() { info "[$(($(date +%s) - started))s] $*"; }
has_script() { node -e 'process.exit(require("./package.json").scripts[process.argv[1]] ? 0 : 1)' "$1"; }

# The integration tests start and stop their own control planes (packages/local-cluster).
trap postgres_teardown EXIT

step "bootstrap error paths (scripts/test-bootstrap.sh)"
"$ROOT/scripts/test-bootstrap.sh"

step "generated API code matches openapi.yaml (yarn generate:api:check)"
yarn generate:api:check

step "type checking (yarn tsc)"
yarn tsc

step "lint (yarn lint:all)"
yarn lint:all

step "formatting (yarn prettier:check)"
yarn prettier:check || die "the files above are not formatted: run 'yarn prettier --write .' and commit the result"

step "API reports of the packages (yarn api-reports:check)"
yarn api-reports:check || die "the public API of a package changed or has warnings (see above): run 'yarn api-reports', review the report*.api.md changes and commit them"

step "unused dependencies (yarn knip-reports:check)"
yarn knip-reports:check || die "a package's knip report changed (see above): run 'yarn knip-reports', remove the unused dependencies it lists and commit"

step "services: PostgreSQL"
postgres_setup
export BACKSTAGE_TEST_DISABLE_DOCKER=1

if has_script cluster:build; then
  command -v go >/dev/null 2>&1 || die "Go is required for the integration tests (the local control plane is built from Go modules): install Go, then run again"
  step "services: building the local Kubernetes control plane (cached after the first run)"
  yarn cluster:build
  export AI_CONFORMANCE_INTEGRATION=required
fi

step "unit and integration tests (yarn test)"
yarn test --watchAll=false

if has_script test:faults; then
  step "fault-injection suite (yarn test:faults: probe chaos, memory soak, canary secrets, database faults)"
  yarn test:faults
fi

step "browser tests (Playwright in Debian's Chromium)"
chromium_setup
require_free_port 3000 "the portal's app, needed by the browser tests"
require_free_port 7007 "the portal's backend, needed by the browser tests"
yarn test:e2e

step "all tests passed"
