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
BENCH_CURL=(--cacert "$ca") # both sides verify the site CA, never --insecure
bench_serve_outpost "$config" "https://127.0.0.1:$serve_port/v2/"

bench_compare_blob_fetches \
  "serve-tls-vs-registry: ${layer_mib} MiB blob, curl over HTTPS on loopback (site CA verified), $fetches fetches per client" \
  "https://127.0.0.1:$tls_registry_port/v2/bench/big/blobs/$LAYER_DIGEST" "$tls_registry_pid" \
  "https://127.0.0.1:$serve_port/v2/bench/big/blobs/$LAYER_DIGEST" "$OUTPOST_PID" "$fetches" "${client_counts[@]}"
# Both servers present the same ECDSA P-256 certificate, so the handshakes cost the same.
# Every client is a curl on the same two cores: with 8 clients the ratio is bounded by
# (registry CPU + curl CPU) / (outpost CPU + curl CPU), whatever the server does.
