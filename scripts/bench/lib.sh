# Shared helpers for Outpost's benchmark scripts (sourced, not run). Everything listens on
# 127.0.0.1 only; every process started here is recorded and stopped by bench_cleanup (trap).
# shellcheck shell=bash

BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH_PIDS=()
BENCH_WORK=""

bench_init() { # creates the work dir and installs the cleanup trap
  BENCH_WORK=$(mktemp -d "${TMPDIR:-/tmp}/outpost-bench.XXXXXX")
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
}

bench_cleanup() {
  local pid _
  for pid in "${BENCH_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || continue
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$pid" 2>/dev/null || true
  done
  if [ -n "$BENCH_WORK" ] && [ -z "${BENCH_KEEP:-}" ]; then
    rm -rf "$BENCH_WORK"
  elif [ -n "$BENCH_WORK" ]; then
    echo "bench: kept $BENCH_WORK" >&2
  fi
}

bench_log() {
  echo "bench: $*" >&2
}

bench_require() { # bench_require TOOL… : fails with the Debian hint when one is missing
  local tool
  for tool in "$@"; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      echo "bench: '$tool' is required (Debian: apt-get install -y docker-registry skopeo curl)" >&2
      exit 2
    fi
  done
}

bench_require_outpost() {
  if [ ! -f "$BENCH_ROOT/agent/target/outpost.jar" ]; then
    echo "bench: agent/target/outpost.jar is missing; build it with: ./mvnw -q -B -DskipTests package" >&2
    exit 2
  fi
}

bench_free_port() { # prints a TCP port on 127.0.0.1 that nothing listens on now
  local port
  while true; do
    port=$(( RANDOM % 20000 + 30000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
}

bench_wait_http() { # bench_wait_http URL PID [CURL_ARG…] : waits until URL answers any HTTP status, or PID dies
  local url=$1 pid=$2 _
  local curl_args=("${@:3}") # for example --cacert FILE for an https URL
  for _ in $(seq 1 300); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "bench: process $pid exited before $url answered" >&2
      return 1
    fi
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "${curl_args[@]}" "$url" || true)" != "000" ]; then
      return 0
    fi
    sleep 0.1
  done
  echo "bench: $url did not answer within 30 s" >&2
  return 1
}

bench_start_registry() { # starts docker-registry with its own config; sets REGISTRY_PORT and REGISTRY_PID
  local dir="$BENCH_WORK/registry"
  mkdir -p "$dir/data"
  REGISTRY_PORT=$(bench_free_port)
  cat >"$dir/config.yml" <<YAML
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $dir/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$REGISTRY_PORT
  secret: outpost-bench-not-a-secret
YAML
  local pid
  docker-registry serve "$dir/config.yml" >"$dir/registry.log" 2>&1 &
  pid=$!
  BENCH_PIDS+=("$pid")
  # shellcheck disable=SC2034 # read by the scripts that source this file
  REGISTRY_PID=$pid
  bench_wait_http "http://127.0.0.1:$REGISTRY_PORT/v2/" "$pid"
  bench_log "docker-registry on 127.0.0.1:$REGISTRY_PORT (pid $pid)"
}

bench_sha256() {
  sha256sum "$1" | cut -c1-64
}

bench_put_blob() { # bench_put_blob LAYOUT FILE : copies FILE into LAYOUT/blobs/sha256, prints its hex digest
  local hex
  hex=$(bench_sha256 "$2")
  cp "$2" "$1/blobs/sha256/$hex"
  echo "$hex"
}

# bench_seed_image SIZE_MIB REPO TAG: builds an OCI image with one uncompressed tar layer of
# SIZE_MIB MiB of /dev/urandom (incompressible) and pushes it with skopeo, digests preserved.
# Sets LAYER_DIGEST, LAYER_SIZE and MANIFEST_DIGEST.
bench_seed_image() {
  local size_mib=$1 repo=$2 tag=$3
  local src="$BENCH_WORK/seed" layout="$BENCH_WORK/seed/layout"
  local layer_hex diff_id config_hex config_size manifest_hex
  mkdir -p "$src/files" "$layout/blobs/sha256"
  head -c "${size_mib}M" /dev/urandom >"$src/files/random.bin"
  tar --format=ustar --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$src/files" -cf "$src/layer.tar" random.bin
  rm -f "$src/files/random.bin"
  diff_id=$(bench_sha256 "$src/layer.tar")
  layer_hex=$diff_id # uncompressed layer: the blob is the tar itself
  LAYER_SIZE=$(stat -c %s "$src/layer.tar")
  mv "$src/layer.tar" "$layout/blobs/sha256/$layer_hex"
  printf '{"architecture":"amd64","os":"linux","config":{},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' \
    "$diff_id" >"$src/config.json"
  config_size=$(stat -c %s "$src/config.json")
  config_hex=$(bench_put_blob "$layout" "$src/config.json")
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"sha256:%s","size":%s}]}' \
    "$config_hex" "$config_size" "$layer_hex" "$LAYER_SIZE" >"$src/manifest.json"
  manifest_hex=$(bench_put_blob "$layout" "$src/manifest.json")
  printf '{"imageLayoutVersion":"1.0.0"}' >"$layout/oci-layout"
  printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"%s"}}]}' \
    "$manifest_hex" "$(stat -c %s "$src/manifest.json")" "$tag" >"$layout/index.json"
  skopeo --insecure-policy copy --quiet --preserve-digests --dest-tls-verify=false \
    "oci:$layout:$tag" "docker://127.0.0.1:$REGISTRY_PORT/$repo:$tag"
  rm -rf "$src"
  LAYER_DIGEST="sha256:$layer_hex"
  MANIFEST_DIGEST="sha256:$manifest_hex"
  bench_log "seeded $repo:$tag = $MANIFEST_DIGEST, layer $LAYER_DIGEST ($LAYER_SIZE bytes)"
}

bench_write_config() { # bench_write_config FILE STORE_DIR [SERVE_PORT ADMIN_PORT [TLS_DIR]]
  local file=$1 store=$2
  local serve_port=${3:-$(bench_free_port)} admin_port=${4:-$(bench_free_port)} tls_dir=${5:-}
  # Plain HTTP unless TLS_DIR holds tls.crt and tls.key (as outpost tls init writes them).
  local transport="  httpEnabled: true"
  if [ -n "$tls_dir" ]; then
    transport="  tls: {certFile: \"$tls_dir/tls.crt\", keyFile: \"$tls_dir/tls.key\"}"
  fi
  cat >"$file" <<YAML
storage:
  path: $store
parent:
  url: "http://127.0.0.1:$REGISTRY_PORT"
sync:
  repositories: ["bench/big"]
  chunkSizeMb: 8
serve:
  listen: "127.0.0.1:$serve_port"
$transport
admin:
  listen: "127.0.0.1:$admin_port"
YAML
}

bench_now() { # seconds since the epoch, with nanoseconds
  date +%s.%N
}

bench_elapsed() { # bench_elapsed START END : END - START in seconds, 3 decimals
  awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'
}

bench_median() { # bench_median N… : the median of the numbers given
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

bench_ratio() { # bench_ratio A B : A / B with 2 decimals
  awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f", a / b }'
}

# bench_time_skopeo_copy RUN: copies bench/big:v1 from the registry into a fresh dir: and prints
# "SECONDS CPU_SECONDS" (CPU: user + system, "-" without GNU time). The one skopeo command every
# script compares against.
bench_time_skopeo_copy() {
  local run=$1
  local out="$BENCH_WORK/skopeo-$run" start end cpu=-
  local copy=(skopeo --insecure-policy copy --quiet --src-tls-verify=false
    "docker://127.0.0.1:$REGISTRY_PORT/bench/big:v1" "dir:$out")
  rm -rf "$out"
  start=$(bench_now)
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%U %S' -o "$BENCH_WORK/skopeo-time-$run.txt" "${copy[@]}"
    end=$(bench_now)
    cpu=$(awk '{ printf "%.2f", $1 + $2 }' "$BENCH_WORK/skopeo-time-$run.txt")
  else
    "${copy[@]}"
    end=$(bench_now)
  fi
  rm -rf "$out"
  echo "$(bench_elapsed "$start" "$end") $cpu"
}

bench_cpu_ms() { # bench_cpu_ms PID : CPU time (user + system) PID has used so far, in milliseconds
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%d", ($14 + $15) * 1000 / hz }' "/proc/$1/stat"
}
