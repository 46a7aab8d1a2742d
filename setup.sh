#!/usr/bin/env bash
# One-command set-up: a virtual environment in .venv with terrimatch and everything it needs.
set -euo pipefail
cd "$(dirname "$0")"
PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
# The CPU build of torch first: an unpinned torch (pulled by sentence-transformers) is a multi-GB CUDA build.
.venv/bin/python -m pip install --quiet "torch==2.13.0"
.venv/bin/python -m pip install --quiet -e ".[sbert,dev]"
echo "terrimatch is installed in .venv. Try: .venv/bin/terrimatch match \"Usine de panneaux en bois, 80 emplois\""
