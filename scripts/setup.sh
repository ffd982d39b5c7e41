#!/usr/bin/env bash
# Installs what Harness needs and is missing, then builds. Idempotent: every step checks first.
# Root runs apt-get directly; other users go through sudo.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
log() { printf '[setup] %s\n' "$*" >&2; }

# Debian packages: package -> a file that proves it is installed.
declare -A APT=(
  [libmujoco-dev]=/usr/include/mujoco/mujoco.h
  [libmujoco2.2.2]=/usr/lib/x86_64-linux-gnu/libmujoco.so.2.2.2
  [gcc]=/usr/bin/gcc
  [libosmesa6]=/usr/lib/x86_64-linux-gnu/libOSMesa.so.8
  [libegl1]=/usr/lib/x86_64-linux-gnu/libEGL.so.1
  [libegl-mesa0]=/usr/lib/x86_64-linux-gnu/libEGL_mesa.so.0
  [libglfw3]=/usr/lib/x86_64-linux-gnu/libglfw.so.3
  [ffmpeg]=/usr/bin/ffmpeg
  [xvfb]=/usr/bin/Xvfb
  [xauth]=/usr/bin/xauth
  [libxtst6]=/usr/lib/x86_64-linux-gnu/libXtst.so.6
  [chromium]=/usr/bin/chromium
  # scripts/serve_lerobot.py (policy server for sweeps; its protocol test uses Debian's Python).
  [python3-websockets]=/usr/lib/python3/dist-packages/websockets/__init__.py
  [python3-msgpack]=/usr/lib/python3/dist-packages/msgpack/__init__.py
  [python3-numpy]=/usr/lib/python3/dist-packages/numpy/__init__.py
)
missing=()
for pkg in "${!APT[@]}"; do
  [[ -e "${APT[$pkg]}" ]] || missing+=("$pkg")
done
if ((${#missing[@]})); then
  SUDO=""; [[ $(id -u) -eq 0 ]] || SUDO="sudo"
  log "installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  # With recommends (fonts for Chromium, VA/GL drivers for ffmpeg and Mesa), as the project is tested.
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# ONNX Runtime comes from NuGet with the build (Microsoft.ML.OnnxRuntime; the CUDA package with
# HarnessOnnxCuda=true in the environment, which MSBuild reads as a property).

# Build (the MuJoCo shim is compiled by the Sim project against the installed mujoco.h).
if [[ "${HARNESS_SKIP_BUILD:-0}" != "1" ]]; then
  log "building"
  dotnet build "$ROOT/Harness.sln" -c Release -nologo -v q -clp:ErrorsOnly >&2
fi
