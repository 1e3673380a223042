#!/usr/bin/env bash
# Speed-and-scale benchmark: loads N demo customers, starts Guanxi on the embedded PostgreSQL, drives it over
# loopback with wrk, runs the same repository SQL straight through JDBC (JdbcBaseline) and pgbench -S against the
# same database, and writes a Markdown table with requests/s, p50/p95/p99 and the ratios, plus heap and RSS.
#
# Usage: bench/speed-and-scale.sh [--customers N] [--sizes issue] [--contacts N] [--opportunities N] [--orders N]
#                                 [--order-lines N] [--activities N] [--tickets N] [--seconds S] [--connections C]
#                                 [--threads T] [--data-dir DIR] [--out FILE] [--no-build]
#   --customers    demo customers to load (default 100000; 1000000 for the documented run)
#   --sizes issue  the other tables in the issue's ratios to the customers: per customer 0.2 contacts,
#                  0.3 opportunities, 3 orders, 10 order lines, 2 activities, 0.2 tickets (1M customers: 200k
#                  contacts, 300k opportunities, 3M orders, 10M lines, 2M activities, 200k tickets)
#   --contacts, --opportunities, --orders, --order-lines, --activities, --tickets
#                  exact counts (guanxi.demo.contacts etc.; after --sizes they override its ratio); unset, the demo's
#                  own ratios apply (about 0.7 contacts, 0.14 opportunities, 1.4 orders, 3.5 lines, no activities,
#                  0.075 tickets per customer)
#   --seconds      length of each measured run (default 15)
#   --connections  concurrent HTTP connections = simulated users (default 50)
#   --threads      wrk threads (default 2)
#   --data-dir     embedded PostgreSQL data (default target/bench/pg-N, with the sizes given, e.g.
#                  pg-100000-orders300000-...; kept, so a second run with the same sizes skips the load)
#   --out          result file (default target/bench/results-N.md, with the sizes as the data directory)
#   --no-build     use target/classes as they are (default: ./mvnw -DskipTests test-compile first)
set -euo pipefail
cd "$(dirname "$0")/.."

customers=100000 seconds=15 connections=50 threads=2 data_dir= out= build=1 size_set=
size_names=(contacts opportunities orders order-lines activities tickets)
declare -A size
while [ $# -gt 0 ]; do
  case "$1" in
    --customers) customers=$2; shift 2 ;;
    --sizes)
      [ "$2" = issue ] || { echo "unknown --sizes $2 (known: issue)" >&2; exit 2; }
      size_set=$2; shift 2 ;;
    --contacts|--opportunities|--orders|--order-lines|--activities|--tickets)
      [[ "$2" =~ ^[0-9]+$ ]] || { echo "$1 needs a whole number, not '$2'" >&2; exit 2; }
      size[${1#--}]=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --data-dir) data_dir=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
if [ "$size_set" = issue ]; then   # per customer, in tenths
  declare -A tenths=([contacts]=2 [opportunities]=3 [orders]=30 [order-lines]=100 [activities]=20 [tickets]=2)
  for name in "${size_names[@]}"; do
    size[$name]=${size[$name]:-$(( customers * ${tenths[$name]} / 10 ))}
  done
fi
size_args=() size_tag=
for name in "${size_names[@]}"; do
  if [ -n "${size[$name]:-}" ]; then
    size_args+=("--guanxi.demo.$name=${size[$name]}")
    size_tag+="-${name//-/}${size[$name]}"
  fi
done
data_dir=${data_dir:-target/bench/pg-$customers$size_tag}
out=${out:-target/bench/results-$customers$size_tag.md}
work=target/bench/run-$$
mkdir -p "$work" "$(dirname "$out")"
pool=20                                     # the app's connection pool (guanxi.db.pool-size)
baseline_threads=$(( connections < pool ? connections : pool ))
admin_password=bench-admin-password

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v pgbench >/dev/null || need+=(postgresql-client)
command -v psql >/dev/null || need+=(postgresql-client)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]} (Debian packages)" >&2
  apt-get install -y "${need[@]}" >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y "${need[@]}" >/dev/null; }
fi

if [ "$build" = 1 ] || [ ! -f target/runtime-classpath.txt ]; then
  ./mvnw -q -B -DskipTests test-compile
fi
app_cp="target/classes:$(cat target/runtime-classpath.txt)"
baseline_cp="target/test-classes:$app_cp"

log="$work/app.log"
fresh=1; [ -f "$data_dir/PG_VERSION" ] && fresh=0   # a kept database has its customers already
echo "Starting Guanxi with $customers demo customers ${size_args[*]} (data in $data_dir; log $log)" >&2
java -Xmx512m -cp "$app_cp" dev.guanxi.crm.CrmApplication --server.port=0 --guanxi.db.data-dir="$data_dir" \
  --guanxi.demo.customers="$customers" "${size_args[@]}" --guanxi.admin.password="$admin_password" \
  --spring.main.banner-mode=off > "$log" 2>&1 &
app=$!
cleanup() {
  if kill -0 "$app" 2>/dev/null; then
    kill "$app"; wait "$app" 2>/dev/null || true   # SIGTERM: the app stops its embedded PostgreSQL on the way out
  fi
}
trap cleanup EXIT
for _ in $(seq 1800); do
  grep -q "Started CrmApplication" "$log" && break
  kill -0 "$app" 2>/dev/null || { tail -40 "$log" >&2; echo "the app did not start" >&2; exit 1; }
  sleep 1
done
grep -q "Started CrmApplication" "$log" || { echo "the app did not start within 30 minutes" >&2; exit 1; }
# The demo data loads after the start (an ApplicationRunner).
while [ "$fresh" = 1 ] && ! grep -q "Demo data loaded" "$log"; do
  kill -0 "$app" 2>/dev/null || { tail -40 "$log" >&2; echo "the app stopped while loading" >&2; exit 1; }
  sleep 1
done
http_port=$(grep -o 'Tomcat started on port [0-9]*' "$log" | grep -o '[0-9]*$' | head -1)
pg_port=$(grep -o 'Using embedded PostgreSQL on port [0-9]*' "$log" | grep -o '[0-9]*$' | head -1)
base="http://127.0.0.1:$http_port"
sql() { psql -X -q -h 127.0.0.1 -p "$pg_port" -U postgres -d "${db:-postgres}" -Atc "$1"; }

# An API token for the admin, straight into the table (only its SHA-256 is stored, as ApiTokens does).
token="gx_bench$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
hash=$(printf %s "$token" | sha256sum | cut -d' ' -f1)
sql "INSERT INTO api_tokens (user_id, name, token_prefix, token_hash)
     SELECT id, 'benchmark', substr('$token', 1, 8), '$hash' FROM users WHERE username = 'admin'" >/dev/null
# A session for the HTML 360 page: form login with the CSRF token, as a browser does.
jar="$work/cookies"
login() {
  rm -f "$jar"
  csrf=$(curl -s -c "$jar" "$base/login" | grep -o 'name="_csrf"[^>]*value="[^"]*"' | sed 's/.*value="//; s/"$//')
  curl -s -o /dev/null -b "$jar" -c "$jar" --data-urlencode "username=admin" \
    --data-urlencode "password=$admin_password" --data-urlencode "_csrf=$csrf" "$base/login"
  session=$(awk '$6 == "SESSION" {print $7}' "$jar")
  # signed in only if a page answers with itself, not with a redirect to the login
  [ -n "$session" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' -b "SESSION=$session" "$base/customers")" = 200 ]
}
if ! login; then
  # a database loaded by another start of the app has an admin with another password: this benchmark's own data
  # directory gets the benchmark's password (the bcrypt hash of bench-admin-password)
  echo "Login as admin failed; setting the benchmark's admin password in $data_dir" >&2
  [ "$admin_password" = bench-admin-password ] || { echo "no hash for this password" >&2; exit 1; }
  sql "UPDATE users SET password_hash = '{bcrypt}\$2a\$10\$sq3Em69YRCS.ZXNk9VvHRudh6vqwzgNz5FfvQX06CukC/l3amE9bm'
       WHERE username = 'admin'" >/dev/null
  login || { echo "login failed" >&2; exit 1; }
fi
# Customers the benchmark creates are named 压测…; those of an earlier run on this database are soft-deleted first,
# so that they do not sit at the head of the newest-first lists. They lose their phone numbers too (earlier runs gave
# all of them one number, which the phone index then found 70,000 times), and are renamed 退役压测: the trigram
# index keeps deleted customers, and 170,000 retired "压测客户 N" made every later create's similar-name check read
# them all. The new name shares no trigram with 压测客户, and has no digits: "退役压测 <id>" made the phone-prefix
# searches (name ILIKE '%138%' among others) find thousands of retired ids.
retire_bench_rows() {
  sql "UPDATE customers SET deleted_at = coalesce(deleted_at, now()), phone = NULL, name = '退役压测'
       WHERE name LIKE '压测%' OR name LIKE '退役压测 %'" >/dev/null
  sql "VACUUM ANALYZE customers" >/dev/null
}
retire_bench_rows
max_id=$(sql "SELECT max(id) FROM customers WHERE name NOT LIKE '压测%' AND name NOT LIKE '退役压测%'")
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$base/api/v1/customers/$max_id")" = 200 ] \
  || { echo "the API token does not work" >&2; exit 1; }
update_count=$(( threads * 500 )) update_first=0
# cursors of customers spread over the whole newest-first list, for the pages by key (JdbcBaseline computes them)
# (the line of cursors only: the connection pool logs to the same output)
deep_cursors=$(java -cp "$baseline_cp" dev.guanxi.crm.customer.internal.JdbcBaseline cursors \
  "jdbc:postgresql://127.0.0.1:$pg_port/postgres?user=postgres" | grep -E '^[A-Za-z0-9_,-]+$' | tail -1)
[ -n "$deep_cursors" ] || { echo "no customers to page after" >&2; exit 1; }
wrk_run() { # scenario seconds -> "requests rps p50 p95 p99 errors"
  WRK_SCENARIO=$1 wrk -t"$threads" -c"$connections" -d"$2"s --timeout 10s -s bench/guanxi.lua "$base" -- \
    "$1" "$token" "$session" "$max_id" "$update_first" "$update_count" "$threads" "$deep_cursors" | awk -F'\t' '$1 == "RESULT" {print $2, $3, $4, $5, $6, $7}'
}
echo "Warming up (mixed reads, $(( seconds < 10 ? seconds : 10 )) s)" >&2
wrk_run mixed $(( seconds < 10 ? seconds : 10 )) >/dev/null
# The JIT compiler has hundreds of methods queued after the first seconds, and on two cores it takes a core for a
# minute or two: measured then, the first scenarios (the list) ran at half speed. So after the warm-up the benchmark
# waits (at most two minutes, without load) until the compile queue is empty; each scenario also gets a few seconds
# of its own before it is measured.
compile_queue() { jcmd "$app" Compiler.queue 2>/dev/null | grep -cE '^[0-9]+ ' || true; }
if [ "$seconds" -ge 10 ]; then
  wrk_run mixed 30 >/dev/null
  echo "JIT compile queue after the warm-up: $(compile_queue) methods; waiting for it to empty" >&2
  warm_until=$(( SECONDS + 120 ))
  while [ "$(compile_queue)" -gt 0 ] && [ "$SECONDS" -lt "$warm_until" ]; do sleep 2; done
  echo "JIT compile queue before the first scenario: $(compile_queue) methods" >&2
fi
warmup=$(( seconds < 10 ? 0 : 5 ))   # none in quick runs (the smoke test)
heap() { jcmd "$app" GC.heap_info 2>/dev/null | grep -o 'used [0-9]*K' | head -1 | grep -o '[0-9]*'; }
rss() { awk -v k="$1" '$1 == k":" {print $2}' "/proc/$app/status"; }

reads=(list deep deep-key search-name search-phone 360 board funnel mixed)
writes=(mixed-writes create update)
scenarios=("${reads[@]}" "${writes[@]}")
declare -A app_result jdbc_result
heap_peak=0
http() {
  for s in "$@"; do
    echo "HTTP: $s ($seconds s, $connections connections)" >&2
    # (not update: its customers start at version 0, and a warm-up would have moved them on)
    if [ "$warmup" -gt 0 ] && [ "$s" != update ]; then wrk_run "$s" "$warmup" >/dev/null; fi
    app_result[$s]=$(wrk_run "$s" "$seconds")
    h=$(heap); if [ "${h:-0}" -gt "$heap_peak" ]; then heap_peak=$h; fi
  done
}
jdbc() {
  echo "JDBC baseline: $* ($baseline_threads threads)" >&2
  while IFS=$'\t' read -r name requests rps p50 p95 p99; do
    jdbc_result[$name]="$requests $rps $p50 $p95 $p99"
  done < <(java -cp "$baseline_cp" dev.guanxi.crm.customer.internal.JdbcBaseline \
    "jdbc:postgresql://127.0.0.1:$pg_port/postgres?user=postgres" "$seconds" "$baseline_threads" "$max_id" "$@")
}
# reads first, on the loaded data as it is; then the writes, which add rows at the head of the lists
http "${reads[@]}"
jdbc list deep deep-key search-name search-phone 360 board funnel
# Customers for the update scenario, at version 0, split between wrk threads (each request learns the next version).
update_first=$(sql "WITH n AS (INSERT INTO customers (kind, name, customer_type, owner_id)
     SELECT 'PERSON', '压测更新 ' || g, 'CONSUMER', (SELECT id FROM users WHERE username = 'admin')
     FROM generate_series(1, $update_count) g RETURNING id) SELECT min(id) FROM n")
http "${writes[@]}"
jdbc create update
heap_loaded=$(heap)
jcmd "$app" GC.run >/dev/null
heap_live=$(heap)
rss_now=$(rss VmRSS) rss_peak=$(rss VmHWM)
retire_bench_rows

echo "pgbench -S ($baseline_threads clients)" >&2
sql "DROP DATABASE IF EXISTS guanxi_pgbench" >/dev/null; sql "CREATE DATABASE guanxi_pgbench" >/dev/null
pgbench -q -i -s 10 -h 127.0.0.1 -p "$pg_port" -U postgres guanxi_pgbench >/dev/null 2>&1
( cd "$work" && pgbench -n -S -c "$baseline_threads" -j "$threads" -T "$seconds" -l --log-prefix=pgbench \
    -h 127.0.0.1 -p "$pg_port" -U postgres guanxi_pgbench > pgbench.out 2>&1 )
pgbench_tps=$(grep -o "tps = [0-9]*" "$work/pgbench.out" | head -1 | grep -o "[0-9]*$")
pgbench_pct=$(cat "$work"/pgbench.* 2>/dev/null | awk 'NF >= 6 {print $3}' | sort -n | awk '{a[NR]=$1}
  function p(q) { i = int(q * NR + 0.999999); if (i < 1) i = 1; return a[i] / 1000 }
  END { if (NR) printf "%.2f %.2f %.2f", p(0.5), p(0.95), p(0.99) }')
sql "DROP DATABASE guanxi_pgbench" >/dev/null

describe() {
  case "$1" in
    list) echo "customer list, filtered and sorted, page 1 (API, 50 rows)" ;;
    deep) echo "customer list, deep page 150–201 by number (API, 50 rows)" ;;
    deep-key) echo "customer list, page by key anywhere in the whole list (API, 50 rows, after=cursor)" ;;
    search-name) echo "search by name substring: 1–2 Chinese characters, longer, pinyin (API)" ;;
    search-phone) echo "search by phone prefix (API)" ;;
    360) echo "customer 360 page (HTML, session cookie)" ;;
    board) echo "opportunity board, every stage (HTML, session cookie)" ;;
    funnel) echo "funnel report, all opportunities (API)" ;;
    create) echo "create customer (API POST)" ;;
    update) echo "update customer (API PUT with If-Match)" ;;
    mixed) echo "mixed read: 30% list, 10% deep, 20% name, 10% phone, 30% 360" ;;
    mixed-writes) echo "mixed read with one create in 50 requests (every create makes the kept lists be read again)" ;;
    *) echo "$1" ;;
  esac
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0 && a != "-") printf "%.2f", a / b; else printf "-" }'; }
{
  echo "| scenario | app req/s | app p50 / p95 / p99 ms | errors | JDBC req/s | JDBC p50 / p95 / p99 ms | app/JDBC req/s | app/JDBC p99 |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  for s in "${scenarios[@]}"; do
    read -r a_n a_rps a_50 a_95 a_99 a_err <<< "${app_result[$s]:-0 0 - - - -}"
    read -r j_n j_rps j_50 j_95 j_99 <<< "${jdbc_result[$s]:-0 - - - -}"
    printf '| %s | %s | %s / %s / %s | %s | %s | %s | %s | %s |\n' "$(describe "$s")" "$a_rps" "$a_50" "$a_95" "$a_99" \
      "$a_err" "$j_rps" "${j_50} / ${j_95} / ${j_99}" "$(ratio "$a_rps" "$j_rps")" "$(ratio "$a_99" "$j_99")"
  done
  read -r b_50 b_95 b_99 <<< "${pgbench_pct:-- - -}"
  printf '| `pgbench -S` (primary-key SELECT, scale 10) | | | | %s | %s / %s / %s | pgbench/mixed: %s× | |\n' \
    "${pgbench_tps:-}" "$b_50" "$b_95" "$b_99" "$(ratio "${pgbench_tps:-0}" "$(echo "${app_result[mixed]}" | cut -d' ' -f2)")"
  echo
  echo "| memory | value |"
  echo "| --- | ---: |"
  echo "| heap limit | 512 MB (-Xmx512m) |"
  echo "| heap used, highest seen between runs | $(( heap_peak / 1024 )) MB |"
  echo "| heap used after the runs, before / after a full GC | $(( ${heap_loaded:-0} / 1024 )) MB / $(( ${heap_live:-0} / 1024 )) MB |"
  echo "| RSS now / peak | $(( ${rss_now:-0} / 1024 )) MB / $(( ${rss_peak:-0} / 1024 )) MB |"
  echo
  echo "$customers customers ($(sql "SELECT count(*) FROM customers") rows with the ones created)${size_args[*]:+, ${size_args[*]}},"\
    "$connections connections,"\
    "$threads wrk threads, $seconds s per run; JDBC and pgbench with $baseline_threads threads/clients (the connections, at most the app pool of $pool);"\
    "$(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end; $(java -version 2>&1 | head -1)."
} > "$out"
cat "$out"
