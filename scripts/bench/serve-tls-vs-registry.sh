#!/usr/bin/env bash
# Blob download throughput over HTTPS: Outpost's serve endpoint against docker-registry, both with
# TLS, the same certificate (from `outpost tls init`), the same blob, in the same run. A plain-HTTP
# docker-registry is seeded and Outpost syncs from it; a second docker-registry serves that same
# storage over TLS (http.tls.certificate/key). Then curl, verifying the site CA (--cacert, never
# --insecure), fetches the layer from each with 1 and with 8 concurrent clients (each fetching
# BENCH_FETCHES times, default 4). Prints MB/s (10^6 bytes per second) per case and the ratio
# outpost/registry. Loopback only.
# Env: BENCH_LAYER_MIB (default 256), BENCH_FETCHES (default 4), BENCH_CLIENTS (default "1 8"), BENCH_KEEP=1.
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

layer_mib=${BENCH_LAYER_MIB:-256}
fetches=${BENCH_FETCHES:-4}
read -r -a client_counts <<<"${BENCH_CLIENTS:-1 8}"

bench_require docker-registry skopeo curl tar sha256sum awk
bench_require_outpost
# shellcheck source=SCRIPTDIR/../lib/java.sh
. "$BENCH_ROOT/scripts/lib/java.sh"
outpost_select_java
export JAVA_HOME
outpost() { "$BENCH_ROOT/scripts/outpost" "$@"; }

bench_init
bench_start_registry
bench_seed_image "$layer_mib" bench/big v1

tls="$BENCH_WORK/tls"
outpost tls init --ip 127.0.0.1 --dns localhost --out "$tls" >"$BENCH_WORK/tls-init.txt"
ca="$tls/ca.crt"

# The TLS registry reads the seeded registry's storage; it only serves, so sharing it is safe.
tls_registry_port=$(bench_free_port)
cat >"$BENCH_WORK/registry/config-tls.yml" <<YAML
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $BENCH_WORK/registry/data
http:
  addr: 127.0.0.1:$tls_registry_port
  secret: outpost-bench-not-a-secret
  tls:
    certificate: $tls/tls.crt
    key: $tls/tls.key
YAML
docker-registry serve "$BENCH_WORK/registry/config-tls.yml" >"$BENCH_WORK/registry/registry-tls.log" 2>&1 &
tls_registry_pid=$!
BENCH_PIDS+=("$tls_registry_pid")
bench_wait_http "https://127.0.0.1:$tls_registry_port/v2/" "$tls_registry_pid" --cacert "$ca" \
  || { cat "$BENCH_WORK/registry/registry-tls.log" >&2; exit 1; }
bench_log "docker-registry with TLS on 127.0.0.1:$tls_registry_port (pid $tls_registry_pid)"

serve_port=$(bench_free_port)
config="$BENCH_WORK/outpost.yaml"
bench_write_config "$config" "$BENCH_WORK/store" "$serve_port" "$(bench_free_port)" "$tls"
bench_log "syncing into Outpost"
outpost sync --once --no-progress --config "$config" >"$BENCH_WORK/sync.log" 2>&1 || { cat "$BENCH_WORK/sync.log" >&2; exit 1; }
token_json=$(outpost token create bench --repository 'bench/*' --json --config "$config")
token_password=$(printf '%s' "$token_json" | sed -n 's/.*"password" *: *"\([^"]*\)".*/\1/p')
if [ -z "$token_password" ]; then
  echo "bench: could not read the password from 'outpost token create --json'" >&2
  exit 1
fi
# curl reads the credentials from a file so the password never shows in the process list.
netrc="$BENCH_WORK/netrc"
(umask 077 && printf 'machine 127.0.0.1 login bench password %s\n' "$token_password" >"$netrc")

# Started directly, not through the function, so that $! is the JVM itself (scripts/outpost execs it):
# the CPU column reads its /proc entry.
"$BENCH_ROOT/scripts/outpost" run --config "$config" >"$BENCH_WORK/run.log" 2>&1 &
outpost_pid=$!
BENCH_PIDS+=("$outpost_pid")
bench_wait_http "https://127.0.0.1:$serve_port/v2/" "$outpost_pid" --cacert "$ca" || { cat "$BENCH_WORK/run.log" >&2; exit 1; }
bench_log "outpost run serving HTTPS on 127.0.0.1:$serve_port (pid $outpost_pid)"

registry_blob="https://127.0.0.1:$tls_registry_port/v2/bench/big/blobs/$LAYER_DIGEST"
outpost_blob="https://127.0.0.1:$serve_port/v2/bench/big/blobs/$LAYER_DIGEST"

fetch() { # fetch NAME URL… : one curl verifying the site CA; Outpost gets the token's Basic credentials
  if [ "$1" = outpost ]; then
    curl -sS -f --cacert "$ca" --netrc-file "$netrc" "${@:2}"
  else
    curl -sS -f --cacert "$ca" "${@:2}"
  fi
}

# Untimed: each side must serve exactly the blob asked for.
for side in registry outpost; do
  url=$registry_blob
  if [ "$side" = outpost ]; then url=$outpost_blob; fi
  got=$(fetch "$side" "$url" | sha256sum | cut -c1-64)
  if [ "sha256:$got" != "$LAYER_DIGEST" ]; then
    echo "bench: $side served a blob hashing to sha256:$got, expected $LAYER_DIGEST" >&2
    exit 1
  fi
done

# throughput NAME URL CLIENTS PID: prints "MB/s CPU-ms-per-GiB" for CLIENTS parallel loops of
# $fetches downloads; the CPU is the serving process's (PID), user + system.
throughput() {
  local side=$1 url=$2 clients=$3 server_pid=$4 start end cpu_before cpu_after pids=() c
  local bytes=$((LAYER_SIZE * clients * fetches))
  cpu_before=$(bench_cpu_ms "$server_pid")
  start=$(bench_now)
  for c in $(seq 1 "$clients"); do
    (for _ in $(seq 1 "$fetches"); do fetch "$side" -o /dev/null "$url"; done) &
    pids+=("$!")
  done
  for c in "${pids[@]}"; do
    wait "$c"
  done
  end=$(bench_now)
  cpu_after=$(bench_cpu_ms "$server_pid")
  awk -v bytes="$bytes" -v s="$(bench_elapsed "$start" "$end")" -v cpu="$((cpu_after - cpu_before))" \
    'BEGIN { printf "%.1f %d", bytes / 1e6 / s, cpu * 1073741824 / bytes }'
}

echo "serve-tls-vs-registry: ${layer_mib} MiB blob, curl over HTTPS on loopback (site CA verified), $fetches fetches per client"
printf '  %-8s %14s %14s %17s %22s\n' clients "registry MB/s" "outpost MB/s" "outpost/registry" "server CPU ms/GiB r/o"
for clients in "${client_counts[@]}"; do
  read -r registry_rate registry_cpu <<<"$(throughput registry "$registry_blob" "$clients" "$tls_registry_pid")"
  read -r outpost_rate outpost_cpu <<<"$(throughput outpost "$outpost_blob" "$clients" "$outpost_pid")"
  printf '  %-8s %14s %14s %17s %22s\n' "$clients" "$registry_rate" "$outpost_rate" \
    "$(bench_ratio "$outpost_rate" "$registry_rate")" "$registry_cpu / $outpost_cpu"
done
# Both servers present the same ECDSA P-256 certificate, so the handshakes cost the same.
# Every client is a curl on the same two cores: with 8 clients the ratio is bounded by
# (registry CPU + curl CPU) / (outpost CPU + curl CPU), whatever the server does.
