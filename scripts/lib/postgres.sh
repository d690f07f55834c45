# shellcheck shell=bash
# A throwaway PostgreSQL server on loopback for the backend's database tests.
# Backstage's TestDatabases picks it up through BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING.

PG_PORT="${AI_CONFORMANCE_PG_PORT:-54329}"
PG_PASSWORD="ai-conformance-tests"

pg_bindir() {
  local initdb
  initdb="$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)"
  [ -n "$initdb" ] && dirname "$initdb"
}

pg_install() {
  [ "$(id -u)" = 0 ] || die "PostgreSQL server is missing: install Debian's package ('sudo apt-get install postgresql'), then run again"
  info "installing PostgreSQL from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q postgresql >/tmp/ai-conformance-apt.log 2>&1; then
    apt-get update -q >>/tmp/ai-conformance-apt.log 2>&1 || true
    apt-get install -y -q postgresql >>/tmp/ai-conformance-apt.log 2>&1 ||
      die "could not install PostgreSQL with apt-get (log: /tmp/ai-conformance-apt.log)"
  fi
}

# Runs a command as the postgres user when we are root (initdb refuses to run as root).
pg_as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# Starts the server unless one of ours already answers; exports the connection string.
postgres_setup() {
  local bindir major datadir
  bindir="$(pg_bindir)"
  [ -n "$bindir" ] || { pg_install; bindir="$(pg_bindir)"; }
  [ -n "$bindir" ] || die "PostgreSQL server binaries not found under /usr/lib/postgresql after install"
  major="$(basename "$(dirname "$bindir")")"
  datadir="${TMPDIR:-/tmp}/ai-conformance-postgres-$major"
  local url="postgresql://postgres:$PG_PASSWORD@127.0.0.1:$PG_PORT"

  if "$bindir/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then
    PGPASSWORD="$PG_PASSWORD" "$bindir/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -c 'select 1' >/dev/null 2>&1 ||
      die "port $PG_PORT already has a PostgreSQL server that is not ours: stop it or set AI_CONFORMANCE_PG_PORT to a free port"
  else
    require_free_port "$PG_PORT" "test PostgreSQL; set AI_CONFORMANCE_PG_PORT to use another"
    if [ ! -f "$datadir/PG_VERSION" ]; then
      rm -rf "$datadir" && mkdir -p "$datadir"
      [ "$(id -u)" = 0 ] && chown postgres "$datadir"
      local pwfile="$datadir.pw"
      printf '%s\n' "$PG_PASSWORD" >"$pwfile" && chmod 644 "$pwfile"
      pg_as_owner "$bindir/initdb" -D "$datadir" -U postgres --auth=scram-sha-256 --pwfile="$pwfile" >/dev/null ||
        die "initdb failed for $datadir"
      rm -f "$pwfile"
    fi
    info "starting PostgreSQL $major on 127.0.0.1:$PG_PORT (data: $datadir)"
    pg_as_owner "$bindir/pg_ctl" -D "$datadir" -l "$datadir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $datadir -c fsync=off -c max_connections=200" start >/dev/null ||
      die "PostgreSQL did not start: see $datadir/server.log"
    PG_STARTED_BY_US="$bindir/pg_ctl -D $datadir"
  fi
  export "BACKSTAGE_TEST_DATABASE_POSTGRES${major}_CONNECTION_STRING=$url"
  export AI_CONFORMANCE_TEST_POSTGRES=required
}

postgres_teardown() {
  if [ -n "${PG_STARTED_BY_US:-}" ]; then
    # shellcheck disable=SC2086
    pg_as_owner $PG_STARTED_BY_US -m fast stop >/dev/null 2>&1 || true
  fi
}
