#!/usr/bin/env bash
# Single-user latency of the marketing analysis API against a running Guanxi (e.g. started with
# --guanxi.demo.customers=1000000). Prints median and p95 of N sequential requests per query.
# Usage: bench/marketing-latency.sh BASE_URL TOKEN [N]
set -euo pipefail
base=${1:?base url, e.g. http://localhost:8080}
token=${2:?API token of a marketer or admin (user menu -> API tokens)}
n=${3:-10}
queries=(
  "/api/v1/marketing/target-groups?dimension=province"
  "/api/v1/marketing/target-groups?dimension=city&province=%E6%B5%99%E6%B1%9F%E7%9C%81"
  "/api/v1/marketing/target-groups?dimension=industry"
  "/api/v1/marketing/target-groups?dimension=age_band&valueTier=VIP"
  "/api/v1/marketing/target-groups?dimension=gender&customerType=CONSUMER"
  "/api/v1/marketing/target-groups?dimension=value_tier&segmentId=1"
  "/api/v1/segments/1/preview"
  "/api/v1/segments/2/preview"
  "/api/v1/campaigns/report"
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
