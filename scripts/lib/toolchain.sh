# shellcheck shell=bash
# Toolchain bootstrap shared by ./run and .ci/run: Node 22/24 and yarn 4, nothing downloaded
# from anywhere but the npm registry the machine's npm is configured for.

NODE_BOOTSTRAP_VERSION="22.23.5"
YARN_RELEASE="$ROOT/.yarn/releases/yarn-4.13.0.cjs"
CACHE_DIR="${AI_CONFORMANCE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ai-conformance-suite}"

die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

info() {
  printf '==> %s\n' "$*" >&2
}

node_major() {
  "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0
}

node_package_name() {
  local os arch
  case "$(uname -s)" in
    Linux) os=linux ;;
    Darwin) os=darwin ;;
    *) die "unsupported operating system $(uname -s): install Node.js 22 or 24 yourself, then run again" ;;
  esac
  case "$(uname -m)" in
    x86_64 | amd64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) die "unsupported CPU $(uname -m): install Node.js 22 or 24 yourself, then run again" ;;
  esac
  echo "node-$os-$arch"
}

# Puts a Node 22/24 first on PATH, fetching Node 22 from the npm registry when none is installed.
ensure_node() {
  local system_node major
  system_node="$(command -v node || true)"
  if [ -n "$system_node" ]; then
    major="$(node_major "$system_node")"
    if [ "$major" = 22 ] || [ "$major" = 24 ]; then
      use_node_headers "$system_node"
      return 0
    fi
  fi

  local pkg dir
  pkg="$(node_package_name)"
  dir="$CACHE_DIR/$pkg-$NODE_BOOTSTRAP_VERSION"
  if [ ! -x "$dir/bin/node" ]; then
    command -v npm >/dev/null 2>&1 ||
      die "Node.js 22 or 24 is required and npm is missing to fetch it: install Node.js with npm (for example 'apt-get install nodejs npm'), then run again"
    info "Node ${major:-none} found; fetching Node $NODE_BOOTSTRAP_VERSION from the npm registry ($pkg) into $dir"
    local tmp
    tmp="$(mktemp -d)"
    if ! (cd "$tmp" && npm pack --silent "$pkg@$NODE_BOOTSTRAP_VERSION" >/dev/null 2>"$tmp/npm.log"); then
      rm -rf "$tmp"
      die "could not fetch Node $NODE_BOOTSTRAP_VERSION with 'npm pack $pkg@$NODE_BOOTSTRAP_VERSION': check access to the npm registry, or install Node.js 22 or 24 yourself"
    fi
    mkdir -p "$CACHE_DIR"
    rm -rf "$dir.partial" && mkdir -p "$dir.partial"
    tar -xzf "$tmp"/*.tgz -C "$dir.partial" --strip-components=1 || die "could not unpack $pkg into $dir"
    rm -rf "$tmp" "$dir" && mv "$dir.partial" "$dir"
  fi
  export PATH="$dir/bin:$PATH"
  use_node_headers "$dir/bin/node"
}

# Native modules (better-sqlite3) must build against the headers of the Node that runs them,
# which official builds, Debian's nodejs and the npm `node-linux-*` package all ship under
# <prefix>/include/node; pointing node-gyp there means it never tries to download them.
use_node_headers() {
  local prefix
  prefix="$(cd "$(dirname "$(readlink -f "$1")")/.." && pwd)"
  if [ -f "$prefix/include/node/node_version.h" ]; then
    export npm_config_nodedir="$prefix"
  fi
}

# Makes `yarn` on PATH run the release checked into the repository.
ensure_yarn() {
  [ -f "$YARN_RELEASE" ] || die "missing $YARN_RELEASE: the checkout is incomplete"
  # Per checkout (.yarn/bin is gitignored): a shim in the shared cache would point at whichever
  # clone ran ./run last.
  local bin="$ROOT/.yarn/bin"
  mkdir -p "$bin"
  printf '#!/bin/sh\nexec node "%s" "$@"\n' "$YARN_RELEASE" >"$bin/yarn.tmp.$$"
  chmod +x "$bin/yarn.tmp.$$" && mv "$bin/yarn.tmp.$$" "$bin/yarn"
  export PATH="$bin:$PATH"
  # Follow the registry the machine's npm is configured for, so no host name lives in the repo.
  if [ -z "${YARN_NPM_REGISTRY_SERVER:-}" ] && command -v npm >/dev/null 2>&1; then
    local registry
    registry="$(npm config get registry 2>/dev/null || true)"
    if [ -n "$registry" ] && [ "$registry" != "undefined" ]; then
      export YARN_NPM_REGISTRY_SERVER="${registry%/}"
    fi
  fi
  export YARN_ENABLE_TELEMETRY=0
  # Install scripts that phone home (analytics) have nowhere to go; don't let them try.
  export SCARF_ANALYTICS=false DO_NOT_TRACK=1
}

toolchain_setup() {
  ensure_node
  ensure_yarn
}

# Installs dependencies unless yarn.lock and every package.json are unchanged since the last install.
yarn_install() {
  local stamp="$ROOT/node_modules/.install-stamp" sum
  sum="$(cd "$ROOT" && cat yarn.lock package.json packages/*/package.json plugins/*/package.json 2>/dev/null | cksum)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ]; then
    return 0
  fi
  info "installing dependencies (yarn install)"
  local flags=()
  [ -n "${CI:-}" ] && flags+=(--immutable)
  (cd "$ROOT" && yarn install "${flags[@]}") || die "yarn install failed: see the messages above"
  printf '%s' "$sum" >"$stamp"
}

# Fails with one line when a TCP port on loopback is already taken.
require_free_port() {
  local port="$1" what="$2"
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    die "port $port ($what) is already in use: stop the process listening on it (see 'ss -ltnp | grep :$port'), then run again"
  fi
}
