#!/usr/bin/env bash
# Whole-process figures of the speed budget (docs/performance.md), measured on the release build:
#   - `pyexam check` and `pyexam list`, with hyperfine (installed from Debian's packages if missing)
#   - launch to the first drawn exam screen, key press to redrawn screen, CPU while an exam sits
#     idle for 30 s, and peak memory during a PCPP1 mock, with /work/shared/tools/tui-probe
#     (a private tmux server; needs tmux >= 3.2 and python3)
# and prints one table comparing each figure with its budget.
#
# Usage: scripts/bench-cli.sh [--quick]     (--quick: fewer runs, 10 s idle window)
# Environment: CARGO_TARGET_DIR (default: target), TUI_PROBE (default: the shared tools copy),
#              IDLE_SECS (default 30), RUNS (default 5).
set -euo pipefail

cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
IDLE_SECS=${IDLE_SECS:-30}
if [ "${1:-}" = "--quick" ]; then
  RUNS=3
  IDLE_SECS=10
fi
TARGET=${CARGO_TARGET_DIR:-target}
BIN="$(pwd)/$TARGET/release/pyexam"
case "$TARGET" in /*) BIN="$TARGET/release/pyexam" ;; esac
TUI_PROBE=${TUI_PROBE:-/work/shared/tools/tui-probe}
[ -x "$TUI_PROBE" ] || TUI_PROBE="$(pwd)/../shared/tools/tui-probe"

if ! command -v hyperfine >/dev/null; then
  echo "hyperfine not found: installing it from Debian's packages" >&2
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update && apt-get install -y hyperfine
  else
    sudo apt-get update && sudo apt-get install -y hyperfine
  fi
fi
for tool in tmux python3; do
  command -v "$tool" >/dev/null || { echo "bench-cli: $tool is required" >&2; exit 1; }
done
[ -x "$TUI_PROBE" ] || { echo "bench-cli: tui-probe not found (set TUI_PROBE)" >&2; exit 1; }

echo "building the release binary ($BIN)" >&2
nice -n 10 cargo build --release --quiet

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# ---- whole-process CLI timings -------------------------------------------------------------
"$BIN" check >/dev/null 2>&1 || echo "warning: pyexam check exits non-zero (bank problems); timing it anyway" >&2
hyperfine --shell=none --warmup 10 --runs 100 --ignore-failure \
  --export-json "$WORK/cli.json" \
  --command-name check "$BIN check" \
  --command-name list "$BIN list" >&2

# Peak memory of the plain commands, for reference.
/usr/bin/time -f "%M" -o "$WORK/check.rss" "$BIN" check >/dev/null 2>&1 || true

# ---- the exam in a terminal ----------------------------------------------------------------
# A PCEP mock at 80x24: launch -> header; 30 s idle with the countdown running; then key
# presses, each timed until its effect is on screen. The run ends by submitting, which clears
# the journal so the next run can start a new exam in the same home folder.
probe() { "$TUI_PROBE" --quiet --repeat "$RUNS" --warmup 1 "$@"; }

mkdir -p "$WORK/home-pcep"
probe --size 80x24 --env "PYEXAM_HOME=$WORK/home-pcep" --label pcep \
  --ready 'Item 1/30' --idle "$IDLE_SECS" \
  --key Right 'Item 2/30' \
  --key Left 'Item 1/30' \
  --key 1 '\(•\)|\[x\]' \
  --key f '⚑ flagged' \
  --key g 'Enter jumps' \
  --key g 'Item 1/30.*\n(?![\s\S]*Enter jumps)' \
  --key s 'Submit the exam' \
  --key y 'PASSED' \
  -- "$BIN" exam pcep --seed 1 >"$WORK/pcep.jsonl"

# Idle at 250x80 too: a bigger frame is redrawn every second.
mkdir -p "$WORK/home-wide"
probe --size 250x80 --env "PYEXAM_HOME=$WORK/home-wide" --label wide \
  --ready 'Item 1/30' --idle "$IDLE_SECS" \
  --key Right 'Item 2/30' \
  --key s 'Submit the exam' \
  --key y 'PASSED' \
  -- "$BIN" exam pcep --seed 1 >"$WORK/wide.jsonl"

# A whole PCPP1 mock at 100x30: every item visited, the navigator, submit, results, review.
keys=()
for i in $(seq 2 45); do keys+=(--key Right "Item $i/45"); done
mkdir -p "$WORK/home-pcpp1"
probe --size 100x30 --env "PYEXAM_HOME=$WORK/home-pcpp1" --label pcpp1 \
  --ready 'Item 1/45' --idle 0 --key-gap 0.02 \
  "${keys[@]}" \
  --key g 'Enter jumps' \
  --key Escape 'Item 45/45.*\n(?![\s\S]*Enter jumps)' \
  --key s 'Submit the exam' \
  --key y 'PASSED' \
  --key r 'Review PCPP' \
  -- "$BIN" exam pcpp1 --seed 1 >"$WORK/pcpp1.jsonl"

# ---- the table -----------------------------------------------------------------------------
python3 - "$WORK" "$IDLE_SECS" <<'PY'
import json, os, statistics, sys

work, idle_secs = sys.argv[1], float(sys.argv[2])

def summary(name):
    with open(os.path.join(work, name)) as f:
        for line in f:
            row = json.loads(line)
            if row.get("type") == "summary":
                return row["metrics"]
    raise SystemExit(f"no summary in {name}")

def med(metrics, key):
    m = metrics.get(key)
    return None if m is None else m["median"]

cli = {r["command"]: r for r in json.load(open(os.path.join(work, "cli.json")))["results"]}
pcep, wide, pcpp1 = summary("pcep.jsonl"), summary("wide.jsonl"), summary("pcpp1.jsonl")

def keys_of(metrics):
    return sorted(
        (k for k in metrics if k.startswith("key") and k.endswith("_ms") and not k.endswith("done_ms")),
        key=lambda k: int(k[3:-3]),
    )

def idle_pct(metrics):
    # idle_cpu_sched_ms (from /proc/<pid>/schedstat, ns resolution) when tui-probe has it;
    # idle_cpu_ms (utime+stime) counts whole 10 ms clock ticks only.
    cpu = med(metrics, "idle_cpu_sched_ms")
    if cpu is None:
        cpu = med(metrics, "idle_cpu_ms")
    return None if cpu is None else cpu / (idle_secs * 1000) * 100

pcep_keys = [med(pcep, k) for k in keys_of(pcep)]
pcpp1_keys = [med(pcpp1, k) for k in keys_of(pcpp1)]
all_keys = pcep_keys + pcpp1_keys
rss_kb = max(filter(None, [med(pcpp1, "peak_rss_kb"), med(pcep, "peak_rss_kb")]))
check_rss = open(os.path.join(work, "check.rss")).read().split()[-1]

rows = [
    ("pyexam check, whole process (median)", cli["check"]["median"] * 1000, 25, "ms"),
    ("pyexam list, whole process (median)", cli["list"]["median"] * 1000, 15, "ms"),
    ("launch -> first exam screen, 80x24 (header shown)", med(pcep, "ready_ms"), 50, "ms"),
    ("launch -> first exam screen, 80x24 (frame complete)", med(pcep, "ready_done_ms"), 50, "ms"),
    ("launch -> first exam screen, 250x80 (header shown)", med(wide, "ready_ms"), 50, "ms"),
    ("key press -> redrawn screen, median of all keys", statistics.median(all_keys), 5, "ms"),
    ("key press -> redrawn screen, slowest key (median)", max(all_keys), 5, "ms"),
    (f"idle CPU, exam 80x24, {idle_secs:.0f} s countdown", idle_pct(pcep), 0.1, "%"),
    (f"idle CPU, exam 250x80, {idle_secs:.0f} s countdown", idle_pct(wide), 0.1, "%"),
    ("peak RSS (VmHWM), PCPP1 mock to review", rss_kb / 1024, 20, "MB"),
]
loads = [med(m, "loadavg1") for m in (pcep, wide, pcpp1)]
print()
print(f"{os.cpu_count()} CPUs; 1-min load average during the tui-probe runs: "
      + ", ".join(f"{l:.1f}" for l in loads if l is not None)
      + " (figures are wall-clock: a busy machine inflates them)")
print(f"{'figure':<54} {'measured':>10} {'budget':>9}  verdict")
print("-" * 84)
for name, value, budget, unit in rows:
    if value is None:
        print(f"{name:<54} {'n/a':>10} {'<' + str(budget) + ' ' + unit:>9}  -")
        continue
    ok = "ok" if value < budget else "MISSES"
    shown = f"{value:.3f} {unit}" if unit == "%" else f"{value:.1f} {unit}"
    print(f"{name:<54} {shown:>10} {'<' + str(budget) + ' ' + unit:>9}  {ok}")
print()
for name in ("check", "list"):
    r = cli[name]
    print(f"{name}: mean {r['mean']*1000:.1f} ms ± {r['stddev']*1000:.1f}, min {r['min']*1000:.1f} ms, "
          f"CPU user {r['user']*1000:.1f} + sys {r['system']*1000:.1f} ms")
print(f"check peak RSS {int(check_rss)/1024:.1f} MB")
names = ["Right", "Left", "1", "f", "g", "g", "s", "y"]
print("pcep keys (median ms): " + ", ".join(f"{n} {v:.1f}" for n, v in zip(names, pcep_keys)))
print(f"pcpp1: 44 x Right median {statistics.median(pcpp1_keys[:44]):.1f} ms, "
      f"max {max(pcpp1_keys[:44]):.1f} ms; then g, Esc, s, y, r: "
      + ", ".join(f"{v:.1f}" for v in pcpp1_keys[44:]))
for label, m in (("80x24", pcep), ("250x80", wide)):
    extra = {k: med(m, k) for k in m if k.startswith("idle_")}
    print(f"idle {label}: " + ", ".join(f"{k}={v:g}" for k, v in sorted(extra.items())))
PY
