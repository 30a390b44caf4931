# Starts and stops a throwaway PostgreSQL server for tests (sourced by .ci/run; usable by hand:
#   source .ci/postgres.sh && start_test_postgres && echo $PARLEY_TEST_POSTGRES_URL ... stop_test_postgres).
# Any failure is fatal: the store contract suite must run against PostgreSQL in CI.

pg_fail() { echo "error: PostgreSQL for the store contract suite: $*" >&2; exit 1; }

start_test_postgres() {
    local bin
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
    [ -n "$bin" ] && [ -x "$bin/initdb" ] || pg_fail "no PostgreSQL server binaries under /usr/lib/postgresql (package postgresql)"
    PG_BIN=$bin
    local run=()
    if [ "$(id -u)" = 0 ]; then
        id parleyci >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin parleyci \
            || pg_fail "cannot create the system user parleyci"
        run=(runuser -u parleyci --)
    fi
    PG_RUN=("${run[@]}")
    PG_DATA=$(mktemp -d /tmp/parley-pg.XXXXXX)
    [ "$(id -u)" = 0 ] && chown parleyci "$PG_DATA"
    "${run[@]}" "$bin/initdb" -D "$PG_DATA/data" -U parley --auth=trust -E UTF8 --locale=C >"$PG_DATA/initdb.log" 2>&1 \
        || { cat "$PG_DATA/initdb.log" >&2; pg_fail "initdb failed"; }
    # The first free port from 54329 (a server left over from a killed run keeps its port).
    local port started=""
    for port in $(seq 54329 54348); do
        if "${run[@]}" "$bin/pg_ctl" -D "$PG_DATA/data" -l "$PG_DATA/server.log" -w -t 30 \
            -o "-k $PG_DATA -h 127.0.0.1 -p $port -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
            start >/dev/null 2>&1; then
            started=$port
            break
        fi
    done
    [ -n "$started" ] || { tail -20 "$PG_DATA/server.log" >&2 || true; pg_fail "pg_ctl could not start a server on 127.0.0.1:54329-54348"; }
    "$bin/createdb" -h 127.0.0.1 -p "$started" -U parley parley_test || pg_fail "createdb failed"
    export PARLEY_TEST_POSTGRES_URL="postgres://parley@127.0.0.1:$started/parley_test"
    echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$started: PARLEY_TEST_POSTGRES_URL=$PARLEY_TEST_POSTGRES_URL"
}

stop_test_postgres() {
    [ -n "${PG_DATA:-}" ] || return 0
    "${PG_RUN[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$PG_DATA"
    PG_DATA=""
}
