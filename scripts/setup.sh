#!/usr/bin/env bash
# Installs what the build and the tests need and is missing: Debian packages
# (compilers, Emscripten, Eigen, nlohmann-json, GoogleTest, Chromium) and the
# npm dev dependencies (npm ci). Safe to run again: it only installs what is
# missing. Set RELU_SKIP_APT=1 to skip the Debian part (e.g. with your own emsdk).
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential cmake git
  emscripten            # emcc 3.1.6 on Debian 12; a current emsdk works too
  libeigen3-dev nlohmann-json3-dev googletest
  clang libclang-rt-14-dev   # libFuzzer, ASan and UBSan for scripts/fuzz.sh
  chromium              # real-browser tests through playwright-core
  firefox-esr           # the second engine, driven over WebDriver BiDi by puppeteer-core
  nodejs npm            # only used when no Node >= 20 is on PATH
)

log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "setup: need root (or sudo) to run: $*" >&2; exit 1
  fi
}

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "${RELU_SKIP_APT:-0}" != 1 ] && command -v dpkg-query >/dev/null; then
  missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    case "$pkg" in
      nodejs|npm) [ "$(node_major)" -ge 20 ] && continue ;;
    esac
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$pkg")
    fi
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

if [ "$(node_major)" -lt 20 ]; then
  echo "setup: Node >= 20 is required (found $(node --version 2>/dev/null || echo none))" >&2
  exit 1
fi

# npm ci only when package-lock.json changed since the last install.
stamp=node_modules/.relu-lock-stamp
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_hash" ]; then
  log "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_hash" > "$stamp"
fi
log "ready: $(cmake --version | head -1), $(emcc --version 2>/dev/null | head -1 | cut -c1-60), node $(node --version)"
