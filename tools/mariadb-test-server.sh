#!/usr/bin/env bash
# A throwaway MariaDB server for tests, without systemd.
#
#   mariadb-test-server.sh start DIR    fresh datadir in DIR, server on a free loopback port;
#                                       prints exactly one line on stdout, the URL
#                                       mysql://swv:swv@127.0.0.1:PORT/swv_test (also in DIR/url)
#   mariadb-test-server.sh stop DIR     SIGTERM, wait up to 20 s, then SIGKILL
#   mariadb-test-server.sh restart DIR  stop, then start again on the same datadir and port
#   mariadb-test-server.sh runtime-url DIR
#                                       prints the URL of the runtime user (also in
#                                       DIR/runtime_url): mysql://swv_runtime:swv_runtime@...
#
# Two users, as in production (docs/deploy.md, "Database users"): swv owns the swv_* databases
# and may grant rights in them (it runs migrations, and the tests as it); swv_runtime starts with
# no rights at all, and a test grants it what a service's runtime user gets in production.
#
# Layout of DIR: data/ (datadir), mariadbd.pid, mariadbd.log, port, socket, url.
# Everything but the URL goes to stderr, so callers can write URL=$(... start DIR).
# Uses only binaries from the Debian packages mariadb-server and mariadb-client. Works as root
# (then mariadbd needs --user=root) and as a normal user.
set -euo pipefail

log() { echo "mariadb-test-server: $*" >&2; }
die() { log "error: $*"; exit 1; }

MARIADBD=$(command -v mariadbd || echo /usr/sbin/mariadbd)
[[ -x "$MARIADBD" ]] || die "mariadbd not found (install mariadb-server)"
command -v mariadb-install-db >/dev/null || die "mariadb-install-db not found"
command -v mariadb >/dev/null || die "mariadb client not found (install mariadb-client)"

# mariadbd refuses to run as root without --user=root; as anyone else --user is not allowed.
USER_OPT=()
if [[ $(id -u) -eq 0 ]]; then USER_OPT=(--user=root); fi

# True when something accepts connections on 127.0.0.1:$1.
port_in_use() {
  if command -v ss >/dev/null; then
    ss -Hltn "sport = :$1" 2>/dev/null | grep -q . && return 0
  fi
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

server_pid() {
  local dir=$1
  [[ -s "$dir/mariadbd.pid" ]] || return 1
  local pid
  pid=$(<"$dir/mariadbd.pid")
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

# Root client over the socket (root has no password: installed with authentication "normal").
root_client() {
  local dir=$1; shift
  mariadb --no-defaults --protocol=socket --socket="$(<"$dir/socket")" -uroot "$@"
}

# Starts mariadbd on $dir/data and port $2 in the background; waits for readiness.
# Returns 1 (server stopped again) when it does not come up, e.g. because the port got taken.
launch() {
  local dir=$1 port=$2
  local socket
  socket=$(<"$dir/socket")
  rm -f "$socket" "$dir/mariadbd.pid"
  # Output into the log, stdin from /dev/null: the server must not hold the caller's stdout pipe
  # (URL=$(...) would otherwise wait for the server to exit).
  "$MARIADBD" --no-defaults \
    --datadir="$dir/data" --socket="$socket" --port="$port" --bind-address=127.0.0.1 \
    --pid-file="$dir/mariadbd.pid" --log-error="$dir/mariadbd.log" "${USER_OPT[@]}" \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
    --skip-log-bin --skip-name-resolve --max-connections=500 \
    --innodb-buffer-pool-size=64M --innodb-log-file-size=48M \
    --innodb-flush-log-at-trx-commit=2 --innodb-lock-wait-timeout=10 \
    </dev/null >>"$dir/mariadbd.log" 2>&1 &
  local pid=$!
  echo "$pid" >"$dir/mariadbd.pid"
  local deadline=$((SECONDS + 30))
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      log "mariadbd exited during start (port $port); see $dir/mariadbd.log"
      return 1
    fi
    # mariadbd binds TCP before the socket and exits when the port is taken, so an answer on
    # the socket means TCP is listening too.
    if [[ -S "$socket" ]] && root_client "$dir" -e 'SELECT 1' >/dev/null 2>&1; then
      echo "$pid" >"$dir/mariadbd.pid"
      return 0
    fi
    sleep 0.2
  done
  log "mariadbd not ready after 30 s; see $dir/mariadbd.log"
  stop_server "$dir"
  return 1
}

stop_server() {
  local dir=$1 pid
  if ! pid=$(server_pid "$dir"); then
    log "no running server in $dir"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + 20))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    log "mariadbd $pid did not stop in 20 s; SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
  rm -f "$dir/mariadbd.pid"
  log "stopped mariadbd $pid"
}

cmd_start() {
  local dir=$1
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  if server_pid "$dir" >/dev/null; then die "a server is already running in $dir"; fi
  rm -rf "$dir/data"
  mkdir -p "$dir/data"

  # A unix socket path must fit in 108 bytes; fall back to a short private directory.
  local socket="$dir/sock"
  if ((${#socket} > 100)); then
    socket="$(mktemp -d /tmp/swvdb.XXXXXX)/sock"
  fi
  echo "$socket" >"$dir/socket"

  log "initialising $dir/data"
  mariadb-install-db --no-defaults --auth-root-authentication-method=normal \
    --datadir="$dir/data" "${USER_OPT[@]}" --skip-test-db --skip-name-resolve \
    >"$dir/install.log" 2>&1 || { cat "$dir/install.log" >&2; die "mariadb-install-db failed"; }

  local attempt port=
  for attempt in $(seq 1 10); do
    # Below the ephemeral range (32768 and up), where tests binding port 0 get their ports.
    local candidate=$((10000 + RANDOM % 22000))
    port_in_use "$candidate" && continue
    if launch "$dir" "$candidate"; then port=$candidate; break; fi
    log "start on port $candidate failed (attempt $attempt); trying another port"
  done
  [[ -n "$port" ]] || die "could not start mariadbd; see $dir/mariadbd.log"
  echo "$port" >"$dir/port"

  root_client "$dir" <<'SQL'
CREATE DATABASE IF NOT EXISTS swv_test CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'swv'@'127.0.0.1' IDENTIFIED BY 'swv';
CREATE USER IF NOT EXISTS 'swv'@'localhost' IDENTIFIED BY 'swv';
GRANT ALL PRIVILEGES ON `swv\_%`.* TO 'swv'@'127.0.0.1' WITH GRANT OPTION;
GRANT ALL PRIVILEGES ON `swv\_%`.* TO 'swv'@'localhost' WITH GRANT OPTION;
CREATE USER IF NOT EXISTS 'swv_runtime'@'127.0.0.1' IDENTIFIED BY 'swv_runtime';
CREATE USER IF NOT EXISTS 'swv_runtime'@'localhost' IDENTIFIED BY 'swv_runtime';
FLUSH PRIVILEGES;
SQL

  local url="mysql://swv:swv@127.0.0.1:$port/swv_test"
  echo "$url" >"$dir/url"
  echo "mysql://swv_runtime:swv_runtime@127.0.0.1:$port/swv_test" >"$dir/runtime_url"
  log "mariadbd $(<"$dir/mariadbd.pid") ready on 127.0.0.1:$port (datadir $dir/data)"
  echo "$url"
}

cmd_restart() {
  local dir=$1
  [[ -d "$dir/data" && -s "$dir/port" ]] || die "$dir holds no server started by this script"
  dir=$(cd "$dir" && pwd)
  stop_server "$dir"
  local port
  port=$(<"$dir/port")
  # The same port is required (clients hold the URL); retry briefly in case it is still in use.
  local attempt
  for attempt in 1 2 3 4 5; do
    if launch "$dir" "$port"; then
      log "mariadbd $(<"$dir/mariadbd.pid") restarted on 127.0.0.1:$port"
      return 0
    fi
    sleep 1
  done
  die "could not restart mariadbd on port $port; see $dir/mariadbd.log"
}

usage() { die "usage: $0 start|stop|restart|runtime-url DIR"; }

(($# == 2)) || usage
case "$1" in
  start) cmd_start "$2" ;;
  stop) [[ -d "$2" ]] || die "no such directory: $2"; stop_server "$(cd "$2" && pwd)" ;;
  restart) cmd_restart "$2" ;;
  runtime-url) [[ -s "$2/runtime_url" ]] || die "$2 holds no server started by this script"; cat "$2/runtime_url" ;;
  *) usage ;;
esac
