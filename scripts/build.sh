#!/usr/bin/env bash
# Builds everything a user needs: the native core and relu-train (build/native),
# the SIMD128 and scalar WebAssembly cores (wasm-build/dist) and the static
# page (web/dist, servable from any static host).
#   RELU_BUILD_TESTS=ON|OFF  also build the C++ test executables (default OFF here)
set -euo pipefail
cd "$(dirname "$0")/.."
export JOBS=${JOBS:-$(nproc)}
# emcc's JS optimiser finds acorn only here when Node is not Debian's.
export NODE_PATH=${NODE_PATH:-/usr/share/nodejs}
tests=${RELU_BUILD_TESTS:-OFF}

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "native core and relu-train (build/native)"
cmake --preset native -DRELU_BUILD_TESTS="$tests" >/dev/null
cmake --build --preset native -j "$JOBS"

step "WebAssembly cores (wasm-build/dist)"
RELU_BUILD_TESTS="$tests" bash wasm-build/build.sh

step "static page (web/dist)"
npx vite build --logLevel warn
