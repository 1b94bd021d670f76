#!/usr/bin/env bash
# Installs what the answer-key verifier needs beyond python3's standard library: the
# third-party modules that bank items name in `requires:` (numpy and matplotlib for pcpp1
# scientific-tools, requests for pcpp1 network), the pinned tools whose behaviour the keys
# state (mysql-connector-python, build/setuptools/wheel/packaging, pytest, black, flake8,
# pycodestyle/pydocstyle/pylint), Xvfb for `requires: [display]` (tkinter) and MariaDB for
# `requires: [mysql]`.
# Safe to run again; a no-op when everything is present.
set -euo pipefail
python3 --version
missing=()
for module in numpy requests matplotlib; do
  python3 -c "import $module" 2>/dev/null || missing+=("$module")
done
# PyYAML (a YAML 1.1 reader): tests/moodle.rs checks that imported banks load in it too.
python3 -c "import yaml" 2>/dev/null || missing+=("pyyaml")
# Pinned: lint codes, build output and connector errors are what the keys say they are.
pinned=(mysql-connector-python==26.10.0 build==1.6.1 setuptools==84.2.1 wheel==0.48.0 packaging==26.4 pycodestyle==2.15.0 pydocstyle==6.3.0 pylint==4.1.5 pytest==9.2.0 black==26.10.1 flake8==7.5.0)
for spec in "${pinned[@]}"; do
  have=$(python3 -c "import importlib.metadata as m; print(m.version('${spec%%==*}'))" 2>/dev/null || true)
  [ "$have" = "${spec##*==}" ] || missing+=("$spec")
done
if [ ${#missing[@]} -gt 0 ]; then
  python3 -m pip install --quiet --disable-pip-version-check "${missing[@]}"
fi
# Build matplotlib's font cache now, so the first verified plotting item stays within its
# 10-second limit.
MPLBACKEND=Agg python3 -c "import matplotlib.pyplot" >/dev/null
# tkinter items (`requires: [display]`) run under a private Xvfb, MySQL items under a private
# MariaDB (both started by the verifier). Without Xvfb the tkinter items are skipped; without
# MariaDB the MySQL items are skipped, except under CI (CI=true), where they fail.
packages=()
command -v Xvfb >/dev/null || packages+=(xvfb)
{ command -v mariadbd || [ -x /usr/sbin/mariadbd ]; } >/dev/null || packages+=(mariadb-server)
if [ ${#packages[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}"; } \
      || echo "setup-python.sh: could not install ${packages[*]}" >&2
  else
    echo "setup-python.sh: install ${packages[*]} (Debian packages); until then their items are skipped" >&2
  fi
fi
if ! { command -v mariadbd || [ -x /usr/sbin/mariadbd ]; } >/dev/null && [ -n "${CI:-}" ]; then
  echo "setup-python.sh: no MariaDB server (mariadbd); the MySQL items cannot be proven" >&2
  exit 1
fi
