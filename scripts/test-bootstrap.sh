#!/usr/bin/env bash
# Tests of the toolchain bootstrap's error paths: each missing prerequisite must stop ./run with
# one line that names what is missing and how to get it. Runs without network access.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"; [ -n "${listener:-}" ] && kill "$listener" 2>/dev/null' EXIT

# A PATH with the basic tools but no Node and no npm.
mkdir -p "$work/bin"
for c in bash sh uname mktemp dirname readlink tar cat rm mv mkdir chmod printf cksum id ls sort tail basename gzip env; do
  ln -s "$(command -v "$c")" "$work/bin/$c"
done
run_isolated() {
  env -i HOME="$HOME" PATH="$work/bin" AI_CONFORMANCE_CACHE="$work/cache" "$work/bin/bash" "$ROOT/run" "$@" 2>&1
}

passed=0 failed=0
expect_error() {
  local name="$1" pattern="$2" output status
  shift 2
  output="$("$@")"
  status=$?
  if [ "$status" -ne 0 ] && [ "$(printf '%s\n' "$output" | grep -c '^error: ')" = 1 ] && printf '%s' "$output" | grep -q "$pattern"; then
    passed=$((passed + 1))
    echo "ok   $name"
  else
    failed=$((failed + 1))
    echo "FAIL $name (exit $status): $output"
  fi
}

expect_error "no node and no npm" "npm is missing" run_isolated yarn --version

# An old Node whose npm cannot reach the registry.
printf '#!/bin/sh\necho v16.20.0\n' >"$work/bin/node" && chmod +x "$work/bin/node"
printf '#!/bin/sh\necho "npm ERR! network request failed" >&2\nexit 1\n' >"$work/bin/npm" && chmod +x "$work/bin/npm"
expect_error "old node, registry unreachable" "could not fetch Node" run_isolated yarn --version

# A port that is already taken.
if command -v node >/dev/null 2>&1; then
  node -e 'require("net").createServer().listen(0, "127.0.0.1", function () { console.log(this.address().port); })' >"$work/port" &
  listener=$!
  for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
  port="$(cat "$work/port")"
  expect_error "port in use" "port $port .* already in use" bash -c "ROOT='$ROOT'; source '$ROOT/scripts/lib/toolchain.sh'; require_free_port $port 'a test server' 2>&1"
fi

# An installed Node 22: used as it is, and native modules build against its own headers.
mkdir -p "$work/node22/bin" "$work/node22/include/node"
printf '#!/bin/sh\necho 22\n' >"$work/node22/bin/node" && chmod +x "$work/node22/bin/node"
touch "$work/node22/include/node/node_version.h"
nodedir="$(env -i HOME="$HOME" PATH="$work/node22/bin:$work/bin" AI_CONFORMANCE_CACHE="$work/cache" \
  "$work/bin/bash" -c "ROOT='$ROOT'; source '$ROOT/scripts/lib/toolchain.sh'; ensure_node; printf %s \"\$npm_config_nodedir\"")"
if [ "$nodedir" = "$work/node22" ] && [ ! -d "$work/cache" ]; then
  passed=$((passed + 1))
  echo "ok   installed node 22 is used with its own headers"
else
  failed=$((failed + 1))
  echo "FAIL installed node 22: npm_config_nodedir='$nodedir'"
fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
