#!/usr/bin/env bash
# Whole-process figures of the speed budget (docs/performance.md), measured on the release build:
#   - `pyexam check` and `pyexam list`, with hyperfine (installed from Debian's packages if missing)
#   - launch to the first drawn exam screen, key press to redrawn screen, CPU while an exam sits
#     idle for 30 s, and peak memory during a PCPP1 mock, with /work/shared/tools/tui-probe
#     (a private tmux server; needs tmux >= 3.2 and python3)
# and prints one table comparing each figure with its budget.
#
#   - issue 31's figures: the first PCEP question at 100x30 (peak RSS, launch, next item, idle),
#     `history --json` peak memory and the menu's first screen over 1,000 and 10,000 attempts
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
  --ready 'Press Enter' --nav Enter 'Item 1/30' --idle "$IDLE_SECS" \
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
  --ready 'Press Enter' --nav Enter 'Item 1/30' --idle "$IDLE_SECS" \
  --key Right 'Item 2/30' \
  --key s 'Submit the exam' \
  --key y 'PASSED' \
  -- "$BIN" exam pcep --seed 1 >"$WORK/wide.jsonl"

# A whole PCPP1 mock at 100x30: every item visited, the navigator, submit, results, review.
keys=()
for i in $(seq 2 45); do keys+=(--key Right "Item $i/45"); done
mkdir -p "$WORK/home-pcpp1"
probe --size 100x30 --env "PYEXAM_HOME=$WORK/home-pcpp1" --label pcpp1 \
  --ready 'Press Enter' --nav Enter 'Item 1/45' --idle 0 --key-gap 0.02 \
  "${keys[@]}" \
  --key g 'Enter jumps' \
  --key Escape 'Item 45/45.*\n(?![\s\S]*Enter jumps)' \
  --key s 'Submit the exam' \
  --key y 'PASSED' \
  --key r 'Review PCPP' \
  -- "$BIN" exam pcpp1 --seed 1 >"$WORK/pcpp1.jsonl"

# The first question at 100x30 as issue 31 measured it (and the peer beside it): launch ->
# start screen, Enter -> item 1 (an item with code), 10 s idle, three item changes; peak RSS
# is the VmHWM at the end, from a fresh home each run.
probe --size 100x30 --label first --ready 'Press Enter' --nav Enter 'Item 1/30' --idle 10 \
  --key Right 'Item 2/30' --key Right 'Item 3/30' --key Right 'Item 4/30' \
  -- sh -c "rm -rf '$WORK/home-first'; PYEXAM_HOME='$WORK/home-first' exec '$BIN' exam pcep --seed 3" \
  >"$WORK/first.jsonl"

# History at 1,000 and 10,000 attempts (a PCEP mock each, written by examples/history_home.rs):
# peak memory of `history --json` (its second run: the first builds the index) and the
# menu's first screen.
nice -n 10 cargo build --release --quiet --example history_home
for n in 1000 10000; do
  "$(dirname "$BIN")/examples/history_home" "$WORK/home-$n" "$n"
  PYEXAM_HOME="$WORK/home-$n" "$BIN" history --json >/dev/null
  for _ in 1 2 3; do
    /usr/bin/time -f "%M" -a -o "$WORK/history-$n.rss" env PYEXAM_HOME="$WORK/home-$n" "$BIN" history --json >/dev/null
  done
  probe --size 100x30 --label "menu-$n" --ready PCEP --idle 0 \
    -- sh -c "PYEXAM_HOME='$WORK/home-$n' exec '$BIN'" >"$WORK/menu-$n.jsonl"
done

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

def idle_pct_of(metrics, secs):
    cpu = med(metrics, "idle_cpu_sched_ms")
    if cpu is None:
        cpu = med(metrics, "idle_cpu_ms")
    return None if cpu is None else cpu / (secs * 1000) * 100

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
    ("launch -> start screen, 80x24 (shown)", med(pcep, "ready_ms"), 50, "ms"),
    ("launch -> item 1 after Enter, 80x24", med(pcep, "launch_to_nav_done_ms"), 50, "ms"),
    ("launch -> item 1 after Enter, 250x80", med(wide, "launch_to_nav_done_ms"), 50, "ms"),
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

# Issue 31: side by side with the peer (its figures as the issue measured them, 100x30).
first = summary("first.jsonl")
def history_rss(n):
    values = [int(v) for v in open(os.path.join(work, f"history-{n}.rss")).read().split()]
    return statistics.median(values) / 1024
first_keys = [med(first, k) for k in keys_of(first)]
lean = [
    ("first question, launch -> item 1 (ms)", med(first, "launch_to_nav_done_ms"), "340-400", 50),
    ("next item, Right (median ms)", statistics.median(first_keys), "7-11", 3),
    ("idle CPU on item 1, 10 s (%)", idle_pct_of(first, 10), "99", 0.1),
    ("peak RSS at the first question (MiB)", med(first, "peak_rss_kb") / 1024, "52", 10.4),
    ("history --json, 1,000 attempts (MiB)", history_rss(1000), "-", 20),
    ("history --json, 10,000 attempts (MiB)", history_rss(10000), "-", 20),
    ("menu first screen, 1,000 attempts (ms)", med(summary("menu-1000.jsonl"), "ready_ms"), "-", 150),
    ("menu first screen, 10,000 attempts (ms)", med(summary("menu-10000.jsonl"), "ready_ms"), "-", 150),
]
print()
print(f"{'issue 31 figure':<44} {'pyexam':>9} {'peer':>9} {'target':>8}  verdict")
print("-" * 84)
for name, value, peer, target in lean:
    ok = "ok" if value < target else "MISSES"
    print(f"{name:<44} {value:>9.2f} {peer:>9} {'<' + str(target):>8}  {ok}")
names = ["Right", "Left", "1", "f", "g", "g", "s", "y"]
print("pcep keys (median ms): " + ", ".join(f"{n} {v:.1f}" for n, v in zip(names, pcep_keys)))
print(f"pcpp1: 44 x Right median {statistics.median(pcpp1_keys[:44]):.1f} ms, "
      f"max {max(pcpp1_keys[:44]):.1f} ms; then g, Esc, s, y, r: "
      + ", ".join(f"{v:.1f}" for v in pcpp1_keys[44:]))
for label, m in (("80x24", pcep), ("250x80", wide)):
    extra = {k: med(m, k) for k in m if k.startswith("idle_")}
    print(f"idle {label}: " + ", ".join(f"{k}={v:g}" for k, v in sorted(extra.items())))
PY
