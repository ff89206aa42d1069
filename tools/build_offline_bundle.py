"""Build the offline bundle: xuezhi and every runtime dependency as wheels, plus installers.

Many office PCs that use xuezhi are on an intranet without access to a package index. Run this
on a machine that has one, copy the folder (or the zip) to the office PC and run install.bat
(Windows) or install.sh (Linux) there; pip then installs with --no-index from the bundle.

Run from the repository root, in an environment with pip and `packaging` (the test extras
have both):

    python tools/build_offline_bundle.py                 # dist/xuezhi-offline-<版本>/
    python tools/build_offline_bundle.py --zip           # … and dist/xuezhi-offline-<版本>.zip
    python tools/build_offline_bundle.py --platform linux --python 3.12

Targets are Windows x64 and Linux x64 with glibc 2.28 or newer (Debian 10+, Ubuntu 20.04+,
银河麒麟 V10, 统信 UOS 20, RHEL 8+; rapidfuzz has no older manylinux wheel), CPython 3.11–3.13.
The bundle is one folder of wheels; pure-Python wheels are shared by all targets. Steps:

1. `pip wheel` builds the xuezhi wheel and, on this machine, a wheel of every dependency; any
   dependency that PyPI has only as an sdist (genanki, for one) becomes a pure-Python wheel here.
   A dependency that would need compiling for the target is an error, not a silent gap.
2. For each target, `pip download --only-binary=:all: --platform … --python-version …
   --implementation cp` fetches the wheels for that platform, with the wheels from step 1
   offered through --find-links.
3. pip evaluates a dependency's environment markers against *this* machine, not the target
   (click's `colorama; platform_system == "Windows"` is not fetched from Linux), so every
   target's dependency closure is then checked again with the target's markers and the
   missing wheels are fetched; the build fails if a target still lacks one.
"""

from __future__ import annotations

import argparse
import email.parser
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from packaging.requirements import Requirement
from packaging.tags import Tag
from packaging.utils import canonicalize_name, parse_wheel_filename

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = Path(__file__).resolve().parent / "offline"
PYTHONS = ("3.11", "3.12", "3.13")


@dataclass(frozen=True)
class Target:
    """One platform and Python version that the bundle must install on."""

    os: str  # "linux" or "windows"
    python: str  # "3.12"

    @property
    def platforms(self) -> list[str]:
        if self.os == "windows":
            return ["win_amd64"]
        # The oldest tag first, so that pip prefers the most widely compatible wheel; 2.28 is the
        # newest accepted (some projects, rapidfuzz among them, ship nothing older).
        return ["manylinux2014_x86_64", "manylinux_2_17_x86_64", "manylinux_2_28_x86_64"]

    @property
    def markers(self) -> dict[str, str]:
        """The environment that PEP 508 markers see on the target."""
        windows = self.os == "windows"
        return {
            "implementation_name": "cpython",
            "implementation_version": f"{self.python}.0",
            "os_name": "nt" if windows else "posix",
            "platform_machine": "AMD64" if windows else "x86_64",
            "platform_python_implementation": "CPython",
            "platform_release": "",
            "platform_system": "Windows" if windows else "Linux",
            "platform_version": "",
            "python_full_version": f"{self.python}.0",
            "python_version": self.python,
            "sys_platform": "win32" if windows else "linux",
            "extra": "",
        }

    def accepts(self, wheel: Path) -> bool:
        """Whether pip on the target could install this wheel file."""
        _name, _version, _build, tags = parse_wheel_filename(wheel.name)
        return any(self._accepts_tag(tag) for tag in tags)

    def _accepts_tag(self, tag: Tag) -> bool:
        nodot = self.python.replace(".", "")
        if tag.platform != "any":
            if self.os == "windows" and tag.platform != "win_amd64":
                return False
            if self.os == "linux" and not _manylinux_ok(tag.platform):
                return False
        if tag.interpreter in (f"cp{nodot}", "py3", f"py{nodot}"):
            return tag.abi in ("none", "abi3", f"cp{nodot}")
        if tag.interpreter.startswith("cp") and tag.abi == "abi3":
            return int(tag.interpreter[2:]) <= int(nodot)  # cp38-abi3 runs on 3.11+
        return tag.interpreter in ("py2.py3", "py30")

    def __str__(self) -> str:
        return f"{'Windows' if self.os == 'windows' else 'Linux'} x64 CPython {self.python}"


def _manylinux_ok(platform: str) -> bool:
    """A manylinux x86_64 tag up to glibc 2.28 (the newest that the bundle asks pip for)."""
    if platform in ("manylinux1_x86_64", "manylinux2010_x86_64", "manylinux2014_x86_64"):
        return True
    parts = platform.split("_")
    if len(parts) == 5 and parts[0] == "manylinux" and parts[3:] == ["x86", "64"]:
        return (int(parts[1]), int(parts[2])) <= (2, 28)
    return False


def run(cmd: list[str]) -> None:
    print("$", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True)


def pip(*args: str) -> list[str]:
    return [sys.executable, "-m", "pip", "--disable-pip-version-check", *args]


def requirements_of(wheel: Path) -> list[Requirement]:
    """Requires-Dist of a wheel, from its METADATA (no extras)."""
    with zipfile.ZipFile(wheel) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
        metadata = email.parser.Parser().parsestr(zf.read(name).decode("utf-8"))
    return [Requirement(line) for line in metadata.get_all("Requires-Dist") or []]


def missing_for(target: Target, wheels: list[Path], root: str) -> list[Requirement]:
    """Requirements in the target's closure from `root` that no wheel here satisfies."""
    by_name: dict[str, list[Path]] = {}
    for wheel in wheels:
        if target.accepts(wheel):
            by_name.setdefault(canonicalize_name(parse_wheel_filename(wheel.name)[0]), []).append(wheel)
    missing: list[Requirement] = []
    seen: set[str] = set()
    todo = [Requirement(root)]
    while todo:
        req = todo.pop()
        name = canonicalize_name(req.name)
        if req.marker is not None and not req.marker.evaluate(target.markers):
            continue
        if name in seen:
            continue
        seen.add(name)
        candidates = [w for w in by_name.get(name, []) if parse_wheel_filename(w.name)[1] in req.specifier]
        if not candidates:
            missing.append(req)
            continue
        newest = max(candidates, key=lambda w: parse_wheel_filename(w.name)[1])
        todo.extend(r for r in requirements_of(newest) if not _only_for_extras(r))
    return missing


def _only_for_extras(req: Requirement) -> bool:
    return req.marker is not None and "extra" in str(req.marker)


def download(target: Target, requirement: str, wheels: Path, find_links: Path, *, deps: bool = True) -> None:
    platforms = [arg for p in target.platforms for arg in ("--platform", p)]
    run(
        pip(
            "download", "--only-binary=:all:", *platforms,
            "--python-version", target.python, "--implementation", "cp",
            "--find-links", str(find_links), "--dest", str(wheels),
            *([] if deps else ["--no-deps"]), requirement,
        )
    )


def build(out: Path, targets: list[Target]) -> Path:
    version = _version()
    bundle = out / f"xuezhi-offline-{version}"
    if bundle.exists():
        shutil.rmtree(bundle)
    wheels = bundle / "wheels"
    local = out / "host-wheels"
    if local.exists():
        shutil.rmtree(local)
    wheels.mkdir(parents=True)

    # 1. xuezhi and, on this machine, every dependency; sdist-only ones are built here.
    run(pip("wheel", "--wheel-dir", str(local), str(ROOT)))
    ours = next(local.glob("xuezhi-*.whl"))
    for wheel in local.glob("*.whl"):
        if wheel.name.endswith("-none-any.whl"):
            shutil.copy2(wheel, wheels)
    # pip itself: install.py runs it from its wheel, so a venv needs no ensurepip
    # (Debian's python3 without python3-venv has none).
    run(pip("download", "--only-binary=:all:", "--no-deps", "--dest", str(wheels), "pip"))

    # 2. and 3. each target's platform wheels, then its closure with its own markers.
    for target in targets:
        download(target, str(wheels / ours.name), wheels, wheels)
        for _round in range(5):
            missing = missing_for(target, list(wheels.glob("*.whl")), f"xuezhi=={version}")
            if not missing:
                break
            for req in missing:
                download(target, str(req).split(";")[0], wheels, wheels)
        else:
            raise SystemExit(f"{target}：仍缺少 {', '.join(map(str, missing))}")
        print(f"已齐全：{target}", flush=True)

    for name in ("install.py", "install.sh", "install.bat", "说明.txt"):
        shutil.copy2(TEMPLATES / name, bundle / name)
    (bundle / "install.sh").chmod(0o755)
    _write_manifest(bundle, targets)
    shutil.rmtree(local)
    return bundle


def _write_manifest(bundle: Path, targets: list[Target]) -> None:
    wheels = sorted((bundle / "wheels").glob("*.whl"))
    lines = ["# 离线安装包中的文件及其适用的平台", ""]
    for wheel in wheels:
        fits = [str(t) for t in targets if t.accepts(wheel)]
        lines.append(f"{wheel.name}\t{'、'.join(fits) if len(fits) < len(targets) else '全部'}")
    (bundle / "wheels" / "清单.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _version() -> str:
    for line in (ROOT / "xuezhi" / "__init__.py").read_text(encoding="utf-8").splitlines():
        if line.startswith("__version__"):
            return line.split("=", 1)[1].strip().strip("\"'")
    raise SystemExit("xuezhi/__init__.py 中没有 __version__")


def main() -> None:
    parser = argparse.ArgumentParser(description="生成学知的离线安装包（Windows x64、Linux x64，CPython 3.11–3.13）。")
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="输出目录（默认 dist/）")
    parser.add_argument("--platform", choices=["linux", "windows", "all"], default="all")
    parser.add_argument("--python", default=",".join(PYTHONS), help="Python 版本，逗号分隔（默认 3.11,3.12,3.13）")
    parser.add_argument("--zip", action="store_true", help="另外打成一个 zip 文件")
    args = parser.parse_args()
    oses = ["linux", "windows"] if args.platform == "all" else [args.platform]
    targets = [Target(os, py.strip()) for os in oses for py in args.python.split(",")]
    args.out.mkdir(parents=True, exist_ok=True)
    bundle = build(args.out.resolve(), targets)
    size = sum(f.stat().st_size for f in bundle.rglob("*") if f.is_file())
    print(f"离线安装包：{bundle}（{size / 1e6:.1f} MB）")
    if args.zip:
        archive = shutil.make_archive(str(bundle), "zip", bundle.parent, bundle.name)
        print(f"压缩包：{archive}")


if __name__ == "__main__":
    main()
