#!/usr/bin/env bash
# Blob download throughput of Outpost's serve endpoint against docker-registry, same blob, same
# run: a seeded docker-registry, synced into Outpost, then curl fetches the layer from each with
# 1 and with 8 concurrent clients (each fetching BENCH_FETCHES times, default 4), and from nginx
# (sendfile, when installed) serving the registry's own file of the layer. Prints MB/s
# (10^6 bytes per second) per case and the ratio outpost/registry, and each server's peak RSS (ps),
# anonymous RSS (RssAnon) and number of blob-file mappings sampled during the run. Loopback only.
# Env: BENCH_LAYER_MIB (default 256), BENCH_FETCHES (default 4), BENCH_CLIENTS (default "1 8"), BENCH_KEEP=1.
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

layer_mib=${BENCH_LAYER_MIB:-256}
fetches=${BENCH_FETCHES:-4}
read -r -a client_counts <<<"${BENCH_CLIENTS:-1 8}"

bench_require docker-registry skopeo curl tar sha256sum awk
bench_require_outpost

bench_init
bench_start_registry
bench_seed_image "$layer_mib" bench/big v1

serve_port=$(bench_free_port)
config="$BENCH_WORK/outpost.yaml"
bench_write_config "$config" "$BENCH_WORK/store" "$serve_port"
bench_serve_outpost "$config" "http://127.0.0.1:$serve_port/v2/"

# nginx with sendfile, when installed, serves the very file docker-registry stores the layer in.
if command -v nginx >/dev/null 2>&1; then
  bench_start_nginx "$BENCH_WORK/registry/data/docker/registry/v2/blobs"
  NGINX_URL="http://127.0.0.1:$NGINX_PORT/sha256/${LAYER_DIGEST:7:2}/${LAYER_DIGEST#sha256:}/data"
fi

bench_compare_blob_fetches \
  "serve-vs-registry: ${layer_mib} MiB blob, curl over loopback, $fetches fetches per client" \
  "http://127.0.0.1:$REGISTRY_PORT/v2/bench/big/blobs/$LAYER_DIGEST" "$REGISTRY_PID" \
  "http://127.0.0.1:$serve_port/v2/bench/big/blobs/$LAYER_DIGEST" "$OUTPOST_PID" "$fetches" "${client_counts[@]}"
# Every client is a curl on the same two cores: with 8 clients the ratio is bounded by
# (registry CPU + curl CPU) / (outpost CPU + curl CPU), whatever the server does.
