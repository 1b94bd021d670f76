#!/usr/bin/env bash
# Installs what the answer-key verifier needs beyond python3's standard library: the
# third-party modules that bank items name in `requires:` (numpy and matplotlib for pcpp1
# scientific-tools, requests for pcpp1 network), PyYAML for the import tests, and Xvfb for
# `requires: [display]` (tkinter).
# Safe to run again; a no-op when present.
set -euo pipefail
python3 --version
missing=()
for module in numpy requests matplotlib; do
  python3 -c "import $module" 2>/dev/null || missing+=("$module")
done
# PyYAML (a YAML 1.1 reader): tests/moodle.rs checks that imported banks load in it too.
python3 -c "import yaml" 2>/dev/null || missing+=("pyyaml")
if [ ${#missing[@]} -gt 0 ]; then
  python3 -m pip install --quiet --disable-pip-version-check "${missing[@]}"
fi
# Build matplotlib's font cache now, so the first verified plotting item stays within its
# 10-second limit.
MPLBACKEND=Agg python3 -c "import matplotlib.pyplot" >/dev/null
# tkinter items (`requires: [display]`) run under a private Xvfb. Installing it is best effort:
# without it those items are reported as skipped, never as failed.
if ! command -v Xvfb >/dev/null; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq xvfb; } \
      || echo "setup-python.sh: could not install xvfb; tkinter items will be skipped" >&2
  else
    echo "setup-python.sh: Xvfb not found (install the xvfb package); tkinter items will be skipped" >&2
  fi
fi
