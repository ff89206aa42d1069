@echo off
rem 学知离线安装（Windows x64）：从本目录的 wheels\ 安装，不需要联网。双击运行即可。
rem   install.bat --target 目录    装到别处（默认 %LOCALAPPDATA%\Programs\xuezhi）
rem   install.bat --uninstall     卸载（学习记录保留）
rem   set PYTHON=C:\路径\python.exe 后再运行：指定 Python
setlocal
for /f "tokens=2 delims=:" %%a in ('chcp') do set "OLDCP=%%a"
chcp 65001 >nul
set "HERE=%~dp0"
set "SUPPORTED=import sys; sys.exit(not ((3, 11) <= sys.version_info[:2] <= (3, 13)))"
if defined PYTHON (
    "%PYTHON%" "%HERE%install.py" %*
    goto :done
)
for %%v in (3.13 3.12 3.11) do (
    py -%%v -c "" >nul 2>nul && (
        py -%%v "%HERE%install.py" %*
        goto :done
    )
)
python -c "%SUPPORTED%" >nul 2>nul && (
    python "%HERE%install.py" %*
    goto :done
)
echo 错误：没有找到 Python 3.11–3.13。请先安装 Python（python.org 的 Windows 安装程序，勾选 Add python.exe to PATH），再运行本程序。
cmd /c exit 1
:done
set "RC=%ERRORLEVEL%"
if not defined XUEZHI_NOPAUSE pause
chcp %OLDCP% >nul
exit /b %RC%
