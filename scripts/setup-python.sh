#!/usr/bin/env bash
# Installs what the answer-key verifier needs beyond python3's standard library: the
# third-party modules that bank items name in `requires:` (today: numpy, for pcpp1
# scientific-tools). Safe to run again; does nothing when they are present.
set -euo pipefail
python3 --version
missing=()
for module in numpy; do
  python3 -c "import $module" 2>/dev/null || missing+=("$module")
done
if [ ${#missing[@]} -gt 0 ]; then
  python3 -m pip install --quiet --disable-pip-version-check "${missing[@]}"
fi
