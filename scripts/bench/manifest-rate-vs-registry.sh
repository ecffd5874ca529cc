#!/usr/bin/env bash
# Manifest GETs per second with a bearer token, Outpost's serve endpoint against docker-registry
# serving the same manifest, same run: a seeded docker-registry (a small image), synced into
# Outpost; then `ab` (apache2-utils) GETs bench/big:v1's manifest by tag over BENCH_CONNECTIONS
# keep-alive connections (default 64), BENCH_REQUESTS times (default 200000) per side, after an
# untimed warm-up of BENCH_WARMUP requests (default 20000, for the JIT). Outpost gets a bearer
# token from its /oauth2/token (the client token's password stays in a netrc file); the registry
# has no auth (as it runs at a site without a token server). Prints requests/s, p50 and p99
# latency (ms, from ab's CSV percentiles) per side and the ratio outpost/registry. Before timing,
# each side's manifest body must hash to the pushed manifest digest; any failed or non-2xx
# request fails the script. Loopback only; ab is one thread on the same two cores as the servers,
# so the rates are a floor set partly by the client.
# Env: BENCH_CONNECTIONS, BENCH_REQUESTS, BENCH_WARMUP, BENCH_KEEP=1.
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

connections=${BENCH_CONNECTIONS:-64}
requests=${BENCH_REQUESTS:-200000}
warmup=${BENCH_WARMUP:-20000}
manifest_type=application/vnd.oci.image.manifest.v1+json

bench_require docker-registry skopeo curl tar sha256sum awk ab
bench_require_outpost

bench_init
bench_start_registry
bench_seed_image 1 bench/big v1

serve_port=$(bench_free_port)
config="$BENCH_WORK/outpost.yaml"
bench_write_config "$config" "$BENCH_WORK/store" "$serve_port"
bench_serve_outpost "$config" "http://127.0.0.1:$serve_port/v2/"
registry_url="http://127.0.0.1:$REGISTRY_PORT/v2/bench/big/manifests/v1"
outpost_url="http://127.0.0.1:$serve_port/v2/bench/big/manifests/v1"

# A pull-scoped bearer token, as a client gets after the 401 challenge (valid serve.tokenTtl, 5 min
# by default; the timed runs must end within it). ab takes headers only on its command line, so the
# token shows in the process list while ab runs: it is short-lived, read-only and on loopback.
token_json=$(bench_fetch outpost "http://127.0.0.1:$serve_port/oauth2/token?scope=repository:bench/big:pull")
bearer=$(printf '%s' "$token_json" | sed -n 's/.*"token" *: *"\([^"]*\)".*/\1/p')
if [ -z "$bearer" ]; then
  echo "bench: /oauth2/token answered without a token" >&2
  exit 1
fi

manifest_check() { # manifest_check SIDE [CURL_ARG…] URL : the side must serve exactly $MANIFEST_DIGEST
  local side=$1 got
  got=$(curl -sS -f -H "Accept: $manifest_type" "${@:2}" | sha256sum | cut -c1-64)
  if [ "sha256:$got" != "$MANIFEST_DIGEST" ]; then
    echo "bench: $side served a manifest hashing to sha256:$got, expected $MANIFEST_DIGEST" >&2
    exit 1
  fi
}

# ab_run NAME COUNT URL [AB_ARG…]: runs ab, keeps its report in $BENCH_WORK/ab-NAME.txt and its
# percentiles in ab-NAME.csv, fails on any failed or non-2xx request.
ab_run() {
  local name=$1 count=$2 url=$3 report="$BENCH_WORK/ab-$1.txt" failed non2xx
  ab -q -k -c "$connections" -n "$count" -e "$BENCH_WORK/ab-$name.csv" -H "Accept: $manifest_type" "${@:4}" \
    "$url" >"$report" 2>&1 || { cat "$report" >&2; exit 1; }
  failed=$(awk '/^Failed requests:/ { print $3 }' "$report")
  non2xx=$(awk '/^Non-2xx responses:/ { print $3 }' "$report")
  if [ "${failed:-0}" != 0 ] || [ -n "$non2xx" ]; then
    echo "bench: $name: ${failed:-0} failed and ${non2xx:-0} non-2xx of $count requests" >&2
    cat "$report" >&2
    exit 1
  fi
}

# ab_figures NAME: "REQUESTS_PER_S P50_MS P99_MS KEEP_ALIVE" from ab's report and CSV percentiles
# (ms, 3 decimals); KEEP_ALIVE is how many requests went over a reused connection (ab -k asks for
# keep-alive; a server that declines it makes ab time a TCP handshake per request).
ab_figures() {
  local rate keep
  rate=$(awk '/^Requests per second:/ { print $4 }' "$BENCH_WORK/ab-$1.txt")
  keep=$(awk '/^Keep-Alive requests:/ { print $3 }' "$BENCH_WORK/ab-$1.txt")
  awk -F, -v rate="$rate" -v keep="${keep:-0}" '$1 == 50 { p50 = $2 } $1 == 99 { p99 = $2 }
    END { printf "%s %.3f %.3f %s", rate, p50, p99, keep }' "$BENCH_WORK/ab-$1.csv"
}

manifest_check registry "$registry_url"
manifest_check outpost -H "Authorization: Bearer $bearer" "$outpost_url"
bench_log "warming up ($warmup requests per side)"
ab_run registry-warmup "$warmup" "$registry_url"
ab_run outpost-warmup "$warmup" "$outpost_url" -H "Authorization: Bearer $bearer"
bench_log "timing ($requests requests per side, $connections connections)"
ab_run registry "$requests" "$registry_url"
ab_run outpost "$requests" "$outpost_url" -H "Authorization: Bearer $bearer"

read -r registry_rate registry_p50 registry_p99 registry_keep <<<"$(ab_figures registry)"
read -r outpost_rate outpost_p50 outpost_p99 outpost_keep <<<"$(ab_figures outpost)"
echo "manifest-rate-vs-registry: GET bench/big:v1 manifest by tag, ab -k, $connections connections, $requests requests per side"
printf '  %-10s %14s %10s %10s %18s\n' server "requests/s" "p50 ms" "p99 ms" "keep-alive reqs"
printf '  %-10s %14s %10s %10s %18s\n' registry "$registry_rate" "$registry_p50" "$registry_p99" "$registry_keep"
printf '  %-10s %14s %10s %10s %18s\n' outpost "$outpost_rate" "$outpost_p50" "$outpost_p99" "$outpost_keep"
echo "  outpost/registry requests/s: $(bench_ratio "$outpost_rate" "$registry_rate") (outpost with a bearer token, registry without auth)"
