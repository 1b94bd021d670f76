#!/usr/bin/env bash
# Re-record the step view's traces (question-banks/traces/<exam>.json) with this machine's
# python3, after editing bank code or scripts/trace.py. Run scripts/setup-python.sh first so
# items that need numpy, requests or a display are traced too (others keep their old trace).
set -euo pipefail
cd "$(dirname "$0")/.."
PYEXAM_REFRESH_TRACES=1 cargo test --test traces -- --nocapture
