#!/usr/bin/env bash
# Regenerates the typed server (plugins/ai-conformance-backend/src/schema/openapi/generated) and
# the client (plugins/ai-conformance-common/src/schema/openapi/generated) from the backend's
# src/schema/openapi.yaml, the way Backstage does it:
#   backstage-repo-tools package schema openapi generate --server --client-package …
# repo-tools drives the OpenAPI Generator jar (version pinned in ./openapitools.json). The jar is
# never committed: it is fetched with Maven from Maven Central into the suite's cache when missing.
#
#   scripts/generate-api.sh           regenerate in place (yarn generate:api)
#   scripts/generate-api.sh --check   regenerate, compare with the committed files, restore them;
#                                     fails when they differ (CI, scripts/test.sh)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE_DIR="${AI_CONFORMANCE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ai-conformance-suite}"
BACKEND=plugins/ai-conformance-backend
CLIENT=plugins/ai-conformance-common
GENERATED=(
  "$BACKEND/src/schema/openapi/generated"
  "$BACKEND/src/schema/openapi/index.ts"
  "$CLIENT/src/schema/openapi/generated"
  "$CLIENT/src/schema/openapi/index.ts"
)

die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}
info() { printf '==> %s\n' "$*" >&2; }

mode=generate
case "${1:-}" in
  '') ;;
  --check) mode=check ;;
  *) die "usage: scripts/generate-api.sh [--check]" ;;
esac

version="$(node -p 'require(process.argv[1])["generator-cli"].version' "$ROOT/openapitools.json")"
storage="$CACHE_DIR/openapi-generator"
jar="$storage/$version.jar"

# The generator jar, from Maven's local repository in the cache (fetched once with mvn).
ensure_jar() {
  [ -s "$jar" ] && return 0
  command -v java >/dev/null 2>&1 || die "Java 11 or newer is needed to generate the API code (the OpenAPI Generator is a Java program): install it (Debian: apt-get install openjdk-17-jre-headless), then run again"
  command -v mvn >/dev/null 2>&1 || die "Maven is needed once to fetch the OpenAPI Generator $version jar: install it (Debian: apt-get install maven), then run again"
  local m2="$CACHE_DIR/m2"
  local cached="$m2/org/openapitools/openapi-generator-cli/$version/openapi-generator-cli-$version.jar"
  if [ ! -s "$cached" ]; then
    info "fetching openapi-generator-cli $version with Maven into $m2"
    mvn -q -B "-Dmaven.repo.local=$m2" dependency:get \
      "-Dartifact=org.openapitools:openapi-generator-cli:$version:jar" -Dtransitive=false ||
      die "Maven could not fetch org.openapitools:openapi-generator-cli:$version; check Maven's access to Maven Central, then run again"
  fi
  mkdir -p "$storage"
  cp "$cached" "$jar.tmp" && mv "$jar.tmp" "$jar"
}

# repo-tools' generator wrapper reads openapitools.json from $PWD: give it one whose storageDir
# is the cache, so it finds the jar there instead of downloading it.
run_generator() {
  local config_dir
  config_dir="$(mktemp -d)"
  node -e '
    const [src, dst, storage] = process.argv.slice(1);
    const config = require(src);
    config["generator-cli"].storageDir = storage;
    require("fs").writeFileSync(dst, JSON.stringify(config, null, 2));
  ' "$ROOT/openapitools.json" "$config_dir/openapitools.json" "$storage"
  local log="$config_dir/generate.log"
  # repo-tools reports a failed generation but still exits 0: look at what it printed.
  if ! (cd "$ROOT/$BACKEND" && PWD="$config_dir" OPENAPI_GENERATOR_CLI_SEARCH_URL=DEFAULT \
    "$ROOT/node_modules/.bin/backstage-repo-tools" package schema openapi generate \
    --server --client-package "$CLIENT") >"$log" 2>&1 ||
    grep -qi 'generation failed' "$log"; then
    cat "$log" >&2
    rm -rf "$config_dir"
    die "generating the API code from $BACKEND/src/schema/openapi.yaml failed (output above)"
  fi
  rm -rf "$config_dir"
  for path in "${GENERATED[@]}"; do
    [ -e "$ROOT/$path" ] || die "the generator did not write $path"
  done
}

ensure_jar
cd "$ROOT"

if [ "$mode" = generate ]; then
  run_generator
  info "generated: ${GENERATED[*]}"
  exit 0
fi

# --check: keep the committed files aside, regenerate, compare, and always put them back.
saved="$(mktemp -d)"
fresh="$(mktemp -d)"
restore() {
  for path in "${GENERATED[@]}"; do
    rm -rf "${ROOT:?}/$path"
    [ -e "$saved/$path" ] && mkdir -p "$(dirname "$ROOT/$path")" && cp -a "$saved/$path" "$ROOT/$path"
  done
  rm -rf "$saved" "$fresh"
}
trap restore EXIT
for path in "${GENERATED[@]}"; do
  if [ -e "$path" ]; then
    mkdir -p "$saved/$(dirname "$path")"
    cp -a "$path" "$saved/$path"
  fi
done
run_generator
for path in "${GENERATED[@]}"; do
  mkdir -p "$fresh/$(dirname "$path")"
  cp -a "$path" "$fresh/$path"
done
if ! diff -r -u "$saved" "$fresh" >&2; then
  die "the generated API code is out of date with $BACKEND/src/schema/openapi.yaml (diff above): run 'yarn generate:api' and commit the result"
fi
info "generated API code is up to date"
