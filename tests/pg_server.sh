#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests (the ctest fixture "pg").
#
#   tests/pg_server.sh start DIR   initdb + start a server, create the database
#                                  cronista_test, write its URL to DIR/url
#   tests/pg_server.sh stop DIR    stop it (no process left behind), delete its data
#
# The server listens only on a unix socket (no TCP), trusts local connections,
# runs with fsync off, and keeps its data and socket in DIR -- or, when DIR is
# too deep for a socket path or out of the server user's reach, in a /tmp
# directory named in DIR/rundir. initdb refuses to run as root, so as root the
# server runs as the `postgres` system user (created when missing). Its log is
# DIR/server.log (kept after stop). CRONISTA_PG_BINDIR overrides the binaries'
# directory (default: Debian's postgresql-15).
set -euo pipefail

usage() {
  echo "usage: $0 start|stop DIR" >&2
  exit 2
}
[ $# -eq 2 ] || usage
cmd=$1
mkdir -p "$2"
dir=$(cd "$2" && pwd)
bindir=${CRONISTA_PG_BINDIR:-/usr/lib/postgresql/15/bin}
db=cronista_test

if [ "$(id -u)" -eq 0 ]; then
  server_user=postgres
  as_server() { (cd "$run" && runuser -u "$server_user" -- "$@"); }
else
  server_user=$(id -un)
  as_server() { (cd "$run" && "$@"); }
fi

log() { echo "pg_server: $*" >&2; }

# Where the data directory and the socket are (set by start, read by stop).
rundir() {
  if [ -f "$dir/rundir" ]; then cat "$dir/rundir"; else echo "$dir"; fi
}

# Processes of the server whose data directory is $1: the postmaster named in
# postmaster.pid, if it is still that server, and its children.
server_pids() {
  local data=$1 pid p line fields
  [ -f "$data/postmaster.pid" ] || return 0
  pid=$(head -n 1 "$data/postmaster.pid" 2>/dev/null || true)
  case "$pid" in '' | *[!0-9]*) return 0 ;; esac
  # A stale pid file may name an unrelated process by now.
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$data" || return 0
  echo "$pid"
  # Builtins only: one fork per process would take seconds on a busy machine.
  for p in /proc/[0-9]*; do
    read -r line <"$p/stat" 2>/dev/null || continue
    # "pid (comm) state ppid ...", where comm may hold spaces and parentheses.
    read -r -a fields <<<"${line##*) }"
    [ "${fields[1]:-}" = "$pid" ] && echo "${p#/proc/}"
  done
  return 0
}

stop() {
  local run data pids p i
  run=$(rundir)
  data="$run/data"
  rm -f "$dir/url"
  if [ -d "$data" ]; then
    pids=$(server_pids "$data")
    if [ -n "$pids" ]; then
      # immediate: the data is thrown away, no need for a clean checkpoint.
      as_server "$bindir/pg_ctl" -D "$data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
      for i in $(seq 1 50); do
        alive=""
        for p in $pids; do kill -0 "$p" 2>/dev/null && alive="$alive $p"; done
        [ -z "$alive" ] && break
        # shellcheck disable=SC2086  # a list of pids
        if [ "$i" -eq 30 ]; then kill -KILL $alive 2>/dev/null || true; fi
        sleep 0.2
      done
      [ -z "$alive" ] || { log "processes$alive would not stop"; return 1; }
    fi
  fi
  [ -f "$run/server.log" ] && [ "$run" != "$dir" ] && cp "$run/server.log" "$dir/server.log"
  rm -rf "$data" "$dir/rundir"
  if [ "$run" != "$dir" ]; then rm -rf "$run"; fi
  return 0
}

start() {
  local port socket_path conf url host_enc i c
  [ -x "$bindir/initdb" ] || { log "no PostgreSQL server in $bindir (package postgresql-15)"; exit 1; }
  stop  # whatever an interrupted earlier run left
  rm -f "$dir/server.log"

  if [ "$(id -u)" -eq 0 ] && ! id -u "$server_user" >/dev/null 2>&1; then
    useradd --system --user-group --no-create-home --shell /usr/sbin/nologin "$server_user"
  fi
  # Any port number will do without TCP (it only names the socket file); one
  # nothing listens on keeps it unambiguous on this machine.
  for i in $(seq 1 100); do
    port=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
  done

  run=$dir
  [ "$(id -u)" -eq 0 ] && chown "$server_user:" "$dir"
  socket_path="$dir/.s.PGSQL.$port"
  # sun_path holds 107 bytes; the server user must be able to reach DIR.
  if [ ${#socket_path} -gt 100 ] || ! as_server test -w "$dir" -a -x "$dir" 2>/dev/null; then
    run=$(mktemp -d /tmp/cronista-pg.XXXXXX)
    echo "$run" >"$dir/rundir"
    [ "$(id -u)" -eq 0 ] && chown "$server_user:" "$run"
    chmod 755 "$run"
  fi
  # On any failure below (set -e), show why and leave nothing running.
  trap 'if [ $? -ne 0 ]; then log "start failed; server log:"; tail -n 30 "$run/server.log" >&2 2>/dev/null || true; stop; fi' EXIT

  as_server "$bindir/initdb" -D "$run/data" -U postgres -A trust -E UTF8 --no-locale --no-sync \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; false; }
  conf="$run/data/postgresql.conf"
  {
    echo "# tests/pg_server.sh"
    echo "listen_addresses = ''"
    echo "port = $port"
    echo "unix_socket_directories = '${run//\'/\'\'}'"
    # Only the server user (and root) may connect: authentication is "trust".
    echo "unix_socket_permissions = 0700"
    echo "fsync = off"
    echo "synchronous_commit = off"
    echo "full_page_writes = off"
    echo "shared_buffers = 32MB"
    echo "max_connections = 100"
  } >>"$conf"
  as_server "$bindir/pg_ctl" -D "$run/data" -l "$run/server.log" -w -t 60 start >/dev/null
  for i in $(seq 1 120); do
    "$bindir/pg_isready" -q -h "$run" -p "$port" -U postgres && break
    [ "$i" -eq 120 ] && { log "server not ready after 60 s"; false; }
    sleep 0.5
  done
  "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h "$run" -p "$port" -U postgres -d postgres \
    -c "CREATE DATABASE $db"

  # Percent-encode the socket directory for the URL's query, byte by byte.
  local LC_ALL=C
  host_enc=""
  for ((i = 0; i < ${#run}; i++)); do
    c=${run:i:1}
    case "$c" in
      [A-Za-z0-9/._~-]) host_enc+=$c ;;
      *) host_enc+=$(printf '%%%02X' "'$c") ;;
    esac
  done
  url="postgresql:///$db?host=$host_enc&port=$port&user=postgres"
  echo "$url" >"$dir/url.tmp"
  mv "$dir/url.tmp" "$dir/url"
  trap - EXIT
  log "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') ready: $url"
}

case "$cmd" in
  start) start ;;
  stop)
    stop
    log "stopped"
    ;;
  *) usage ;;
esac
