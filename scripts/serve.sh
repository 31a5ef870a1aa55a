#!/usr/bin/env bash
# Sets up, builds and serves the playground on localhost (Vite dev server;
# it prints the address). PORT=5173 HOST=127.0.0.1 by default.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
exec npx vite --host "${HOST:-127.0.0.1}" --port "${PORT:-5173}" --strictPort
