#!/usr/bin/env bash
# Single-user latency of the customer list API against a running Guanxi (e.g. started with
# --guanxi.demo.customers=1000000). Prints median and p95 of N sequential requests per query.
# Usage: bench/customer-list-latency.sh BASE_URL TOKEN [N]
set -euo pipefail
base=${1:?base url, e.g. http://localhost:8080}
token=${2:?API token (user menu -> API tokens)}
n=${3:-30}
queries=(
  "/api/v1/customers"
  "/api/v1/customers?page=200"
  "/api/v1/customers?q=%E6%98%8E"
  "/api/v1/customers?q=%E7%8E%8B%E6%98%8E"
  "/api/v1/customers?q=%E6%9D%AD%E5%B7%9E%E4%BA%91"
  "/api/v1/customers?q=138"
  "/api/v1/customers?q=zhang"
  "/api/v1/customers?valueTier=VIP&province=%E6%B5%99%E6%B1%9F%E7%9C%81"
  "/api/v1/customers?lifecycleStage=GROWTH&sort=name"
  "/api/v1/customers?tag=%E5%B1%95%E4%BC%9A"
  "/api/v1/customers/500000"
)
printf '| query | median ms | p95 ms |\n| --- | ---: | ---: |\n'
for q in "${queries[@]}"; do
  curl -s -o /dev/null -H "Authorization: Bearer $token" "$base$q"   # warm-up
  times=$(for _ in $(seq "$n"); do
    curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $token" "$base$q"
  done | sort -n)
  median=$(echo "$times" | awk -v n="$n" 'NR==int((n+1)/2){printf "%.1f", $1*1000}')
  p95=$(echo "$times" | awk -v n="$n" 'NR==int(n*0.95+0.5){printf "%.1f", $1*1000}')
  printf '| `%s` | %s | %s |\n' "$(python3 -c 'import sys,urllib.parse;print(urllib.parse.unquote(sys.argv[1]))' "$q")" "$median" "$p95"
done
