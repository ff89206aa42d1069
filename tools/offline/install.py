"""学知离线安装：把本目录 wheels/ 中的学知装进一个独立的虚拟环境，并把 xuezhi 命令放到 PATH 上。

不联网：pip 以 --no-index --find-links wheels/ 运行。由 install.bat（Windows）或 install.sh（Linux）
调用，也可直接运行：python install.py [--target 目录] [--bin 目录] [--uninstall]

The venv is created without pip and pip is run from its own wheel in the bundle, so ensurepip is
not needed (Debian's python3 without python3-venv has none). Only the standard library is used:
this runs on the office PC before anything is installed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
WHEELS = HERE / "wheels"
WINDOWS = os.name == "nt"
SUPPORTED = ((3, 11), (3, 13))


def fail(message: str) -> None:
    print(f"错误：{message}", file=sys.stderr)
    raise SystemExit(1)


def default_dirs() -> tuple[Path, Path]:
    """Where the venv and the launcher go: per user, or for all users when run as root."""
    if WINDOWS:
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "Programs" / "xuezhi"
        return base, base / "bin"
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        return Path("/opt/xuezhi"), Path("/usr/local/bin")
    return Path.home() / ".local" / "lib" / "xuezhi", Path.home() / ".local" / "bin"


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if WINDOWS else "bin/python")


def venv_command(venv: Path) -> Path:
    return venv / ("Scripts/xuezhi.exe" if WINDOWS else "bin/xuezhi")


def launcher(bin_dir: Path) -> Path:
    return bin_dir / ("xuezhi.exe" if WINDOWS else "xuezhi")


def check_python() -> None:
    version = sys.version_info[:2]
    if not SUPPORTED[0] <= version <= SUPPORTED[1]:
        fail(
            f"离线安装包只带有 Python 3.11–3.13 的文件，当前是 Python {version[0]}.{version[1]}"
            f"（{sys.executable}）。请换用 3.11–3.13，例如 PYTHON=python3.12 ./install.sh 或 py -3.12 install.py。"
        )
    if sys.maxsize <= 2**32:
        fail("离线安装包只适用于 64 位 Python，当前是 32 位 Python。请安装 64 位的 Python 3.11–3.13。")


def find_pip_wheel() -> Path:
    pips = sorted(WHEELS.glob("pip-*.whl"))
    if not pips or not list(WHEELS.glob("xuezhi-*.whl")):
        fail(f"{WHEELS} 中没有学知或 pip 的安装文件：离线安装包不完整，请重新复制整个文件夹。")
    return pips[-1]


def install(target: Path, bin_dir: Path) -> None:
    check_python()
    pip_wheel = find_pip_wheel()
    venv = target / "venv"
    print(f"安装位置：{venv}")
    # --clear: a reinstall (or a newer bundle) starts from an empty venv, even if the Python changed.
    run([sys.executable, "-m", "venv", "--clear", "--without-pip", str(venv)], "创建虚拟环境")
    run(
        [
            # --isolated: no pip.conf or PIP_* variable can add an index or another find-links.
            str(venv_python(venv)), str(pip_wheel / "pip"), "--isolated", "install", "--no-index",
            "--find-links", str(WHEELS),
            "--disable-pip-version-check", "--no-warn-script-location", "--quiet", "pip", "xuezhi",
        ],
        "安装学知及其依赖（不联网）",
    )
    link = put_on_path(venv, bin_dir)
    run([str(link), "--version"], "检查安装结果")
    print(f"已安装。运行 xuezhi quiz 开始自测（命令位置：{link}）。")
    if not on_path(bin_dir):
        if WINDOWS:
            print("请关闭并重新打开命令提示符窗口，之后就能直接运行 xuezhi。")
        else:
            print(f"{bin_dir} 不在 PATH 中。请运行下面一行（只需一次），再打开新的终端窗口：")
            print(f"  echo 'export PATH=\"{bin_dir}:$PATH\"' >> ~/.bashrc")


def put_on_path(venv: Path, bin_dir: Path) -> Path:
    """A launcher in bin_dir that runs the venv's xuezhi, without putting the venv's python on PATH."""
    bin_dir.mkdir(parents=True, exist_ok=True)
    link = launcher(bin_dir)
    if WINDOWS:
        # pip's xuezhi.exe names the venv's python.exe by its absolute path, so a copy keeps working
        # (a .bat wrapper would ask "Terminate batch job (Y/N)?" on every Ctrl-C in a quiz).
        shutil.copy2(venv_command(venv), link)
        add_to_user_path(bin_dir)
        return link
    if link.is_symlink() or not link.exists():
        link.unlink(missing_ok=True)
        link.symlink_to(venv_command(venv))
        return link
    fail(f"{link} 已存在且不是学知的安装：没有覆盖它。可以用 --bin 另选一个目录。")
    raise AssertionError  # unreachable: fail() exits


def on_path(directory: Path) -> bool:
    entries = os.environ.get("PATH", "").split(os.pathsep)
    return any(Path(entry).expanduser().resolve() == directory.resolve() for entry in entries if entry)


def add_to_user_path(directory: Path) -> None:
    """Append to the user's PATH in the registry (setx would truncate it and merge in the system PATH)."""
    import ctypes
    import winreg  # type: ignore[import-not-found]  # Windows only

    with winreg.OpenKey(winreg.HKEY_CURRENT_USER, "Environment", 0, winreg.KEY_READ | winreg.KEY_WRITE) as key:
        try:
            current, kind = winreg.QueryValueEx(key, "Path")
        except FileNotFoundError:
            current, kind = "", winreg.REG_EXPAND_SZ
        entries = [e for e in current.split(";") if e]
        wanted = os.path.normcase(str(directory))
        if any(os.path.normcase(os.path.expandvars(e)).rstrip("\\") == wanted for e in entries):
            return
        winreg.SetValueEx(key, "Path", 0, kind, ";".join([*entries, str(directory)]))
    # Tell Explorer, so that a new command window sees the new PATH without logging off.
    hwnd_broadcast, wm_settingchange, smto_abortifhung = 0xFFFF, 0x001A, 0x0002
    ctypes.windll.user32.SendMessageTimeoutW(  # type: ignore[attr-defined]
        hwnd_broadcast, wm_settingchange, 0, "Environment", smto_abortifhung, 5000, None
    )
    print(f"已把 {directory} 加入当前用户的 PATH。")


def uninstall(target: Path, bin_dir: Path) -> None:
    link = launcher(bin_dir)
    if link.is_symlink() or (WINDOWS and link.exists()):
        link.unlink()
    if (target / "venv").exists():
        shutil.rmtree(target / "venv")
    print(f"已卸载学知（{target / 'venv'}）。学习记录没有删除，仍在原处。")


def run(cmd: list[str], what: str) -> None:
    print(f"{what}……", flush=True)
    try:
        subprocess.run(cmd, check=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        fail(f"{what}失败（{exc}）。上面是 pip 或 Python 的原始输出。")


def main() -> None:
    target, bin_dir = default_dirs()
    parser = argparse.ArgumentParser(description="学知离线安装（不联网）。")
    parser.add_argument("--target", type=Path, default=target, help=f"安装目录（默认 {target}）")
    parser.add_argument("--bin", type=Path, default=bin_dir, help=f"放 xuezhi 命令的目录（默认 {bin_dir}）")
    parser.add_argument("--uninstall", action="store_true", help="卸载（学习记录保留）")
    args = parser.parse_args()
    target, bin_dir = args.target.expanduser().absolute(), args.bin.expanduser().absolute()
    if args.uninstall:
        uninstall(target, bin_dir)
    else:
        install(target, bin_dir)


if __name__ == "__main__":
    main()
