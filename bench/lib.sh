# Shared by bench/run, bench/load and bench/crash: the release build, generated databases, a server to start and
# stop, sign-ins and queries. Sourced, not run.
# shellcheck shell=bash

# shellcheck source=scripts/setup
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/setup"
apt_install wrk sqlite3 postgresql-client curl

BIN=${BENCH_BIN:-$PWD/target/release/budaya}
SITE=$PWD/target/site
DATA=$PWD/bench/.data
PG=${BENCH_PG:-postgres://postgres@127.0.0.1:5432}
SEED=20261123
mkdir -p "$DATA"

build_release() {
  if [ -z "${BENCH_NO_BUILD:-}" ]; then
    say "building the release server and site"
    build_site
  fi
  [ -x "$BIN" ] || die "no release build at $BIN"
}

# gen-data arguments of a named size.
shape() {
  case "$1" in
    smoke) echo "--pemda 1 --opds-per-pemda 5 --years 1 --actions 2000" ;;
    small) echo "--pemda 1 --opds-per-pemda 30 --years 1 --actions 10000" ;;
    province) echo "--pemda 11 --opds-per-pemda 46 --years 5 --actions 1000000" ;;
    # The province's 506 OPDs with one year of light history: generated in minutes, for the views whose cost
    # follows the number of OPDs rather than history.
    province-1y) echo "--pemda 11 --opds-per-pemda 46 --years 1 --actions 20000" ;;
    # A national install: 38 provinces under one national node, 548 Pemdas, 25,208 OPDs, one year.
    national) echo "--provinces 38 --pemda 548 --opds-per-pemda 46 --years 1 --actions 2000000" ;;
    *) die "unknown size $1 (smoke, small, province, province-1y, national)" ;;
  esac
}

# The environment of a server for SIZE on ENGINE: data directory and database URL.
env_for() {
  local size=$1 engine=$2
  BENCH_DIR=$DATA/$size-$engine
  case "$engine" in
    sqlite) BENCH_URL="sqlite://$BENCH_DIR/budaya.db?mode=rwc" ;;
    postgres) BENCH_URL="$PG/budaya_bench_${size//-/_}" ;;
    *) die "unknown engine $engine (sqlite, postgres)" ;;
  esac
}

psql_admin() { PGOPTIONS='-c client_min_messages=warning' psql -qAt "$PG/postgres" -c "$1"; }

# Empties the database and data directory of the current environment.
wipe() {
  rm -rf "$BENCH_DIR"
  mkdir -p "$BENCH_DIR"
  if [[ $BENCH_URL == postgres* ]]; then
    local name=${BENCH_URL##*/}
    psql_admin "DROP DATABASE IF EXISTS $name WITH (FORCE)"
    psql_admin "CREATE DATABASE $name"
  fi
}

# The server's settings for the current environment, as `env` arguments.
settings() {
  SETTINGS=(BUDAYA_DATA_DIR="$BENCH_DIR" BUDAYA_DATABASE_URL="$BENCH_URL" BUDAYA_SITE_ROOT="$SITE"
    BUDAYA_ADDR="127.0.0.1:$PORT" BUDAYA_REMINDER_MINUTES=0 BUDAYA_LOG="${BUDAYA_LOG:-error}")
}

budaya() {
  settings
  env "${SETTINGS[@]}" "$BIN" "$@"
}

# Generates SIZE into the current environment unless it already holds it; prints the seconds it took.
ensure_generated() {
  local size=$1
  local marker="$BENCH_DIR/generated-$size"
  if [ -f "$marker" ] && [ -z "${BENCH_FRESH:-}" ]; then
    cat "$marker"
    return
  fi
  wipe
  local start=$SECONDS
  # shellcheck disable=SC2046
  budaya gen-data $(shape "$size") --seed "$SEED" >&2
  echo $((SECONDS - start)) | tee "$marker"
}

PORT=${BENCH_PORT:-3990}
BASE=http://127.0.0.1:$PORT
SERVER_PID=

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# Starts the server; READY_MS is how many milliseconds it took to answer /readyz.
start_server() {
  local start
  start=$(now_ms)
  settings
  # `env` execs the server, so SERVER_PID is the server itself (a shell function would be a subshell).
  env "${SETTINGS[@]}" "$BIN" serve &
  SERVER_PID=$!
  for _ in $(seq 600); do
    if curl -sf "$BASE/readyz" >/dev/null 2>&1; then
      READY_MS=$(($(now_ms) - start))
      return
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || die "the server stopped while starting"
    sleep 0.02
  done
  die "the server did not get ready within 12 s"
}

stop_server() {
  [ -n "$SERVER_PID" ] || return 0
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
}

# Kibibytes of the server's resident memory now (VmRSS) or at its peak (VmHWM).
rss_kb() { awk -v key="$1:" '$1 == key { print $2 }' "/proc/$SERVER_PID/status"; }

# Signs USER in and prints the Cookie header value of the session.
sign_in() {
  curl -sf -D - -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"budaya-demo\"}" "$BASE/api/v1/auth/login" |
    awk -F'[:;]' 'tolower($1) == "set-cookie" { sub(/^ /, "", $2); print $2; exit }'
}

# One value from the database of the current environment.
sql() {
  if [[ $BENCH_URL == postgres* ]]; then
    psql -qAt "$BENCH_URL" -c "$1"
  else
    sqlite3 -noheader "$BENCH_DIR/budaya.db" "$1"
  fi
}

# SQL for the text form of a uuid column (SQLite keeps them as 16-byte blobs).
uuid_text() {
  if [[ $BENCH_URL == postgres* ]]; then
    echo "$1::text"
  else
    echo "lower(substr(hex($1),1,8)||'-'||substr(hex($1),9,4)||'-'||substr(hex($1),13,4)||'-'||substr(hex($1),17,4)||'-'||substr(hex($1),21))"
  fi
}

trap stop_server EXIT
