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
#   mariadb-test-server.sh start-cluster DIR [NODES]
#                                       a Galera cluster (Debian's galera-4) of NODES (3) servers
#                                       on loopback, one per DIR/nodeN laid out as a single
#                                       server's DIR, so stop, restart and runtime-url take
#                                       DIR/nodeN; a restarted node rejoins (IST or rsync SST).
#                                       Prints the URL of node 1; every node has its own url.
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
  shift 2  # more server options (the first start of a cluster: --wsrep-new-cluster)
  local socket
  socket=$(<"$dir/socket")
  # A cluster node's own options, one per line (cmd_start_cluster writes them).
  local -a node_args=()
  if [[ -s "$dir/server-args" ]]; then mapfile -t node_args <"$dir/server-args"; fi
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
    "${node_args[@]}" "$@" \
    </dev/null >>"$dir/mariadbd.log" 2>&1 &
  local pid=$!
  echo "$pid" >"$dir/mariadbd.pid"
  # A joining cluster node first copies the data (SST); give it longer.
  local deadline=$((SECONDS + (${#node_args[@]} > 0 ? 120 : 30)))
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      log "mariadbd exited during start (port $port); see $dir/mariadbd.log"
      return 1
    fi
    # mariadbd binds TCP before the socket and exits when the port is taken, so an answer on
    # the socket means TCP is listening too.
    if [[ -S "$socket" ]] && root_client "$dir" -e 'SELECT 1' >/dev/null 2>&1 &&
      { ((${#node_args[@]} == 0)) || [[ "$(root_client "$dir" -N -B -e \
        "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS
         WHERE VARIABLE_NAME = 'WSREP_LOCAL_STATE_COMMENT'" 2>/dev/null)" == Synced ]]; }; then
      echo "$pid" >"$dir/mariadbd.pid"
      return 0
    fi
    sleep 0.2
  done
  log "mariadbd not ready in time; see $dir/mariadbd.log"
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

# A fresh DIR with an empty DIR/data and the path of its socket in DIR/socket.
prepare_dir() {
  local dir=$1
  if server_pid "$dir" >/dev/null; then die "a server is already running in $dir"; fi
  rm -rf "$dir/data"
  mkdir -p "$dir/data"
  # A unix socket path must fit in 108 bytes; fall back to a short private directory.
  local socket="$dir/sock"
  if ((${#socket} > 100)); then
    socket="$(mktemp -d /tmp/swvdb.XXXXXX)/sock"
  fi
  echo "$socket" >"$dir/socket"
}

install_db() {
  local dir=$1
  log "initialising $dir/data"
  mariadb-install-db --no-defaults --auth-root-authentication-method=normal \
    --datadir="$dir/data" "${USER_OPT[@]}" --skip-test-db --skip-name-resolve \
    >"$dir/install.log" 2>&1 || { cat "$dir/install.log" >&2; die "mariadb-install-db failed"; }
}

# The users and the test database (on a cluster, Galera replicates them to every node).
create_users() {
  root_client "$1" <<'SQL'
CREATE DATABASE IF NOT EXISTS swv_test CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'swv'@'127.0.0.1' IDENTIFIED BY 'swv';
CREATE USER IF NOT EXISTS 'swv'@'localhost' IDENTIFIED BY 'swv';
GRANT ALL PRIVILEGES ON `swv\_%`.* TO 'swv'@'127.0.0.1' WITH GRANT OPTION;
GRANT ALL PRIVILEGES ON `swv\_%`.* TO 'swv'@'localhost' WITH GRANT OPTION;
CREATE USER IF NOT EXISTS 'swv_runtime'@'127.0.0.1' IDENTIFIED BY 'swv_runtime';
CREATE USER IF NOT EXISTS 'swv_runtime'@'localhost' IDENTIFIED BY 'swv_runtime';
FLUSH PRIVILEGES;
SQL
}

write_urls() {
  local dir=$1 port=$2
  echo "mysql://swv:swv@127.0.0.1:$port/swv_test" >"$dir/url"
  echo "mysql://swv_runtime:swv_runtime@127.0.0.1:$port/swv_test" >"$dir/runtime_url"
}

# A free loopback port below the ephemeral range (32768 and up, where tests binding port 0 get
# theirs), not in the list of ports already handed out ($@).
free_port() {
  local candidate
  while true; do
    candidate=$((10000 + RANDOM % 22000))
    port_in_use "$candidate" && continue
    [[ " $* " == *" $candidate "* ]] && continue
    echo "$candidate"
    return
  done
}

cmd_start() {
  local dir=$1
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  prepare_dir "$dir"
  install_db "$dir"

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

  create_users "$dir"
  write_urls "$dir" "$port"
  log "mariadbd $(<"$dir/mariadbd.pid") ready on 127.0.0.1:$port (datadir $dir/data)"
  cat "$dir/url"
}

# Galera on loopback: node i listens on its SQL port, its group port (gmcast), its IST port and
# its SST (rsync) port. Node 1 bootstraps the cluster; the others join it and copy its data.
cmd_start_cluster() {
  local dir=$1 nodes=${2:-3}
  local provider=/usr/lib/galera/libgalera_smm.so
  [[ -f "$provider" ]] || die "$provider not found (install galera-4)"
  command -v rsync >/dev/null || die "rsync not found (the nodes copy their data with it)"
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  local -a taken=() sql=() group=()
  local i
  for ((i = 1; i <= nodes; i++)); do
    sql[i]=$(free_port "${taken[@]}"); taken+=("${sql[i]}")
    group[i]=$(free_port "${taken[@]}"); taken+=("${group[i]}")
  done
  local members=""
  for ((i = 1; i <= nodes; i++)); do members+="${members:+,}127.0.0.1:${group[i]}"; done
  for ((i = 1; i <= nodes; i++)); do
    local node="$dir/node$i"
    mkdir -p "$node"
    prepare_dir "$node"
    local ist sst
    ist=$(free_port "${taken[@]}"); taken+=("$ist")
    sst=$(free_port "${taken[@]}"); taken+=("$sst")
    echo "${sql[i]}" >"$node/port"
    # Row-based replication and interleaved auto-increment locks are what Galera requires.
    cat >"$node/server-args" <<ARGS
--wsrep-on=ON
--wsrep-provider=$provider
--wsrep-cluster-name=swv-test
--wsrep-cluster-address=gcomm://$members
--wsrep-node-name=node$i
--wsrep-node-address=127.0.0.1:${group[i]}
--wsrep-node-incoming-address=127.0.0.1:${sql[i]}
--wsrep-provider-options=gmcast.listen_addr=tcp://127.0.0.1:${group[i]};ist.recv_addr=127.0.0.1:$ist;gcache.size=64M
--wsrep-sst-method=rsync
--wsrep-sst-receive-address=127.0.0.1:$sst
--binlog-format=ROW
--innodb-autoinc-lock-mode=2
ARGS
    write_urls "$node" "${sql[i]}"
  done
  # A joining node copies its data with rsync (SST). Run as root, rsync's daemon drops to
  # nobody, which must be able to reach and write the datadirs of this throwaway cluster.
  if [[ $(id -u) -eq 0 ]]; then
    chmod o+x "$dir/.." "$dir"
    for ((i = 1; i <= nodes; i++)); do chmod o+x "$dir/node$i"; chmod 0777 "$dir/node$i/data"; done
  fi
  install_db "$dir/node1"
  launch "$dir/node1" "${sql[1]}" --wsrep-new-cluster || die "node 1 did not start"
  create_users "$dir/node1"
  for ((i = 2; i <= nodes; i++)); do
    launch "$dir/node$i" "${sql[i]}" || die "node $i did not join; see $dir/node$i/mariadbd.log"
  done
  local size
  size=$(root_client "$dir/node1" -N -B -e "SHOW STATUS LIKE 'wsrep_cluster_size'" | cut -f2)
  [[ "$size" == "$nodes" ]] || die "cluster size $size, expected $nodes"
  log "galera cluster of $nodes nodes ready (SQL ports ${sql[*]:1})"
  cat "$dir/node1/url"
}

# A cluster node that was killed has no position in grastate.dat; InnoDB knows it. Told where it
# stood, the node catches up from another node's write-set cache (IST) instead of copying all
# data again. Prints --wsrep-start-position=UUID:SEQNO, or nothing when the position is known.
recovered_position() {
  local dir=$1
  grep -q '^seqno: *-1' "$dir/data/grastate.dat" 2>/dev/null || return 0
  local -a node_args=()
  mapfile -t node_args <"$dir/server-args"
  "$MARIADBD" --no-defaults --datadir="$dir/data" --socket="$(<"$dir/socket")" \
    --log-error="$dir/recover.log" "${USER_OPT[@]}" --skip-log-bin \
    --innodb-buffer-pool-size=64M --innodb-log-file-size=48M "${node_args[@]}" \
    --wsrep-recover </dev/null >/dev/null 2>&1 || true
  local found
  found=$(grep -o 'Recovered position: [^ ]*' "$dir/recover.log" | tail -1 | cut -d' ' -f3)
  [[ -n "$found" ]] && echo "--wsrep-start-position=$found"
  return 0
}

cmd_restart() {
  local dir=$1
  [[ -d "$dir/data" && -s "$dir/port" ]] || die "$dir holds no server started by this script"
  dir=$(cd "$dir" && pwd)
  stop_server "$dir"
  local port
  port=$(<"$dir/port")
  local -a position=()
  if [[ -s "$dir/server-args" ]]; then mapfile -t position < <(recovered_position "$dir"); fi
  # The same port is required (clients hold the URL); retry briefly in case it is still in use.
  local attempt
  for attempt in 1 2 3 4 5; do
    if launch "$dir" "$port" "${position[@]}"; then
      log "mariadbd $(<"$dir/mariadbd.pid") restarted on 127.0.0.1:$port"
      return 0
    fi
    sleep 1
  done
  die "could not restart mariadbd on port $port; see $dir/mariadbd.log"
}

usage() { die "usage: $0 start|stop|restart|runtime-url DIR, or start-cluster DIR [NODES]"; }

(($# == 2)) || { [[ "${1:-}" == start-cluster ]] && (($# == 3)); } || usage
case "$1" in
  start) cmd_start "$2" ;;
  start-cluster) cmd_start_cluster "$2" "${3:-3}" ;;
  stop) [[ -d "$2" ]] || die "no such directory: $2"; stop_server "$(cd "$2" && pwd)" ;;
  restart) cmd_restart "$2" ;;
  runtime-url) [[ -s "$2/runtime_url" ]] || die "$2 holds no server started by this script"; cat "$2/runtime_url" ;;
  *) usage ;;
esac
