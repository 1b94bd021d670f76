#!/usr/bin/env python3
"""Record a step-by-step run of bank items for pyexam's step view (docs/authoring.md, "Traces").

Standard library only. Usage:

    python3 scripts/trace.py ITEMS.json OUT_DIR

ITEMS.json is a list of {"id", "exam", "hash", "code", "files", "probe", "stdin", "display"} written by
`tests/traces.rs` (Python has no YAML parser, so the Rust side loads the banks). Each item runs
in its own python3 process, in a fresh temporary folder, with PYTHONHASHSEED=0, traced with
sys.settrace; the item's "files" ({name, code}) are written beside its main.py first, and
only main.py's lines are steps. OUT_DIR/<exam>.json gets one item per line, so the app can index the file
without parsing it:

    {"python":"3.11.7","format":1,"items":{
    "pcep-x-001":{"h":"<code hash>","n":23,"s":[step, ...]},
    "pcpp2-ipc-001":{"h":"<code hash>","why":"<why it has no trace>","u":1},
    ...

"u":1 marks an item whose code can step differently from run to run (see UNSTEADY).
    }}

A step is what the candidate sees before a line runs ("l", 1-based, 0 for the end), with:
  "k"  kind: absent for a line; "call", "ret", "yield", "exc" (raised here), "unwind" (the
       frame is left with that exception), "end"
  "d"  depth of the frame (0 = module); "f" its function name (call/ret/yield)
  "r"  the returned or yielded value; "x" the exception, "Type: message"
  "o"  what was printed since the previous step
  "v"  {name: repr or null (deleted)} changed in the frame at depth "d"
  "g"  the same for the module's globals, when "d" > 0
  "gap" steps left out before this one; such a step carries "full": every frame's variables
  "end" steps carry "x" when the program stopped with an uncaught exception.

Normalised so every Python from 3.10 to 3.13 records the same steps: comprehension and
generator-expression frames are never entered (3.12 inlines list/dict/set comprehensions),
names bound only as comprehension targets are never shown, a line event that repeats the
frame's previous line with nothing changed is dropped (3.12 re-enters the line on the
comprehension's backward jumps), reprs drop memory addresses, and sets show sorted.
"""

import ast
import concurrent.futures
import dis
import io
import json
import os
import re
import reprlib
import subprocess
import sys
import tempfile
import time
import types

FORMAT = 1
HEAD = 150  # steps kept from the start of a long run
TAIL = 50  # and from its end, with a marked gap between
MAX_EVENTS = 20000  # past this, tracing stops and the program runs on untraced
MAX_DEPTH = 25  # and past this many nested calls (a runaway recursion)
REPR_WIDTH = 60
OUTPUT_DELTA = 2000  # a step's printed text is cut to its last characters past this
TIME_LIMIT = 20
SKIPPED_FRAMES = {"<listcomp>", "<dictcomp>", "<setcomp>", "<genexpr>"}
FILENAME = "main.py"
ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
# Process and thread ids in reprs (`parent=1234`, `started 1406...`) differ on every run.
PROCESS_IDS = re.compile(r"\b(pid|parent|ident|native_id)=\d+|\b(started(?: daemon)?) \d+")
# Code that can step differently from run to run (ports, pids, timing, chance): such items
# are traced twice; values that differ show as VARIES, and a different sequence of steps
# leaves the item untraced.
UNSTEADY = re.compile(r"\b(threading|multiprocessing|socket|random|time|asyncio|concurrent|queue|"
                      r"subprocess|selectors|uuid|datetime|secrets|signal|tempfile|os)\b")
VARIES = "<varies>"
# A process's or thread's state in its repr (started, stopped exitcode=0) depends on when it
# is looked at, a socket's repr holds its fd and ports: keep only what is steady.
PROCESS_STATE = re.compile(r"<(\w*Process name='[^']*')[^>]*>")
THREAD_STATE = re.compile(r"<(\w*Thread|Timer)\(([^,()]*(?: \([^()]*\))?), [^)]*\)>")
SOCKET = re.compile(r"<socket\.socket [^>]*>")


def clean(text):
    """A repr without what changes from run to run: addresses, ids, states, ports."""
    text = ADDRESS.sub("", text).replace("__main__.", "")
    text = PROCESS_IDS.sub(lambda m: m.group(1) + "=…" if m.group(1) else m.group(2), text)
    text = PROCESS_STATE.sub(r"<\1>", text)
    text = THREAD_STATE.sub(r"<\1(\2)>", text)
    return SOCKET.sub("<socket>", text)


class ShortRepr(reprlib.Repr):
    """reprlib with insertion-ordered dicts, sorted sets and no addresses."""

    def __init__(self):
        super().__init__()
        self.maxlevel = 3
        self.maxdict = self.maxlist = self.maxtuple = 12
        self.maxset = self.maxfrozenset = self.maxdeque = self.maxarray = 12
        self.maxstring = REPR_WIDTH
        self.maxlong = 40
        self.maxother = REPR_WIDTH

    def repr_dict(self, x, level):
        if not x:
            return "{}"
        if level <= 0:
            return "{...}"
        parts = []
        for i, (k, v) in enumerate(x.items()):
            if i >= self.maxdict:
                parts.append("...")
                break
            parts.append(self.repr1(k, level - 1) + ": " + self.repr1(v, level - 1))
        return "{" + ", ".join(parts) + "}"

    def repr_instance(self, x, level):
        try:
            text = repr(x)
        except Exception as e:  # a user __repr__ may fail; show that, never crash
            return "<repr failed: %s>" % type(e).__name__
        text = clean(text)
        if len(text) > self.maxother:
            text = text[: self.maxother - 3] + "..."
        return text


SHORT = ShortRepr()


def short(value):
    try:
        text = SHORT.repr(value)
    except Exception as e:
        text = "<repr failed: %s>" % type(e).__name__
    text = clean(text)
    return text if len(text) <= REPR_WIDTH else text[: REPR_WIDTH - 1] + "…"


def comprehension_only_names(source):
    """Names bound only as comprehension targets: 3.12 shows them in the enclosing frame."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    targets, bound = set(), set()
    comprehension_targets = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.comprehension):
            for n in ast.walk(node.target):
                if isinstance(n, ast.Name):
                    comprehension_targets.add(id(n))
                    targets.add(n.id)
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            if id(node) not in comprehension_targets:
                bound.add(node.id)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
    return targets - bound


class Recorder:
    def __init__(self, visible_lines, hidden_names):
        self.visible_lines = visible_lines
        self.hidden = hidden_names
        self.printed = b""  # all stdout, read back at the end
        self.events = 0
        self.steps = []  # emitted steps, full records: (step dict, frames snapshot, out length)
        self.head = []
        self.tail = []
        self.total = 0
        self.last_line = {}  # depth -> line of the frame's previous line step
        self.frames = [["<module>", {}]]  # snapshot of the traced stack: [name, {var: repr}]
        self.globals_ns = None
        self.stopped = False

    # ---- what a frame shows -------------------------------------------------------------
    def visible_vars(self, ns, is_module):
        shown = {}
        for name, value in ns.items():
            if name.startswith("__") or name in self.hidden:
                continue
            if isinstance(value, types.ModuleType):
                continue
            if isinstance(value, (types.FunctionType, type)) and getattr(value, "__name__", None) == name:
                # A plain def or class statement: noise in the panel. A function held under
                # another name (a closure, an alias) is shown.
                if is_module or getattr(value, "__module__", None) == "__main__":
                    continue
            if isinstance(value, types.BuiltinFunctionType) and is_module:
                continue
            shown[name] = short(value)
        return shown

    def depth_of(self, frame):
        depth, f = 0, frame.f_back
        while f is not None:
            if f.f_code.co_filename == FILENAME and f.f_code.co_name not in SKIPPED_FRAMES:
                depth += 1
            f = f.f_back
        return depth

    # ---- the trace function -------------------------------------------------------------
    def forget(self):
        """In a forked child (multiprocessing): its steps are not the program's."""
        self.stopped = True
        sys.settrace(None)

    def trace(self, frame, event, arg):
        if self.stopped:
            frame.f_trace = None
            return None
        code = frame.f_code
        if code.co_filename != FILENAME or code.co_name in SKIPPED_FRAMES:
            return None
        self.events += 1
        if self.events > MAX_EVENTS:
            self.stop()
            return None
        depth = self.depth_of(frame)
        if depth > MAX_DEPTH:
            self.stop()
            return None
        if depth == 0 and event in ("call", "return"):
            return self.trace  # the module's own start and end are the first and "end" steps
        self.record(frame, event, arg, depth)
        return self.trace

    def stop(self):
        if not self.stopped:
            self.stopped = True
            sys.settrace(None)
            f = sys._getframe()
            while f is not None:
                f.f_trace = None
                f = f.f_back

    def record(self, frame, event, arg, depth):
        line = frame.f_lineno
        in_probe = line > self.visible_lines
        step = {}
        if event == "call":
            step["k"] = "call"
            step["f"] = self.name_of(frame)
        elif event == "return" and not (arg is None and self.last_emitted_exception_at(depth)):
            yielded = self.is_yield(frame)
            step["k"] = "yield" if yielded else "ret"
            step["f"] = self.name_of(frame)
            step["r"] = short(arg)
        elif event == "return" and arg is None and self.last_emitted_exception_at(depth):
            # Leaving with the exception (3.12+ reports it as PY_UNWIND, older as a return).
            step["k"] = "unwind"
            step["f"] = self.name_of(frame)
        elif event == "exception":
            kind, value, _ = arg
            step["k"] = "exc"
            step["x"] = describe(kind, value)
        is_module = depth == 0
        ns = frame.f_globals if is_module else frame.f_locals
        snapshot = self.visible_vars(ns, is_module)
        globals_now = None if is_module else self.visible_vars(frame.f_globals, True)
        if in_probe:
            return  # the probe runs but its lines are not the candidate's: changes carry on
        frames = [list(f) for f in self.frames[: depth + 1]]
        while len(frames) < depth + 1:
            frames.append(["…", {}])
        if event == "call":
            frames[depth] = [step["f"], {}]
        frames[depth][1] = snapshot
        if globals_now is not None:
            frames[0][1] = globals_now
        changed = diff(self.frames[depth][1] if depth < len(self.frames) and event != "call" else {}, snapshot)
        if globals_now is not None:
            g_changed = diff(self.frames[0][1] if self.frames else {}, globals_now)
        else:
            g_changed = {}
        printed = os.lseek(1, 0, os.SEEK_CUR)
        if event == "line":
            previous = self.last_line.get(depth)
            if previous == line and not changed and not g_changed and printed == self.printed_at():
                return
            self.last_line[depth] = line
        elif event == "call":
            self.last_line[depth] = None
        elif event == "exception" and self.last_emitted_same_exception(depth, step["x"]):
            return
        step["l"] = line
        step["d"] = depth
        self.emit(step, frames, printed)

    def printed_at(self):
        if self.tail:
            return self.tail[-1][2]
        if self.head:
            return self.head[-1][2]
        return 0

    def last_emitted_exception_at(self, depth):
        last = self.tail[-1] if self.tail else (self.head[-1] if self.head else None)
        return last is not None and last[0].get("k") == "exc" and last[0]["d"] == depth

    def last_emitted_same_exception(self, depth, text):
        last = self.tail[-1] if self.tail else (self.head[-1] if self.head else None)
        return last is not None and last[0].get("k") == "exc" and last[0]["d"] == depth and last[0]["x"] == text

    def emit(self, step, frames, printed):
        self.frames = frames
        record = (step, frames, printed)
        self.total += 1
        if len(self.head) < HEAD:
            self.head.append(record)
        else:
            self.tail.append(record)
            if len(self.tail) > TAIL:
                self.tail.pop(0)

    def name_of(self, frame):
        # co_name, not co_qualname: 3.10 has no qualified name, and every version must agree.
        return frame.f_code.co_name

    def is_yield(self, frame):
        if not frame.f_code.co_flags & (0x20 | 0x200 | 0x80):  # generator, async gen, coroutine
            return False
        try:
            return dis.opname[frame.f_code.co_code[frame.f_lasti]] == "YIELD_VALUE"
        except (IndexError, AttributeError):
            return False

    # ---- turning records into the file's steps -------------------------------------------
    def finish(self, uncaught, final_ns):
        text = self.printed
        steps, previous_frames, previous_out = [], [], 0
        records = list(self.head)
        gap = self.total - len(self.head) - len(self.tail)
        for i, (step, frames, printed) in enumerate(records + self.tail):
            step = dict(step)
            depth = step["d"]
            if i == len(self.head) and gap > 0:
                step["gap"] = gap
                step["full"] = [[name, dict(vs)] for name, vs in frames]
            else:
                base = previous_frames[depth][1] if depth < len(previous_frames) and step.get("k") != "call" else {}
                put(step, "v", diff(base, frames[depth][1]))
                if depth > 0:
                    put(step, "g", diff(previous_frames[0][1] if previous_frames else {}, frames[0][1]))
            put(step, "o", cut(text[previous_out:printed].decode("utf-8", "replace")))
            steps.append(step)
            previous_frames, previous_out = frames, printed
        end = {"k": "end", "l": 0, "d": 0}
        final = self.visible_vars(final_ns, True)
        if self.stopped:
            end["gap"] = -1  # tracing stopped: the rest ran unrecorded
            end["full"] = [["<module>", final]]
        else:
            put(end, "v", diff(previous_frames[0][1] if previous_frames else {}, final))
        put(end, "o", cut(text[previous_out:].decode("utf-8", "replace")))
        if uncaught:
            end["x"] = uncaught
        steps.append(end)
        for step in steps:
            if step.get("d") == 0:
                del step["d"]
        return steps


def put(step, key, value):
    if value:
        step[key] = value


def cut(text):
    return text if len(text) <= OUTPUT_DELTA else "…" + text[-OUTPUT_DELTA:]


def diff(before, after):
    changed = {k: v for k, v in after.items() if before.get(k) != v}
    for k in before:
        if k not in after:
            changed[k] = None
    return changed


def describe(kind, value):
    name = getattr(kind, "__name__", str(kind))
    try:
        message = str(value)
    except Exception:
        message = ""
    if name == "RecursionError":
        message = "maximum recursion depth exceeded"  # 3.11 adds " in comparison" and others
    message = ADDRESS.sub("", message).replace("__main__.", "")
    text = name + (": " + message if message else "")
    return text if len(text) <= 100 else text[:99] + "…"


def run_one(item_path, result_path):
    """In the child, in the item's folder: run main.py traced, write its steps as JSON."""
    with open(item_path, encoding="utf-8") as f:
        item = json.load(f)
    code = item["code"]
    visible = len(code.splitlines())
    source = code if not item.get("probe") else code.rstrip("\n") + "\n" + item["probe"]
    # The item's files (a module, a package) beside main.py, as the verifier writes them. Only
    # main.py's lines are steps: code run from these files is not traced.
    for entry in item.get("files") or []:
        folder = os.path.dirname(entry["name"])
        if folder:
            os.makedirs(folder, exist_ok=True)
        with open(entry["name"], "w", encoding="utf-8") as f:
            f.write(entry["code"])
    with open(FILENAME, "w", encoding="utf-8") as f:
        f.write(source)
    recorder = Recorder(visible, comprehension_only_names(source))
    # Like `python3 main.py`: a real __main__ module (pickle and multiprocessing look names up
    # there), the item's folder first on sys.path, stdout a real file so that child processes
    # print into it too.
    main_module = types.ModuleType("__main__")
    main_module.__file__ = os.path.abspath(FILENAME)
    main_module.__builtins__ = __builtins__
    sys.modules["__main__"] = main_module
    sys.argv = [main_module.__file__]
    sys.path[0] = os.getcwd()
    sys.stdin = io.StringIO(item.get("stdin") or "")
    capture = tempfile.TemporaryFile()
    os.dup2(capture.fileno(), 1)
    sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), encoding="utf-8", write_through=True)
    sys.stderr = io.StringIO()
    os.register_at_fork(after_in_child=recorder.forget)
    uncaught = None
    try:
        compiled = compile(source, FILENAME, "exec")
    except SyntaxError as e:
        # The program never starts: one step, at the line Python names. The message's wording
        # differs between versions, the class does not.
        step = {"k": "end", "l": min(e.lineno or 0, visible), "x": type(e).__name__ + ": the code does not compile"}
        with open(result_path, "w", encoding="utf-8") as f:
            f.write(json.dumps({"n": 1, "s": [step]}, separators=(",", ":")))
        return
    sys.settrace(recorder.trace)
    try:
        exec(compiled, main_module.__dict__)
    except SystemExit as e:
        if e.code not in (None, 0):
            uncaught = "SystemExit: %s" % e.code
    except BaseException as e:
        uncaught = describe(type(e), e)
    finally:
        sys.settrace(None)
    try:
        sys.stdout.flush()
    except Exception:
        pass
    capture.seek(0)
    recorder.printed = capture.read()
    steps = recorder.finish(uncaught, main_module.__dict__)
    with open(result_path, "w", encoding="utf-8") as f:
        f.write(json.dumps({"n": len(steps), "s": steps}, ensure_ascii=False, separators=(",", ":")))


def unsteady(item):
    files = "".join(f["code"] for f in item.get("files") or [])
    return UNSTEADY.search(item["code"] + (item.get("probe") or "") + files) is not None


def trace_item(item):
    """In the parent: the item's steps, or why there are none. Returns (item, steps|error)."""
    item, first = run_item(item)
    if isinstance(first, str) or not unsteady(item):
        return item, first
    item, second = run_item(item)
    if isinstance(second, str):
        return item, second
    steps = merge(first["s"], second["s"])
    if steps is None:
        return item, "steps differ from run to run (threads, processes or timing)"
    return item, {"n": len(steps), "s": steps}


def merge(a, b):
    """Two runs' steps as one, values that differ shown as VARIES; None if the steps differ."""
    if len(a) != len(b):
        return None
    merged = []
    for x, y in zip(a, b):
        if set(x) != set(y):
            return None
        step = {}
        for key, value in x.items():
            other = y[key]
            if key in ("v", "g"):
                if set(value) != set(other):
                    return None
                step[key] = {k: v if v == other[k] else VARIES for k, v in value.items()}
            elif key == "full":
                if [f[0] for f in value] != [f[0] for f in other]:
                    return None
                step[key] = [[n, {k: v if v == o.get(k) else VARIES for k, v in vs.items()}]
                             for (n, vs), (_, o) in zip(value, other)]
            elif key in ("r", "x"):
                step[key] = value if value == other else VARIES
            elif value != other:
                return None
            else:
                step[key] = value
        merged.append(step)
    return merged


def run_item(item):
    """Run one item in a fresh process and folder. Returns (item, steps|error)."""
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONIOENCODING="utf-8")
    if item.get("display"):
        env["DISPLAY"] = item["display"]
    else:
        env.pop("DISPLAY", None)
    with tempfile.TemporaryDirectory() as private, tempfile.TemporaryDirectory() as folder:
        item_path = os.path.join(private, "item.json")
        result_path = os.path.join(private, "steps.json")
        with open(item_path, "w", encoding="utf-8") as f:
            json.dump(item, f)
        started = time.monotonic()
        try:
            run = subprocess.run(
                [sys.executable, "-E", "-s", os.path.abspath(__file__), "--one", item_path, result_path],
                cwd=folder,
                env=env,
                capture_output=True,
                timeout=TIME_LIMIT,
                stdin=subprocess.DEVNULL,
            )
        except subprocess.TimeoutExpired:
            return item, "timed out after %d s" % TIME_LIMIT
        took = time.monotonic() - started
        if took > 3:
            print("slow: %s took %.1f s" % (item["id"], took), flush=True)
        if run.returncode != 0 or not os.path.exists(result_path):
            last = run.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
            return item, "the tracer failed: " + last[0]
        with open(result_path, encoding="utf-8") as f:
            return item, json.load(f)


def main(argv):
    if len(argv) == 4 and argv[1] == "--one":
        run_one(argv[2], argv[3])
        return 0
    if len(argv) != 3:
        print("usage: trace.py ITEMS.json OUT_DIR", file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        items = json.load(f)
    workers = min(8, os.cpu_count() or 2)
    by_exam, failures = {}, []
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        for item, result in pool.map(trace_item, items):
            if isinstance(result, str):
                failures.append("%s: %s" % (item["id"], result))
                # Kept in the file too, so a new item without a trace is told from an old one.
                entry = {"h": item["hash"], "why": result}
            else:
                entry = {"h": item["hash"], "n": result["n"], "s": result["s"]}
            if unsteady(item):
                entry["u"] = 1
            by_exam.setdefault(item["exam"], []).append((item["id"], entry))
    version = "%d.%d.%d" % sys.version_info[:3]
    os.makedirs(argv[2], exist_ok=True)
    for exam, entries in sorted(by_exam.items()):
        lines = [json.dumps(ident) + ":" + json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
                 for ident, entry in sorted(entries)]
        text = '{"python":"%s","format":%d,"items":{\n%s\n}}\n' % (version, FORMAT, ",\n".join(lines))
        with open(os.path.join(argv[2], exam + ".json"), "w", encoding="utf-8") as f:
            f.write(text)
    for failure in failures:
        print("untraced: " + failure)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
