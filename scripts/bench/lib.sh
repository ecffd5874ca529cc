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

bench_require_outpost() { # the built jar, and a JDK selected once (exported), so no timed run pays for the search
  if [ ! -f "$BENCH_ROOT/agent/target/outpost.jar" ]; then
    echo "bench: agent/target/outpost.jar is missing; build it with: ./mvnw -q -B -DskipTests package" >&2
    exit 2
  fi
  # shellcheck source=SCRIPTDIR/../lib/java.sh
  . "$BENCH_ROOT/scripts/lib/java.sh"
  outpost_select_java
  export JAVA_HOME
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

bench_start_registry() { # bench_start_registry [NAME]: starts docker-registry with its own config and storage
  # (under $BENCH_WORK/registry[-NAME]: a second registry must not share the first one's blobs); sets REGISTRY_PORT and REGISTRY_PID
  local dir="$BENCH_WORK/registry${1:+-$1}"
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

# bench_cpu_ms_tree PID : CPU time of PID and its direct children (nginx's master and workers), in ms.
bench_cpu_ms_tree() {
  local total pid
  total=$(bench_cpu_ms "$1")
  for pid in $(pgrep -P "$1" || true); do
    total=$((total + $(bench_cpu_ms "$pid" 2>/dev/null || echo 0)))
  done
  echo "$total"
}

# bench_start_nginx DIR: nginx serving DIR's files as they are (sendfile on, one worker per core,
# no access log) on a free port of 127.0.0.1; sets NGINX_PORT and NGINX_PID (the master). Its workers
# run as the caller (the work dir is private to it).
bench_start_nginx() {
  local root=$1 dir="$BENCH_WORK/nginx"
  mkdir -p "$dir/logs"
  NGINX_PORT=$(bench_free_port)
  cat >"$dir/nginx.conf" <<CONF
user $(id -un) $(id -gn);
worker_processes auto;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events { worker_connections 4096; }
http {
  sendfile on;
  tcp_nopush on;
  access_log off;
  keepalive_timeout 10;
  client_body_temp_path $dir/tmp;
  proxy_temp_path $dir/tmp;
  fastcgi_temp_path $dir/tmp;
  uwsgi_temp_path $dir/tmp;
  scgi_temp_path $dir/tmp;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / { root $root; }
  }
}
CONF
  mkdir -p "$dir/tmp"
  nginx -p "$dir" -c "$dir/nginx.conf" -g 'daemon off;' >"$dir/logs/stdout.log" 2>&1 &
  NGINX_PID=$!
  BENCH_PIDS+=("$NGINX_PID")
  bench_wait_http "http://127.0.0.1:$NGINX_PORT/" "$NGINX_PID"
  bench_log "nginx (sendfile) on 127.0.0.1:$NGINX_PORT (pid $NGINX_PID) serving $root"
}

# --- Blob downloads, Outpost's serve endpoint against docker-registry (serve-vs-registry.sh and
# serve-tls-vs-registry.sh). BENCH_CURL holds curl arguments for both sides (e.g. --cacert FILE).
BENCH_CURL=()
BENCH_NETRC=""

# bench_serve_outpost CONFIG URL: syncs into the store of CONFIG, creates the client token 'bench'
# (its password goes to BENCH_NETRC only), starts `outpost run` and waits until URL answers.
# Sets OUTPOST_PID, the JVM's own pid (scripts/outpost execs it), whose /proc entry gives its CPU.
bench_serve_outpost() {
  local config=$1 url=$2 token_json token_password
  bench_log "syncing into Outpost"
  "$BENCH_ROOT/scripts/outpost" sync --once --no-progress --config "$config" >"$BENCH_WORK/sync.log" 2>&1 \
    || { cat "$BENCH_WORK/sync.log" >&2; exit 1; }
  token_json=$("$BENCH_ROOT/scripts/outpost" token create bench --repository 'bench/*' --json --config "$config")
  token_password=$(printf '%s' "$token_json" | sed -n 's/.*"password" *: *"\([^"]*\)".*/\1/p')
  if [ -z "$token_password" ]; then
    echo "bench: could not read the password from 'outpost token create --json'" >&2
    exit 1
  fi
  # curl reads the credentials from a file so the password never shows in the process list.
  BENCH_NETRC="$BENCH_WORK/netrc"
  (umask 077 && printf 'machine 127.0.0.1 login bench password %s\n' "$token_password" >"$BENCH_NETRC")
  "$BENCH_ROOT/scripts/outpost" run --config "$config" >"$BENCH_WORK/run.log" 2>&1 &
  OUTPOST_PID=$!
  BENCH_PIDS+=("$OUTPOST_PID")
  bench_wait_http "$url" "$OUTPOST_PID" "${BENCH_CURL[@]}" || { cat "$BENCH_WORK/run.log" >&2; exit 1; }
  bench_log "outpost run serving on $url (pid $OUTPOST_PID)"
}

bench_fetch() { # bench_fetch SIDE CURL_ARG… : one curl; Outpost (SIDE outpost) gets the token's Basic credentials
  if [ "$1" = outpost ]; then
    curl -sS -f "${BENCH_CURL[@]}" --netrc-file "$BENCH_NETRC" "${@:2}"
  else
    curl -sS -f "${BENCH_CURL[@]}" "${@:2}"
  fi
}

bench_check_blob() { # bench_check_blob SIDE URL : untimed; the side must serve exactly $LAYER_DIGEST
  local got
  got=$(bench_fetch "$1" "$2" | sha256sum | cut -c1-64)
  if [ "sha256:$got" != "$LAYER_DIGEST" ]; then
    echo "bench: $1 served a blob hashing to sha256:$got, expected $LAYER_DIGEST" >&2
    exit 1
  fi
}

# bench_memory_sample PID: one line "RSS_KIB ANON_KIB MAPPINGS": RSS as ps reports it (file pages
# counted once per mapping), anonymous RSS (/proc/PID/status RssAnon), and how many mappings of
# blob files (paths under blobs/sha256/) the process holds.
bench_memory_sample() {
  local pid=$1 rss anon maps
  rss=$(ps -o rss= -p "$pid" 2>/dev/null | tr -d ' ')
  anon=$(awk '/^RssAnon:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
  maps=$(grep -c '/blobs/sha256/' "/proc/$pid/maps" 2>/dev/null || true)
  echo "${rss:-0} ${anon:-0} ${maps:-0}"
}

# bench_memory_watch PID FILE: samples PID every 0.2 s into FILE until killed (run it in the background).
bench_memory_watch() {
  while kill -0 "$1" 2>/dev/null; do
    bench_memory_sample "$1" >>"$2"
    sleep 0.2
  done
}

# bench_memory_peaks FILE: "PEAK_RSS_MIB PEAK_ANON_MIB PEAK_MAPPINGS" over the samples in FILE.
bench_memory_peaks() {
  awk '{ if ($1 > r) r = $1; if ($2 > a) a = $2; if ($3 > m) m = $3 }
    END { printf "%d %d %d", r / 1024, a / 1024, m }' "$1"
}

# bench_throughput SIDE URL CLIENTS FETCHES PID [tree]: prints "MB/s CPU-ms-per-GiB PEAK_RSS_MIB
# PEAK_ANON_MIB PEAK_MAPPINGS" for CLIENTS parallel loops of FETCHES downloads; CPU and memory are
# the serving process's (PID): CPU user + system, memory sampled during the run (bench_memory_sample).
bench_throughput() {
  local side=$1 url=$2 clients=$3 fetches=$4 server_pid=$5 cpu=bench_cpu_ms start end cpu_before cpu_after pids=() c
  if [ "${6:-}" = tree ]; then cpu=bench_cpu_ms_tree; fi
  local bytes=$((LAYER_SIZE * clients * fetches)) samples watcher
  samples=$(mktemp "$BENCH_WORK/memory.XXXXXX")
  bench_memory_watch "$server_pid" "$samples" &
  watcher=$!
  cpu_before=$($cpu "$server_pid")
  start=$(bench_now)
  for c in $(seq 1 "$clients"); do
    (for _ in $(seq 1 "$fetches"); do bench_fetch "$side" -o /dev/null "$url"; done) &
    pids+=("$!")
  done
  for c in "${pids[@]}"; do
    wait "$c"
  done
  end=$(bench_now)
  cpu_after=$($cpu "$server_pid")
  kill "$watcher" 2>/dev/null || true
  wait "$watcher" 2>/dev/null || true
  bench_memory_sample "$server_pid" >>"$samples"
  awk -v bytes="$bytes" -v s="$(bench_elapsed "$start" "$end")" -v cpu="$((cpu_after - cpu_before))" \
    'BEGIN { printf "%.1f %d", bytes / 1e6 / s, cpu * 1073741824 / bytes }'
  echo " $(bench_memory_peaks "$samples")"
}

# bench_compare_blob_fetches TITLE REGISTRY_URL REGISTRY_PID OUTPOST_URL OUTPOST_PID FETCHES CLIENTS… :
# checks both sides serve the layer, then prints TITLE and one table row per client count.
bench_compare_blob_fetches() {
  local title=$1 registry_url=$2 registry_pid=$3 outpost_url=$4 outpost_pid=$5 fetches=$6 clients
  local registry_rate registry_cpu registry_rss registry_anon registry_maps
  local outpost_rate outpost_cpu outpost_rss outpost_anon outpost_maps
  bench_check_blob registry "$registry_url"
  bench_check_blob outpost "$outpost_url"
  echo "$title"
  printf '  %-8s %14s %14s %17s %22s %24s %24s\n' clients "registry MB/s" "outpost MB/s" "outpost/registry" \
    "server CPU ms/GiB r/o" "peak RSS/anon MiB r/o" "peak blob mappings r/o"
  for clients in "${@:7}"; do
    read -r registry_rate registry_cpu registry_rss registry_anon registry_maps \
      <<<"$(bench_throughput registry "$registry_url" "$clients" "$fetches" "$registry_pid")"
    read -r outpost_rate outpost_cpu outpost_rss outpost_anon outpost_maps \
      <<<"$(bench_throughput outpost "$outpost_url" "$clients" "$fetches" "$outpost_pid")"
    printf '  %-8s %14s %14s %17s %22s %24s %24s\n' "$clients" "$registry_rate" "$outpost_rate" \
      "$(bench_ratio "$outpost_rate" "$registry_rate")" "$registry_cpu / $outpost_cpu" \
      "$registry_rss/$registry_anon / $outpost_rss/$outpost_anon" "$registry_maps / $outpost_maps"
  done
  echo "  after the runs, outpost RSS/anon KiB and blob mappings: $(bench_memory_sample "$outpost_pid")"
  if [ -n "${NGINX_URL:-}" ]; then
    bench_check_blob nginx "$NGINX_URL"
    for clients in "${@:7}"; do
      read -r outpost_rate _ <<<"$(bench_throughput outpost "$outpost_url" "$clients" "$fetches" "$outpost_pid")"
      local nginx_rate nginx_cpu
      read -r nginx_rate nginx_cpu _ <<<"$(bench_throughput nginx "$NGINX_URL" "$clients" "$fetches" "$NGINX_PID" tree)"
      printf '  nginx (sendfile), %s clients: %s MB/s, %s ms CPU/GiB (master and workers); outpost again %s MB/s; outpost/nginx %s\n' \
        "$clients" "$nginx_rate" "$nginx_cpu" "$outpost_rate" "$(bench_ratio "$outpost_rate" "$nginx_rate")"
    done
  fi
}
