#!/bin/sh
# 学知离线安装（Linux x64）：从本目录的 wheels/ 安装，不需要联网。
#   ./install.sh                  安装（普通用户装到 ~/.local/lib/xuezhi，root 装到 /opt/xuezhi）
#   ./install.sh --target 目录     装到别处
#   ./install.sh --uninstall      卸载（学习记录保留）
#   PYTHON=/usr/bin/python3.12 ./install.sh   指定 Python
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
SUPPORTED='import sys; sys.exit(not ((3, 11) <= sys.version_info[:2] <= (3, 13)))'
if [ -n "${PYTHON:-}" ]; then
    exec "$PYTHON" "$HERE/install.py" "$@"
fi
for py in python3.13 python3.12 python3.11 python3; do
    if command -v "$py" >/dev/null 2>&1 && "$py" -c "$SUPPORTED" 2>/dev/null; then
        exec "$py" "$HERE/install.py" "$@"
    fi
done
echo "错误：没有找到 Python 3.11–3.13。请先安装 Python（如 Debian、Ubuntu：apt install python3），或用 PYTHON=/路径/python3 ./install.sh 指定。" >&2
exit 1
