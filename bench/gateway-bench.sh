#!/usr/bin/env bash
# Gateway benchmark: the same read (GET /api/v1/customers/me of the demo customer) measured with wrk
# directly on the customer service (A) and through the API gateway (B, JWT validation and rate
# limiting on), alternating A B A B after a warm-up. The two run as separate JVMs so each one's CPU
# time per request can be read from /proc. See bench/README.md. Loopback traffic only.
set -euo pipefail

root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
cd "$root"

RUN_SECONDS=${BENCH_SECONDS:-30}
PAIRS=${BENCH_PAIRS:-5}
WARMUP_SECONDS=${BENCH_WARMUP_SECONDS:-30}
LATENCY_SECONDS=${BENCH_LATENCY_SECONDS:-20}
WARMUP_MAX_ROUNDS=${BENCH_WARMUP_MAX_ROUNDS:-10}
# The first warm-up rounds run at this concurrency, which leaves the JIT compilers CPU to work with.
WARMUP_CONNECTIONS=${BENCH_WARMUP_CONNECTIONS:-4}
# Warm-up ends when, over a round, the two JVMs' JIT compiler threads used less than this share of one CPU.
WARMUP_JIT_QUIET=${BENCH_WARMUP_JIT_QUIET:-0.02}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-2}
CUSTOMER_PORT=${BENCH_CUSTOMER_PORT:-18081}
GATEWAY_PORT=${BENCH_GATEWAY_PORT:-18080}
GATEWAY_MANAGEMENT_PORT=${BENCH_GATEWAY_MANAGEMENT_PORT:-18090}
# No broker listens here: the service starts and serves reads without one (see README).
KAFKA_PORT=${BENCH_KAFKA_PORT:-19092}
KEYCLOAK_PORT=${BENCH_KEYCLOAK_PORT:-8180}
DB_NAME=${BENCH_DB_NAME:-oasis_bench_customer}
PG_PORT=${BENCH_PG_PORT:-5432}
JAVA_OPTS=${BENCH_JAVA_OPTS:--Xms512m -Xmx512m}
STARTUP_TIMEOUT=${BENCH_STARTUP_TIMEOUT:-240}
# BENCH_TRACING=1: both JVMs trace (at the deployments' sampling, TRACING_SAMPLING_PROBABILITY, 10% unless set)
# and export to a Zipkin server started here (the jar the platform build copies); 0 (default): tracing off.
TRACING=${BENCH_TRACING:-0}
ZIPKIN_PORT=${BENCH_ZIPKIN_PORT:-19411}
ZIPKIN_JAR=platform/target/zipkin/zipkin-server-3.5.1-exec.jar

CUSTOMER_JAR=routes/customer-service/target/customer-service-0.1.0-SNAPSHOT-exec.jar
GATEWAY_JAR=routes/api-gateway/target/api-gateway-0.1.0-SNAPSHOT-exec.jar
ISSUER=http://localhost:$KEYCLOAK_PORT/realms/oasis
DIRECT_URL=http://127.0.0.1:$CUSTOMER_PORT/api/v1/customers/me
GATEWAY_URL=http://127.0.0.1:$GATEWAY_PORT/api/v1/customers/me
CLOCK_TICKS=$(getconf CLK_TCK)

work=$(mktemp -d "${TMPDIR:-/tmp}/oasis-bench.XXXXXX")
customer_pid=
gateway_pid=
keycloak_pid=
zipkin_pid=
db_created=false
ok=false

say() { printf 'bench: %s\n' "$*"; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

stop() {  # stop <pid> <name>: TERM, then KILL if it is still there after 30 s
  local pid=$1 name=$2
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  say "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 60); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.5
  done
  kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
  stop "$gateway_pid" "the gateway"
  stop "$customer_pid" "the customer service"
  stop "$keycloak_pid" "Keycloak"
  stop "$zipkin_pid" "Zipkin"
  if $db_created; then
    dropdb -h 127.0.0.1 -p "$PG_PORT" -U postgres --if-exists --force "$DB_NAME" || true
  fi
  if $ok; then
    rm -rf "$work"
  else
    say "logs kept in $work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- prerequisites -------------------------------------------------------------------------------

# Other work on the machine skews every figure: say so when the load is already high.
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
awk -v l="${load_before%% *}" -v n="$(nproc)" 'BEGIN { exit !(l > n / 2) }' \
  && say "warning: load average $load_before on $(nproc) CPUs before starting: the machine is not quiet"

command -v wrk >/dev/null || die "wrk is not installed: apt-get install wrk"

# What one system call costs here: a hop through the gateway adds a dozen per request (socket reads and
# writes, thread hand-overs), so B/A depends on it more than A does. dd makes a million of them (500,000
# one-byte reads and as many writes): its run time in seconds is the cost of one in microseconds (0.16 us on
# one virtual machine here, 1.2 to 1.3 us on another).
syscall_us=$( { TIMEFORMAT=%R; time dd if=/dev/zero of=/dev/null bs=1 count=500000 2>/dev/null; } 2>&1 )

for tool in curl java psql createdb dropdb; do
  command -v "$tool" >/dev/null || die "$tool is not installed"
done
[ -r /proc/self/stat ] || die "needs Linux /proc to read each process's CPU time"

if [ "${BENCH_BUILD:-0}" = 1 ] || [ ! -f "$CUSTOMER_JAR" ] || [ ! -f "$GATEWAY_JAR" ]; then
  say "building the customer service and the gateway"
  ./mvnw -q -B -DskipTests package -pl routes/customer-service,routes/api-gateway -am
fi

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$CUSTOMER_PORT" "$GATEWAY_PORT" "$GATEWAY_MANAGEMENT_PORT" "$KAFKA_PORT"; do
  ! listening "$port" \
    || die "port $port is in use (set BENCH_CUSTOMER_PORT, BENCH_GATEWAY_PORT, BENCH_GATEWAY_MANAGEMENT_PORT or BENCH_KAFKA_PORT)"
done

pg() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -X -q -t -A "$@"; }
pg -d postgres -c 'SELECT 1' >/dev/null || die "PostgreSQL does not answer on 127.0.0.1:$PG_PORT as user postgres"
# A fresh database each run: the demo customer's profile is keyed to the user id of the Keycloak in use,
# which a new Keycloak (a new import) changes.
say "creating database $DB_NAME afresh"
PGOPTIONS='-c client_min_messages=warning' dropdb -h 127.0.0.1 -p "$PG_PORT" -U postgres --if-exists "$DB_NAME"
createdb -h 127.0.0.1 -p "$PG_PORT" -U postgres "$DB_NAME"
db_created=true

# ---- Keycloak: reuse one serving the realm, or start one -----------------------------------------

http_code() { curl -s -o /dev/null -m 5 -w '%{http_code}' "$@" || true; }

if [ "$(http_code "$ISSUER")" = 200 ]; then
  say "reusing the Keycloak serving realm oasis on port $KEYCLOAK_PORT"
else
  ! listening "$KEYCLOAK_PORT" || die "port $KEYCLOAK_PORT is in use by something that does not serve realm oasis"
  kc_home=${KEYCLOAK_HOME:-$(ls -d keycloak/target/keycloak-*/ 2>/dev/null | head -1)}
  [ -n "$kc_home" ] && [ -x "$kc_home/bin/kc.sh" ] \
    || die "no Keycloak distribution: run ./mvnw -q -DskipTests package -pl keycloak (or set KEYCLOAK_HOME)"
  mkdir -p "$kc_home/data/import" "$work/keycloak"
  cp keycloak/realm/oasis-realm.json "$kc_home/data/import/oasis-realm.json"
  say "starting Keycloak on port $KEYCLOAK_PORT (log: $work/keycloak.log)"
  # Its database goes to the work folder, so each run imports the realm afresh.
  KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin JAVA_OPTS_KC_HEAP='-Xms64m -Xmx512m' \
    JAVA_OPTS_APPEND="-Dkc.db-url-path=$work/keycloak" \
    "$kc_home/bin/kc.sh" start-dev --http-port="$KEYCLOAK_PORT" --http-host=127.0.0.1 \
      --hostname="http://localhost:$KEYCLOAK_PORT" --import-realm >"$work/keycloak.log" 2>&1 &
  keycloak_pid=$!
fi

await() {  # await <name> <pid or empty> <url>: until the url answers 200, the process dies, or the timeout
  local name=$1 pid=$2 url=$3 deadline=$((SECONDS + STARTUP_TIMEOUT))
  until [ "$(http_code "$url")" = 200 ]; do
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then die "$name stopped while starting (see $work)"; fi
    [ $SECONDS -lt $deadline ] || die "$name did not answer within $STARTUP_TIMEOUT s (see $work)"
    sleep 1
  done
}

# Tracing on: spans go to a Zipkin of this run's own, as a deployment's go to its collector.
tracing_env=()
if [ "$TRACING" = 1 ]; then
  [ -f "$ZIPKIN_JAR" ] || die "no Zipkin server at $ZIPKIN_JAR: build the platform module (it copies it)"
  ! listening "$ZIPKIN_PORT" || die "port $ZIPKIN_PORT is in use (set BENCH_ZIPKIN_PORT)"
  say "starting Zipkin on port $ZIPKIN_PORT (log: $work/zipkin.log); both services trace"
  STORAGE_TYPE=mem java -Xms32m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$ZIPKIN_JAR" \
    --armeria.ports[0].ip=127.0.0.1 --armeria.ports[0].port="$ZIPKIN_PORT" --armeria.ports[0].protocols[0]=http \
    >"$work/zipkin.log" 2>&1 &
  zipkin_pid=$!
  tracing_env=(MANAGEMENT_ZIPKIN_TRACING_ENDPOINT="http://127.0.0.1:$ZIPKIN_PORT/api/v2/spans")
fi

# ---- the two services, one JVM each ---------------------------------------------------------------

say "starting the customer service on port $CUSTOMER_PORT (log: $work/customer-service.log)"
# The outbox relay stays off: the benchmark only reads, and there is no broker to publish to.
# shellcheck disable=SC2086
env "${tracing_env[@]}" OASIS_CONFIG_DIR="$root/config" CUSTOMER_PORT="$CUSTOMER_PORT" \
  CUSTOMER_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/$DB_NAME" CUSTOMER_DB_USER=postgres CUSTOMER_DB_PASSWORD= \
  KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT" OUTBOX_RELAY_ENABLED=false OASIS_ISSUER_URI="$ISSUER" \
  java $JAVA_OPTS -jar "$CUSTOMER_JAR" >"$work/customer-service.log" 2>&1 &
customer_pid=$!

say "starting the gateway on port $GATEWAY_PORT (log: $work/api-gateway.log)"
# Rate limiting stays on; only the customer tier's budget is raised so the run is never throttled.
# shellcheck disable=SC2086
env "${tracing_env[@]}" OASIS_CONFIG_DIR="$root/config" GATEWAY_PORT="$GATEWAY_PORT" GATEWAY_MANAGEMENT_PORT="$GATEWAY_MANAGEMENT_PORT" \
  CUSTOMER_SERVICE_URL="http://127.0.0.1:$CUSTOMER_PORT" OASIS_ISSUER_URI="$ISSUER" \
  RATE_LIMIT_CUSTOMER_PER_MINUTE=1000000000 RATE_LIMIT_CUSTOMER_BURST=1000000000 \
  java $JAVA_OPTS -jar "$GATEWAY_JAR" >"$work/api-gateway.log" 2>&1 &
gateway_pid=$!

await Keycloak "$keycloak_pid" "$ISSUER"
[ "$TRACING" = 1 ] && await Zipkin "$zipkin_pid" "http://127.0.0.1:$ZIPKIN_PORT/health"
await "the customer service" "$customer_pid" "http://127.0.0.1:$CUSTOMER_PORT/actuator/health/liveness"
await "the gateway" "$gateway_pid" "http://127.0.0.1:$GATEWAY_PORT/actuator/health/liveness"
say "all up"

token() {  # a fresh access token of the demo customer (tokens live 5 minutes)
  local body
  body=$(curl -s -m 10 "$ISSUER/protocol/openid-connect/token" -d grant_type=password -d client_id=oasis-cli \
    -d username=customer -d password=dev-only-customer)
  [[ $body == *'"access_token":"'* ]] || die "no token from $ISSUER: $body"
  sed -E 's/.*"access_token":"([^"]+)".*/\1/' <<<"$body"
}

TOKEN=$(token)
say "creating the demo customer's profile"
created=$(http_code -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"country":"DE"}' "$DIRECT_URL")
[ "$created" = 201 ] || die "could not create the demo customer's profile: HTTP $created"
for url in "$DIRECT_URL" "$GATEWAY_URL"; do
  code=$(http_code -H "Authorization: Bearer $TOKEN" "$url")
  [ "$code" = 200 ] || die "GET $url answered $code, not 200"
done

# ---- measuring ------------------------------------------------------------------------------------

stat_ticks() {  # utime + stime, in clock ticks, from a stat file of /proc (fields 14 and 15)
  local stat
  stat=$(<"$1")
  stat=${stat##*) }  # the command name may hold spaces: start after it, at field 3
  awk '{ print $12 + $13 }' <<<"$stat"
}

cpu_ticks() { stat_ticks "/proc/$1/stat"; }  # of a whole process

# wrk prints durations as 512.00us, 1.23ms, 1.02s or 1.50m; this turns them into milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : (u == "h") ? 3600000 : -1
    if (f < 0) { print "?"; exit 1 }
    printf "%.3f", n * f }'
}

latency=()  # one line per latency run: mode p50 p99 rps errors
failed=0    # failed requests over all measured runs
results=()  # one line per run: mode pair rps p50 p99 requests errors service_ms_per_req gateway_ms_per_req

measure() {  # measure <mode A|B> <pair number, 0 for the warm-up, L for latency> <seconds> [connections threads]
  local mode=$1 pair=$2 secs=$3 conns=${4:-$CONNECTIONS} threads=${5:-$THREADS} url out svc0 gw0 svc1 gw1
  url=$([ "$mode" = A ] && echo "$DIRECT_URL" || echo "$GATEWAY_URL")
  out="$work/wrk-$mode-$pair.txt"
  local bearer
  bearer=$(token)
  svc0=$(cpu_ticks "$customer_pid"); gw0=$(cpu_ticks "$gateway_pid")
  timeout $((secs + 60)) wrk -t"$threads" -c"$conns" -d"${secs}s" --timeout 10s --latency \
    -H "Authorization: Bearer $bearer" "$url" >"$out" || die "wrk failed (see $out)"
  svc1=$(cpu_ticks "$customer_pid"); gw1=$(cpu_ticks "$gateway_pid")
  [ "$pair" = 0 ] && return 0

  local rps p50 p99 requests non2xx sockerr errors
  rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
  p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")
  p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
  requests=$(awk '/ requests in / { print $1 }' "$out")
  non2xx=$(awk -F': *' '/Non-2xx or 3xx responses/ { print $2 }' "$out")
  sockerr=$(awk '/Socket errors/ { gsub(/,/, ""); print $4 + $6 + $8 + $10 }' "$out")
  errors=$(( ${non2xx:-0} + ${sockerr:-0} ))
  failed=$((failed + errors))
  [ -n "$rps" ] && [ -n "$requests" ] && [ "$requests" -gt 0 ] || die "could not read wrk's output (see $out)"
  if [ "$pair" = L ]; then
    latency+=("$mode $p50 $p99 $rps $errors")
    printf 'bench: latency %s  %10s req/s  p50 %8s ms  p99 %8s ms  errors %s\n' "$mode" "$rps" "$p50" "$p99" "$errors"
    return 0
  fi
  local svc_ms gw_ms
  svc_ms=$(awk -v t=$((svc1 - svc0)) -v hz="$CLOCK_TICKS" -v n="$requests" 'BEGIN { printf "%.4f", t / hz * 1000 / n }')
  gw_ms=$(awk -v t=$((gw1 - gw0)) -v hz="$CLOCK_TICKS" -v n="$requests" 'BEGIN { printf "%.4f", t / hz * 1000 / n }')
  results+=("$mode $pair $rps $p50 $p99 $requests $errors $svc_ms $gw_ms")
  printf 'bench: pair %s %s  %10s req/s  p50 %8s ms  p99 %8s ms  errors %s  CPU ms/req: service %s gateway %s\n' \
    "$pair" "$mode" "$rps" "$p50" "$p99" "$errors" "$svc_ms" "$gw_ms"
}

jit_ticks() {  # CPU time of a JVM's JIT compiler threads (C1, C2), in clock ticks
  local pid=$1 task total=0
  # A compiler thread may end while this runs (the JVM stops idle ones): it then counts as 0.
  for task in /proc/"$pid"/task/*; do
    case $(cat "$task/comm" 2>/dev/null) in
      C1\ Compiler*|C2\ Compiler*) total=$((total + $(stat_ticks "$task/stat" 2>/dev/null))) ;;
    esac
  done
  echo "$total"
}

# The JIT keeps compiling for minutes under load, and a JVM still compiling is measured as slower and
# costlier than it runs. So the warm-up alternates A and B in rounds until both JVMs' compilers are
# nearly idle over a round (or WARMUP_MAX_ROUNDS rounds have passed). Two stages: at 32 connections
# the two cores are saturated and the compiler threads get so little of them that on a slow machine
# they were still busy after ten rounds, while at a few connections they finish in a few; then at the
# measured concurrency until they are quiet again, for what only contention compiles.
say "warm-up: rounds of $WARMUP_SECONDS s on A, then on B, until the JIT is quiet, first at $WARMUP_CONNECTIONS connections, then at $CONNECTIONS ($THREADS threads)"
warmup_rounds=0
jit_share=
warmup_connections=$WARMUP_CONNECTIONS
while [ "$warmup_rounds" -lt "$WARMUP_MAX_ROUNDS" ]; do
  jit0=$(( $(jit_ticks "$customer_pid") + $(jit_ticks "$gateway_pid") ))
  measure A 0 "$WARMUP_SECONDS" "$warmup_connections"
  measure B 0 "$WARMUP_SECONDS" "$warmup_connections"
  jit1=$(( $(jit_ticks "$customer_pid") + $(jit_ticks "$gateway_pid") ))
  warmup_rounds=$((warmup_rounds + 1))
  jit_share=$(awk -v t=$((jit1 - jit0)) -v hz="$CLOCK_TICKS" -v s=$((2 * WARMUP_SECONDS)) 'BEGIN { printf "%.3f", t / hz / s }')
  say "warm-up round $warmup_rounds at $warmup_connections connections: JIT compilers used $jit_share of a CPU"
  if awk -v j="$jit_share" -v q="$WARMUP_JIT_QUIET" 'BEGIN { exit !(j < q) }'; then
    [ "$warmup_connections" = "$CONNECTIONS" ] && break
    warmup_connections=$CONNECTIONS
  fi
done
say "measuring: $PAIRS pairs of $RUN_SECONDS s, A = service directly, B = through the gateway"
for pair in $(seq "$PAIRS"); do
  measure A "$pair" "$RUN_SECONDS"
  measure B "$pair" "$RUN_SECONDS"
done
# At 32 connections both processes are saturated, so p50 is mostly queueing (connections / throughput).
# What the gateway adds to one request shows without a queue: one connection, one request at a time.
say "latency: $LATENCY_SECONDS s on A, then on B, with one connection"
measure A L "$LATENCY_SECONDS" 1 1
measure B L "$LATENCY_SECONDS" 1 1

# ---- report ---------------------------------------------------------------------------------------

stamp=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p bench/results
report=bench/results/$stamp.md
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -z "$(git status --porcelain 2>/dev/null)" ] || commit="$commit (with local changes)"

printf '%s\n' "${results[@]}" | awk \
  -v stamp="$stamp" -v commit="$commit" -v cpus="$(nproc)" \
  -v cpu_model="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)" \
  -v java="$(java -version 2>&1 | head -1)" -v wrkv="$(wrk -v 2>&1 | head -1 | awk '{ print $2 }')" \
  -v secs="$RUN_SECONDS" -v pairs="$PAIRS" -v warm="$WARMUP_SECONDS" -v rounds="$warmup_rounds" -v jit="$jit_share" -v wconns="$WARMUP_CONNECTIONS" -v conns="$CONNECTIONS" -v threads="$THREADS" \
  -v jopts="$JAVA_OPTS" -v tracing="$([ "$TRACING" = 1 ] && echo "on, sampling ${TRACING_SAMPLING_PROBABILITY:-0.1}, to Zipkin" || echo off)" -v lat="$(printf '%s;' "${latency[@]}")" -v latsecs="$LATENCY_SECONDS" -v load_before="$load_before" -v syscall_us="$syscall_us" '
  function median(list,    n, a, i, j, t) {
    n = split(list, a, " ")
    for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] + 0 > t + 0; j--) a[j + 1] = a[j]; a[j + 1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  {
    mode = $1; pair = $2
    rps[mode, pair] = $3; p50[mode, pair] = $4
    R[mode] = R[mode] " " $3; P50[mode] = P50[mode] " " $4; P99[mode] = P99[mode] " " $5
    SVC[mode] = SVC[mode] " " $8; GW[mode] = GW[mode] " " $9
    errors += $7
    rows = rows sprintf("| %d | %s | %.0f | %.3f | %.3f | %d | %d | %.4f | %.4f |\n", $2, $1, $3, $4, $5, $6, $7, $8, $9)
  }
  END {
    for (p = 1; p <= pairs; p++) {
      r = rps["B", p] / rps["A", p]
      ratios = ratios " " r; shown = shown sprintf(" %.2f", r)
      added = added " " p50["B", p] - p50["A", p]
    }
    ratio = median(ratios); add = median(added)
    print "# Gateway benchmark " stamp
    print ""
    print "GET /api/v1/customers/me of the demo customer. A: the customer service directly. B: through the API"
    print "gateway (JWT validation and rate limiting on, rate budget raised). wrk " wrkv ", " conns " connections, " threads " threads,"
    print pairs " pairs of " secs " s (A then B) after a warm-up of " rounds " rounds of " warm " s on each (at " wconns " connections"
    print "until the JIT compilers were quiet, then at " conns "; the compilers at " jit " of a CPU in the last round)."
    print ""
    print "- commit: " commit
    print "- machine: " cpus " CPUs, " cpu_model "; load average (1, 5, 15 min) before the start: " load_before
    print "- one system call (a one-byte read or write, timed with dd): " syscall_us " us"
    print "- Java: " java "; options: " jopts
    print "- tracing: " tracing
    print ""
    print "| pair | mode | requests/s | p50 ms | p99 ms | requests | errors | service CPU ms/req | gateway CPU ms/req |"
    print "| ---: | :---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    printf "%s", rows
    print ""
    print "Medians over the pairs:"
    print ""
    print "| | A (direct) | B (gateway) |"
    print "| --- | ---: | ---: |"
    printf "| requests/s | %.0f | %.0f |\n", median(R["A"]), median(R["B"])
    printf "| p50 ms | %.3f | %.3f |\n", median(P50["A"]), median(P50["B"])
    printf "| p99 ms | %.3f | %.3f |\n", median(P99["A"]), median(P99["B"])
    printf "| service CPU ms/req | %.4f | %.4f |\n", median(SVC["A"]), median(SVC["B"])
    printf "| gateway CPU ms/req | %.4f | %.4f |\n", median(GW["A"]), median(GW["B"])
    print ""
    # Each ratio too: the machine drifts from minute to minute, and their spread says how far the median can be trusted.
    printf "- throughput B/A (median of the pairs'"'"' ratios): **%.2f** (target >= 0.6: %s); the pairs:%s\n", ratio, ratio >= 0.6 ? "met" : "not met", shown
    # Both processes are saturated at this concurrency, so a request mostly waits in line, and the mean
    # time it takes is connections / throughput (Little’s law). The difference then follows from B/A and says
    # nothing of what the gateway adds to one request: the one-connection run below measures that.
    printf "- added p50 at %d connections, B minus A (median of the pairs'"'"' differences): %.3f ms (connections / throughput alone gives %.3f ms: time in line); the 1 ms target is checked at one connection, below\n", \
      conns, add, (conns / median(R["B"]) - conns / median(R["A"])) * 1000
    printf "- CPU per request through the gateway, service + gateway: %.4f ms (direct: %.4f ms)\n", \
      median(SVC["B"]) + median(GW["B"]), median(SVC["A"])
    n = split(lat, runs, ";")
    for (i = 1; i <= n; i++) {
      if (split(runs[i], f, " ") < 5) continue
      lp50[f[1]] = f[2]; lp99[f[1]] = f[3]; lrps[f[1]] = f[4]; errors += f[5]
    }
    if (("A" in lp50) && ("B" in lp50)) {
      print ""
      print "One connection, one request at a time (" latsecs " s each, no queueing):"
      print ""
      print "| | A (direct) | B (gateway) |"
      print "| --- | ---: | ---: |"
      printf "| requests/s | %.0f | %.0f |\n", lrps["A"], lrps["B"]
      printf "| p50 ms | %.3f | %.3f |\n", lp50["A"], lp50["B"]
      printf "| p99 ms | %.3f | %.3f |\n", lp99["A"], lp99["B"]
      print ""
      printf "- added p50 at one connection, B minus A: **%.3f ms** (target <= 1 ms: %s)\n", lp50["B"] - lp50["A"], \
        lp50["B"] - lp50["A"] <= 1 ? "met" : "not met"
    }
    if (errors > 0) {
      print ""
      print "**" errors " requests failed (non-2xx or socket errors): these figures are not valid.**"
    }
  }' >"$report"

echo
cat "$report"
echo
say "written to $report"
ok=true
[ "$failed" = 0 ] || die "$failed requests failed during the runs: see $report"
