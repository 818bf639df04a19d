# Shared helpers for scripts/run.sh, scripts/test.sh and .ci/run (sourced, not executed).

# Stops with a message when a required tool is missing.
require() {
  command -v "$1" >/dev/null 2>&1 || { echo "error: '$1' is needed: $2" >&2; exit 1; }
}

# The cargo target directory (honours CARGO_TARGET_DIR).
target_dir() {
  echo "${CARGO_TARGET_DIR:-$PWD/target}"
}

# Installs the frontend's npm packages unless node_modules already matches package-lock.json.
frontend_install() {
  if [ ! -f frontend/node_modules/.package-lock.json ] \
    || [ frontend/package-lock.json -nt frontend/node_modules/.package-lock.json ]; then
    (cd frontend && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# Sets TEST_PYTHON to a Python with the test peers the Rust tests start on loopback: aiosmtpd
# (a real SMTP server) and moto (a real S3 API). Installed once into target/test-python from
# PyPI; returns 1 when Python or its venv module is missing, or PyPI cannot be reached.
test_peers_python() {
  local venv
  venv="$(target_dir)/test-python"
  local wanted="aiosmtpd==1.4.6 moto[server]==5.2.5"
  if [ ! -x "$venv/bin/python" ] || [ "$(cat "$venv/.wanted" 2>/dev/null)" != "$wanted" ]; then
    command -v python3 >/dev/null 2>&1 || return 1
    rm -rf "$venv"
    python3 -m venv "$venv" >/dev/null 2>&1 || return 1
    # shellcheck disable=SC2086 # the list is meant to split
    "$venv/bin/pip" install --quiet --disable-pip-version-check $wanted || { rm -rf "$venv"; return 1; }
    echo "$wanted" >"$venv/.wanted"
  fi
  export TEST_PYTHON="$venv/bin/python"
}

# Starts the server binary $1 in the background with the current environment plus
# BIND_ADDR=127.0.0.1:0, waits until it listens, and sets SERVER_PID and SERVER_URL.
start_server() {
  local bin=$1 log=$2
  BIND_ADDR=127.0.0.1:0 "$bin" >"$log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 300); do
    SERVER_URL=$(grep -o 'listening on http://[0-9.:]*' "$log" | head -n1 | sed 's/listening on //') || true
    [ -n "$SERVER_URL" ] && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "error: the server did not start; its log:" >&2
  cat "$log" >&2
  return 1
}
