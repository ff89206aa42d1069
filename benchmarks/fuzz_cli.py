"""The CLI fuzz campaign: generated command lines for every subcommand, each a real process.

    python benchmarks/fuzz_cli.py                       # quick profile: 300 runs, about a minute
    python benchmarks/fuzz_cli.py --profile full        # 12,000 runs (about 20 minutes on 2 cores)
    python benchmarks/fuzz_cli.py --runs 2000 --seed 7 --failures fails.jsonl
    python benchmarks/fuzz_cli.py --replay fails.jsonl  # run the failing cases again
    python benchmarks/fuzz_cli.py --list                # the commands and options it found

Hypothesis generates the argument lists (numbers huge, negative, written in Unicode digits such
as ² and ٣; control characters, quotes, empty strings, bytes that are not UTF-8; directories,
devices, FIFOs, unreadable, missing and malformed files from tests/malformed/; repeated and
unknown options), plus environment variables, standard input, and now and then a standard
output that is /dev/full. Commands and options are read from `python -m xuezhi … --help`, so a
new command is fuzzed without editing this file, before and after a refactor alike.

Each case runs as `python -m xuezhi …` in a new folder with its own XUEZHI_HOME and HOME, under
a timeout and a 2 GB address-space limit (prlimit); as root, DAC capabilities are dropped
(setpriv) so that a mode-000 file is unreadable as on a user's PC. Cases are generated first and
then run in parallel (--workers, default: cores + 1: each run is a short CPU-bound process).

Counted: runs; internal errors (内部错误 or the INTERNAL exit code); tracebacks; runs whose
output has English words that are not file names, user input, command/option/field names or
format names; hangs (timeouts); files left behind (a hidden temporary file, or a new file in the
working folder after a failed run); crashes (killed by a signal, or an exit code README does
not document). The script exits 1 if any of these is not zero; --failures writes each failing
case (argv, environment, stdin, the output) as a JSON line that --replay runs again.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "malformed"))
import make_files as malformed  # noqa: E402  (the malformed-files corpus and its special paths)

PROFILES = {"quick": 300, "full": 12_000}
DOCUMENTED_EXITS = {0, 1, 2, 3, 130}  # README 通用约定; 4 is INTERNAL and counted as such
GATES = ("internal_errors", "tracebacks", "english", "hangs", "left_behind", "crashes")

# ---------------------------------------------------------------- what the CLI offers


@dataclass
class Param:
    names: list[str]  # ["-n", "--count"]; empty for an argument
    kind: str  # flag | int | path | text | duration | refs | terms
    required: bool = False
    variadic: bool = False
    key: str = ""  # option long name or argument metavar: picks the seed values


@dataclass
class Command:
    path: list[str]  # ["progress", "import"]
    params: list[Param] = field(default_factory=list)


def help_text(python: list[str], env: dict, args: list[str]) -> str:
    out = subprocess.run([*python, "-m", "xuezhi", *args, "--help"], capture_output=True, env=env, timeout=60)
    return out.stdout.decode("utf-8", "replace")


def _section(text: str, title: str) -> list[str]:
    lines, inside = [], False
    for line in text.splitlines():
        if re.match(rf"^{title}\s*[:：]", line):
            inside = True
        elif inside and line and not line.startswith(" "):
            break
        elif inside:
            lines.append(line)
    return lines


def _kind(key: str, metavar: str) -> str:
    if not metavar:
        return "flag"
    if key in ("--time", "--per-question"):
        return "duration"
    if metavar in ("<整数>", "N") or key in ("编号",):
        return "int"
    if metavar == "<路径>" or "文件" in key:
        return "path"
    return {"条号": "refs", "检索词": "terms"}.get(key, "text")


HELP_WORDS: set[str] = set()  # every Latin word of every --help: command, option and value names


def discover(python: list[str], env: dict) -> list[Command]:
    """Commands, options and arguments as `--help` shows them (plain click help: NO_COLOR)."""
    commands: list[Command] = []
    todo = [[]]
    while todo:
        path = todo.pop(0)
        text = help_text(python, env, path)
        HELP_WORDS.update(w.lower() for w in re.findall(r"[A-Za-z]+", text))
        subs = [m.group(1) for line in _section(text, "命令") if (m := re.match(r"^  (\S+)\s", line))]
        todo.extend([*path, s] for s in subs)
        cmd = Command(path)
        if subs:  # `xuezhi <junk>`, `xuezhi progress <junk>`
            cmd.params.append(Param([], "text", key="命令"))
        for line in _section(text, "选项"):
            m = re.match(r"^  ((?:-\w, )?--[\w-]+|-\w)(?: (<[^>]+>|N))?", line)
            if not m:
                continue
            names = [n.strip() for n in m.group(1).split(",")]
            long = next((n for n in names if n.startswith("--")), names[0])
            cmd.params.append(Param(names, _kind(long, m.group(2) or ""), key=long))
        usage = next((line for line in text.splitlines() if line.startswith("用法")), "")
        for token in re.findall(r"(\[[^\]]+\]|\{[^}]+\})", usage.split("[选项]", 1)[-1]):
            name = token.strip("[]{}").rstrip(".")
            cmd.params.append(Param([], _kind(name, "arg"), required=token.startswith("{"),
                                    variadic=token.endswith("...]") or token.endswith("...}"), key=name))
        commands.append(cmd)
    return commands


# ---------------------------------------------------------------- generated values

NUMBERS = ["0", "-1", "1", "2", "5", "10", "50", "51", "1000", "1001", "100000", "1000000", "1000001", "9" * 19,
           "9" * 20, "9" * 251, "9" * 400, "-" + "9" * 400, "1e6", "1e400", "1.5", "0x10", "1_000", " 5", "5 ", "+5",
           "05", "²", "٣", "３", "𝟗", "五", "十五", "Ⅻ", "½", "5'", "'5", '"5"', "", " ", "-0", "∞", "nan", "inf",
           "1,000", "1٣", "５０"]
ODD_TEXT = ["", " ", "-", "--", "it's", "5'", '"', "'", '"引号', "\\", "\t", "\n", "a\nb", "\r", "\x1b[2J", "\x07",
            "\x7f", "\u202e反转", "\u200b", "\ufeff", "\udcff\udcfe", "𝕏", "😀", "A" * 5000, "长" * 3000, "%s",
            "{0}", "[bold]x[/bold]", "$(echo)", "~", "*", "?", "NaN", "null", "--help", "-h", "--json", "第二十条",
            "17-20", "1–50", "第99条", "一万零一十", "３４", "二十", "0", "-1"]
SEEDS = {
    "--type": ["single", "multiple", "judge", "blank", "单选", "多选,判断", "single,,", "essay", "SINGLE"],
    "--chapter": ["3", "第三章", "0", "7", "-1", "三", "第99章", "3,4", "1-6", "６", "第三", "99999999999"],
    "--article": ["34", "31-36", "0", "51", "第二十条", "20-10", "1-50", "1–50", "第二十条第三款", "17,18",
                  "99999", "1-99999999", "34-", "-34", "²"],
    "--difficulty": ["1", "2", "1-2", "3-1", "0", "4", "1-3", "二", "1-2-3", "²"],
    "--tag": ["用条例", "数字期限", "新旧对照", "nope"],
    "--format": ["docx", "xlsx", "csv", "txt", "md", "json", "gift", "moodle", "apkg", "DOCX", "pdf", "doc"],
    "--blueprint": ["single:20x2", "single:1x2,judge:1x1", "单选：2×2", "single:0x2", "single:1x0",
                    "single:1x0.0031", "single:99999x2", "judge:10x1.5", "x", "single:²x2", "single:1x1e400",
                    "single:" + "9" * 300 + "x2", "single:2x2,single:2x2", ",", "single:-1x2"],
    "--key": ["end", "separate", "both", "END"],
    "duration": ["15m", "90s", "1h", "0s", "0", "-5m", "1e400s", "9" * 400 + "s", "²m", "٣s", "１５ｍ", "15分钟",
                 "1.5m", "m", "s", "15 m", "15M", "1h30m", "99999999h", "45", "0.001s"],
    "refs": ["20", "17-20", "第二十条", "51", "0", "-1", "二十", "一万零一十", "1-50", "20-17", "第二十条第三款",
             "34,35", "34、35", "第三十四条", "99999999999999999999", "²", "٣٤", "第〇条"],
    "terms": ["枫桥经验", "复核 期限", '"谁主管"', "“谁主管、谁负责”", "第二十七条", "信访人对复核意见不服怎么办",
              "联系会议", "复核", "x" * 201, "。", "？"],
}
# Relative names are files in the run's folder (from the malformed corpus, or made here);
# absolute ones are used as they are.
POOL = [e["file"] for e in malformed.load_manifest()] + [
    "@bank", "@corpus", "missing.yaml", ".", "..", "sub", "sub/", "sub/out.docx", "nope/out.docx", "exists.docx",
    "exists.json", "out.docx", "out.xlsx", "out.csv", "out.txt", "out.md", "out.json", "out.gift", "out.xml",
    "out.apkg", "out.pdf", "x" * 300 + ".docx", "/dev/full", "/dev/null", "/dev/zero", "/dev/urandom", "/dev/stdin",
    "/proc/self/mem", "", " ", "~/x.yaml", "con.docx", "bom.yaml/x.yaml",
]
ANSWERS = ["A", "B", "C", "D", "ACD", "a c d", "对", "错", "T", "F", "y", "n", "Y", "", " ", "60日；30日", "5人",
           "E", "Z", "AA", "\x03", "\x04", "\x1b[A", "退出", "q", "长" * 2000, "²", "-1"]


def value(param: Param) -> st.SearchStrategy[str]:
    odd = st.sampled_from(ODD_TEXT)
    if param.kind == "int":
        return st.one_of(st.sampled_from(NUMBERS), st.integers(-5, 60).map(str), st.integers().map(str), odd)
    if param.kind == "path":
        return st.sampled_from(POOL).map(lambda p: f"@pool:{p}")
    if param.kind == "duration":
        return st.one_of(st.sampled_from(SEEDS["duration"]), st.sampled_from(NUMBERS).map(lambda n: n + "m"), odd)
    seeds = SEEDS.get(param.key) or SEEDS.get(param.kind) or ["某市信访局", "2024年测试", "用条例"]
    text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12)
    return st.one_of(st.sampled_from(seeds), st.sampled_from(seeds).map(lambda s: s + "'"), odd, text,
                     st.sampled_from(NUMBERS))


JUNK = ["--nope", "-z", "--", "-", "", " ", "it's", "--count=5", "--json=1", "-n5", "-qn", "3", "--COUNT",
        "--cou", "extra", "--help", "-h", "\udcff", "第二十条"]


@st.composite
def cases(draw, command: Command) -> dict:
    groups: list[list[str]] = []
    for p in command.params:
        if p.key in ("--help", "--version") and draw(st.integers(0, 30)) > 0:
            continue
        times = 1 if p.required else draw(st.sampled_from([0, 0, 0, 1, 1, 2]))
        for _ in range(times):
            if not p.names:
                many = draw(st.integers(1, 3)) if p.variadic else 1
                groups.extend([draw(value(p))] for _ in range(many))
            elif p.kind == "flag":
                groups.append([draw(st.sampled_from(p.names))])
            elif draw(st.integers(0, 9)) == 0 and p.key.startswith("--"):
                groups.append([f"{p.key}={draw(value(p))}"])
            else:
                groups.append([draw(st.sampled_from(p.names)), draw(value(p))])
    groups.extend([j] for j in draw(st.lists(st.sampled_from(JUNK), max_size=2)))
    argv = [*command.path, *(t for g in draw(st.permutations(groups)) for t in g)]
    env = {}
    for var, values in (("XUEZHI_BANK", None), ("XUEZHI_CORPUS", None), ("COLUMNS", ["0", "1", "10", "-5", "abc"]),
                        ("XUEZHI_NOW", ["2025-03-14T09:00:00+08:00", "0001-01-01", "9999-12-31T00:00:00", "x", ""]),
                        ("PYTHONIOENCODING", ["gbk"]), ("TERM", ["dumb"])):
        if draw(st.integers(0, 14)) == 0:
            env[var] = draw(st.sampled_from(values)) if values else f"@pool:{draw(st.sampled_from(POOL))}"
    lines = draw(st.lists(st.sampled_from(ANSWERS), max_size=6))
    stdin = "\n".join(lines) + ("\n" if draw(st.booleans()) else "")
    if draw(st.integers(0, 14)) == 0:
        stdin = draw(st.binary(max_size=40)).decode("utf-8", "surrogateescape")
    stdout = "full" if draw(st.integers(0, 19)) == 0 else "pipe"
    return {"command": " ".join(command.path) or "(根命令)", "argv": argv, "env": env, "stdin": stdin,
            "stdout": stdout}


def generate(commands: list[Command], runs: int, seed_value: int) -> list[dict]:
    """About `runs` cases, spread evenly over the commands (the root and groups included)."""
    out: list[dict] = []
    for i, command in enumerate(commands):
        n = runs // len(commands) + (1 if i < runs % len(commands) else 0)

        @seed(seed_value + i)
        @settings(max_examples=n, database=None, deadline=None, phases=[Phase.generate],
                  suppress_health_check=list(HealthCheck))
        @given(cases(command))
        def collect(case: dict) -> None:
            out.append(case)

        collect()
    return out


# ---------------------------------------------------------------- running one case

ALLOWED = set("""
xuezhi toc show principles info search validate quiz review daily stats history export progress import reset
json corpus bank strict count type chapter article difficulty tag seed exam time quiet challenge per question
no save wrong more limit full output format blueprint variants title unit minutes key all force yes help version
single multiple judge blank end separate docx xlsx csv txt md gift moodle xml apkg pdf doc
Word WPS Excel LibreOffice Anki Moodle GIFT XML JSON YAML CSV SQLite FSRS UTF BOM GBK ANSI Unicode Tab Ctrl
Windows Linux macOS Python pip venv PATH NO_COLOR COLUMNS XUEZHI_HOME XUEZHI_DEBUG XUEZHI_BANK XUEZHI_CORPUS
XUEZHI_NOW id stem options answer basis explanation tags quote paragraph item meta chapters number summary
keywords paragraphs items principles name text questions order_free group uid mode started_at answers seq
question_id qtype given correct elapsed_ms rating answered_at day status finished_at planned score elapsed_s
filters timed_out sessions daily question_ids created_at completed_at schema store_id exported_at
practice extra running finished stopped time_up unfinished true false null yes no inf nan issuer approved
published effective interpreted_by approved_by db corrupt newer backup cache readme articles mb kb
renamings pairs deleted
""".lower().split())


def english_words(text: str, user_text: str) -> list[str]:
    """Words of Latin letters in `text` that are not allowed names and not part of what the user gave."""
    text = re.sub(r"(?:[A-Za-z]:)?[\w.~-]*(?:[\\/][^\s\\/“”\"'‘’：:，。；、（）()|]+)+[\\/]?", " ", text)  # paths
    text = re.sub(r"XUEZHI_\w+|https?://\S+|字段 [\w.\[\]]+", " ", text)  # 字段 X: X names a field of the file
    found = []
    lowered_user = user_text.lower()
    text = re.sub(r"[\w-]*\d[\w-]*", " ", text, flags=re.ASCII)  # ids and hashes (Q2016, C-6fd821eec17c), 15m
    for word in re.findall(r"[A-Za-z][A-Za-z'_-]*[A-Za-z]", text):
        for part in re.split(r"[-']", word):
            low = part.lower()
            if len(part) < 2 or low in ALLOWED or low in HELP_WORDS or re.fullmatch(r"[A-F]+", part) \
                    or low in lowered_user:
                continue
            found.append(part)
    return found


@dataclass
class Context:
    python: list[str]
    env: dict
    scratch: Path
    timeout: float
    wrappers: list[str]
    data: Path


def _resolve(token: str, work: Path, ctx: Context) -> str:
    if not token.startswith("@pool:"):
        return token
    name = token[len("@pool:"):]
    if name in ("@bank", "@corpus"):
        # A copy in the run's own folder: a generated `progress export @bank --force` once overwrote the
        # shipped bank itself (the package's data folder), which every later run and test then read.
        shipped = ctx.data / ("questions.yaml" if name == "@bank" else "条例.yaml")
        copy = work / f"shipped-{shipped.name}"
        if not copy.exists():
            shutil.copyfile(shipped, copy)
        return str(copy)
    entry = next((e for e in malformed.load_manifest() if e["file"] == name), None)
    if entry is not None:
        if not (work / name).exists() and not (work / name).is_symlink():
            return str(malformed.materialize(entry, work))
        return name
    if name in ("exists.docx", "exists.json"):
        (work / name).write_bytes(b"existing")
    if name.startswith("sub"):
        (work / "sub").mkdir(exist_ok=True)
    if name == "bom.yaml/x.yaml" and not (work / "bom.yaml").exists():
        malformed.materialize({"file": "bom.yaml"}, work)
    return name


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    out = {}
    for p in folder.rglob("*"):
        try:
            st_ = p.lstat()
        except OSError:
            continue
        out[str(p.relative_to(folder))] = (st_.st_size, st_.st_mtime_ns)
    return out


TEMP = re.compile(r"^\..*\.tmp$|\.tmp$|^tmp\w{8}$")


def run_case(case: dict, ctx: Context) -> dict:
    base = Path(tempfile.mkdtemp(prefix="run-", dir=ctx.scratch))
    work, home, userhome = base / "work", base / "home", base / "userhome"
    for d in (work, home, userhome):
        d.mkdir()
    argv = [_resolve(a, work, ctx) for a in case["argv"]]
    env = dict(ctx.env, XUEZHI_HOME=str(home), HOME=str(userhome))
    env.update({k: _resolve(v, work, ctx) for k, v in case["env"].items()})
    before = _snapshot(work)
    cmd = [*ctx.wrappers, *ctx.python, "-m", "xuezhi", *(os.fsencode(a) for a in argv)]
    stdout = subprocess.PIPE if case["stdout"] == "pipe" else open("/dev/full", "wb")  # noqa: SIM115
    start = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=work, env={k: os.fsencode(v) for k, v in env.items()}, stdin=subprocess.PIPE,
                            stdout=stdout, stderr=subprocess.PIPE, start_new_session=True)
    hang = False
    try:
        out, err = proc.communicate(os.fsencode(case["stdin"]), timeout=ctx.timeout)
    except subprocess.TimeoutExpired:
        hang = True
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
    finally:
        if stdout is not subprocess.PIPE:
            stdout.close()
    elapsed = time.monotonic() - start
    encoding = env.get("PYTHONIOENCODING") or "utf-8"  # gbk: a Chinese Windows console
    out_s, err_s = (out or b"").decode(encoding, "replace"), err.decode(encoding, "replace")
    after = _snapshot(work)
    new_home = [p for p in _snapshot(home) if TEMP.search(Path(p).name)]
    left = sorted({p for p in after if p not in before and TEMP.search(Path(p).name)} | set(new_home))
    if proc.returncode not in (0, None) and not hang and case["stdout"] == "pipe":
        # a failed command writes nothing (with stdout on /dev/full, the export itself may be complete)
        left += sorted(p for p in after if p not in before and not Path(work, p).is_dir())
    shown = out_s
    if any(a == "--json" or a.startswith("--json=") for a in argv):
        try:
            json.loads(out_s)
            shown = ""  # keys are English by design (README: JSON 输出), whatever the exit code
        except ValueError:
            pass
    fixtures = "".join(_read(work / a) for a in argv if a)
    user = "\n".join([*argv, case["stdin"], *env.values(), fixtures, str(base)])
    english = english_words(shown + "\n" + err_s, user)
    code = proc.returncode
    result = {
        "exit": code, "seconds": round(elapsed, 2), "hang": hang,
        "internal": "内部错误" in out_s + err_s or code == 4,
        "traceback": "Traceback (most recent call last)" in out_s + err_s,
        "english": english[:8], "left_behind": left[:8],
        "crash": not hang and (code is None or code < 0 or code not in DOCUMENTED_EXITS | {4}),
        "stdout": out_s[-600:], "stderr": err_s[-600:],
    }
    shutil.rmtree(base, ignore_errors=True)
    if base.exists():  # a mode-000 file or folder
        subprocess.run(["chmod", "-R", "u+rwx", str(base)], check=False)
        shutil.rmtree(base, ignore_errors=True)
    return result


def safe_run(case: dict, ctx: Context) -> dict:
    """run_case, with a failure of this harness itself reported instead of ending the campaign."""
    try:
        return run_case(case, ctx)
    except Exception as e:
        return {"exit": None, "seconds": 0, "hang": False, "internal": False, "traceback": False, "english": [],
                "left_behind": [], "crash": False, "harness_error": repr(e)[:300], "stdout": "", "stderr": ""}


def _read(path: Path) -> str:
    """A fixture's text, for the words it may legitimately echo back ('' for anything else)."""
    try:
        if path.is_file() and path.stat().st_size < 2_000_000:
            return path.read_bytes().decode("utf-8", "replace")
    except (OSError, ValueError):
        pass
    return ""


# ---------------------------------------------------------------- the campaign


def context(args: argparse.Namespace, scratch: Path) -> Context:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XUEZHI_", "PYTEST", "COV_"))}
    env.update(NO_COLOR="1", LANG="C.UTF-8", PYTHONDONTWRITEBYTECODE="1")
    env.pop("COLUMNS", None)
    if args.source:
        env["PYTHONPATH"] = str(Path(args.source).resolve())
    wrappers: list[str] = []
    if shutil.which("prlimit"):
        wrappers += ["prlimit", f"--as={2 * 1024**3}", f"--fsize={256 * 1024**2}", "--"]
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("setpriv"):
        caps = "-dac_override,-dac_read_search"
        wrappers += ["setpriv", f"--inh-caps={caps}", f"--bounding-set={caps}", "--"]
    python = [args.python]
    probe = subprocess.run([*python, "-c", "import xuezhi, pathlib; print(pathlib.Path(xuezhi.__file__).parent)"],
                           capture_output=True, text=True, env=env, check=True)
    package = Path(probe.stdout.strip())
    data = package / "data" if (package / "data" / "questions.yaml").exists() else package.parent / "data"
    return Context(python, env, scratch, args.timeout, wrappers, data)


def campaign(cases_: list[dict], ctx: Context, workers: int, progress: bool = False) -> tuple[dict, list[dict]]:
    counts = Counter({k: 0 for k in ("runs", *GATES, "slow_runs", "harness_errors")})
    per_command: dict[str, Counter] = {}
    words: Counter = Counter()
    failures = []
    with ThreadPoolExecutor(workers) as pool:
        for i, (case, r) in enumerate(zip(cases_, pool.map(lambda c: safe_run(c, ctx), cases_), strict=True), 1):
            pc = per_command.setdefault(case["command"], Counter())
            pc["runs"] += 1
            counts["runs"] += 1
            counts["slow_runs"] += r["seconds"] > 5
            counts["harness_errors"] += "harness_error" in r
            flags = {"internal_errors": r["internal"], "tracebacks": r["traceback"], "english": bool(r["english"]),
                     "hangs": r["hang"], "left_behind": bool(r["left_behind"]), "crashes": r["crash"]}
            for k, bad in flags.items():
                counts[k] += bad
                pc[k] += bad
            words.update(r["english"])
            if any(flags.values()) or "harness_error" in r:
                failures.append({"case": case, "why": [k for k, v in flags.items() if v], **r})
            if progress and i % 200 == 0:
                print(f"  {i}/{len(cases_)} 次：" + "，".join(f"{k} {counts[k]}" for k in GATES), flush=True)
    report = {"counts": dict(counts), "per_command": {k: dict(v) for k, v in sorted(per_command.items())},
              "english_words": dict(words.most_common(30))}
    return report, failures


def table(report: dict) -> str:
    cols = ("runs", *GATES)
    rows = [("命令", *cols)] + [(name, *(str(c.get(k, 0)) for k in cols)) for name, c in report["per_command"].items()]
    rows.append(("合计", *(str(report["counts"][k]) for k in cols)))
    widths = [max(len(r[i]) for r in rows) for i in range(len(cols) + 1)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)) for r in rows]
    words = "、".join(f"{w}×{n}" for w, n in report["english_words"].items()) or "无"
    return "\n".join([*lines, f"英文词：{words}", f"用时 {report['seconds']} 秒，种子 {report['seed']}"])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="学知命令行的模糊测试（每个用例一个真实进程）。")
    ap.add_argument("--profile", choices=sorted(PROFILES), default="quick")
    ap.add_argument("--runs", type=int, help="用例数（默认按 --profile）")
    ap.add_argument("--seed", type=int, default=20240501)
    ap.add_argument("--workers", type=int, default=(os.cpu_count() or 2) + 1)
    ap.add_argument("--timeout", type=float, default=30.0, help="每个用例的时限（秒）")
    ap.add_argument("--python", default=sys.executable, help="运行 python -m xuezhi 的解释器")
    ap.add_argument("--source", help="从这个目录导入 xuezhi（PYTHONPATH），如另一份检出")
    ap.add_argument("--failures", type=Path, help="把失败的用例写成 JSON Lines")
    ap.add_argument("--report", type=Path, help="把统计写成 JSON")
    ap.add_argument("--replay", type=Path, help="重新运行 --failures 写下的用例")
    ap.add_argument("--list", action="store_true", help="只列出找到的命令和选项")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="xuezhi-fuzz-") as tmp:
        ctx = context(args, Path(tmp))
        commands = discover(ctx.python, ctx.env)
        if args.list:
            for c in commands:
                print(" ".join(c.path) or "(根命令)", " ".join(f"{p.key}:{p.kind}" for p in c.params))
            return 0
        if args.replay:
            cases_ = [json.loads(line)["case"] for line in args.replay.read_text(encoding="utf-8").splitlines()]
        else:
            cases_ = generate(commands, args.runs or PROFILES[args.profile], args.seed)
        start = time.monotonic()
        report, failures = campaign(cases_, ctx, args.workers, progress=True)
        report["seconds"] = round(time.monotonic() - start, 1)
        report["seed"], report["commands"] = args.seed, len(commands)
    print(table(report))
    if args.report:
        args.report.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if args.failures:
        # ensure_ascii: a case may hold lone surrogates (bytes of an argument that are not UTF-8)
        args.failures.write_text("".join(json.dumps(f) + "\n" for f in failures), encoding="utf-8")
    return 1 if any(report["counts"][k] for k in GATES) else 0


if __name__ == "__main__":
    raise SystemExit(main())
