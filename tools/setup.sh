#!/usr/bin/env bash
# setup.sh: the main job on a fresh Debian 12 machine. Installs the dependencies, builds
# Trawl (release), indexes corpus/ into index/, and runs an example search.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)"
build/trawl-ingest
build/trawl-query "Winter Olympics"
