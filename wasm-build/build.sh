#!/usr/bin/env bash
# Builds the two WebAssembly variants of the core and copies them to
# wasm-build/dist:
#   relu-core-simd.mjs   + relu-core-simd.wasm     (-msimd128, SIMD128 kernels)
#   relu-core-scalar.mjs + relu-core-scalar.wasm   (scalar kernels only)
#
# Environment (all optional):
#   RELU_WASM_BUILD_PREFIX  CMake build trees are <prefix>-simd and <prefix>-scalar
#                           (default: build/wasm, i.e. build/wasm-simd, build/wasm-scalar)
#   RELU_BUILD_TESTS        ON to also build the GoogleTest suites for Node (default OFF)
#   RELU_WASM_TARGETS       what to build in each tree (default: everything when
#                           RELU_BUILD_TESTS=ON, else relu_core); scripts/test.sh
#                           builds relu_core first and the test suites later
#   RELU_WASM_VARIANTS      which variants to build (default: "simd scalar")
#   JOBS                    parallel build jobs (default 2)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
prefix="${RELU_WASM_BUILD_PREFIX:-build/wasm}"
tests="${RELU_BUILD_TESTS:-OFF}"
variants="${RELU_WASM_VARIANTS:-simd scalar}"
jobs="${JOBS:-2}"
if [ "$tests" = ON ]; then targets="${RELU_WASM_TARGETS:-all}"; else targets="${RELU_WASM_TARGETS:-relu_core}"; fi
dist="$root/wasm-build/dist"

# Debian's emscripten needs Node to find acorn for its JS optimiser.
export NODE_PATH="${NODE_PATH:+$NODE_PATH:}/usr/share/nodejs"

for tool in emcmake emcc cmake; do
  command -v "$tool" >/dev/null || { echo "build.sh: $tool not found (install emscripten or activate emsdk)" >&2; exit 1; }
done

mkdir -p "$dist"
cd "$root"
for variant in $variants; do
  case "$variant" in
    simd) simd=ON ;;
    scalar) simd=OFF ;;
    *) echo "build.sh: unknown variant '$variant' (simd or scalar)" >&2; exit 1 ;;
  esac
  tree="$prefix-$variant"
  echo "== $variant: configuring $tree"
  emcmake cmake -S . -B "$tree" -DCMAKE_BUILD_TYPE=Release \
    -DRELU_WASM_SIMD="$simd" -DRELU_BUILD_TESTS="$tests" >/dev/null
  echo "== $variant: building"
  # shellcheck disable=SC2086 # a list of targets
  cmake --build "$tree" -j "$jobs" --target $targets
  for ext in mjs wasm; do
    cp "$tree/cpp/bindings/relu-core-$variant.$ext" "$dist/"
  done
  echo "== $variant: $(stat -c %s "$dist/relu-core-$variant.wasm") bytes of wasm"
done
echo "== done: $dist"
