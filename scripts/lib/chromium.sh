# shellcheck shell=bash
# Debian's Chromium for the browser tests; Playwright never downloads a browser build.

chromium_setup() {
  local bin="${CHROMIUM_PATH:-/usr/bin/chromium}"
  if [ ! -x "$bin" ]; then
    [ "$(id -u)" = 0 ] || die "Chromium is missing: install Debian's package ('sudo apt-get install chromium'), then run again"
    info "installing Chromium from Debian's packages"
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y -q chromium >/tmp/ai-conformance-apt.log 2>&1; then
      apt-get update -q >>/tmp/ai-conformance-apt.log 2>&1 || true
      apt-get install -y -q chromium >>/tmp/ai-conformance-apt.log 2>&1 ||
        die "could not install Chromium with apt-get (log: /tmp/ai-conformance-apt.log)"
    fi
  fi
  export CHROMIUM_PATH="$bin"
  export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
}
