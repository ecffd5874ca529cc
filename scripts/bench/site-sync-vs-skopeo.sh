#!/usr/bin/env bash
# A site's whole selection, synced by Outpost and by `skopeo sync`, from the same docker-registry in
# the same run, with no bandwidth cap. The workload (issue 9): 40 images in 12 repositories, about
# 1.5 GiB, every image on one shared base layer plus a layer of its own (sizes spread around
# BENCH_UNIQUE_MIB). Three figures, each against skopeo sync of the same 12 repositories:
#   - one-shot: `outpost sync --once` into an empty store (JVM start included), and its peak RSS;
#   - warm: a pass inside a running `outpost run`, after a first pass over other repositories has
#     warmed the JVM up; the workload is moved into the registry's catalog only after that first
#     pass (one rename of its repositories directory), then `outpost resync` starts the timed pass;
#   - skopeo: `skopeo sync --src yaml --dest dir` of the 12 repositories.
# One run each (the workload is large; run the script again for another sample). Loopback only.
# Env: BENCH_BASE_MIB (96), BENCH_UNIQUE_MIB (36), BENCH_CONCURRENCY (sync.concurrency, 4),
#      BENCH_KEEP=1 keeps the work dir.
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

base_mib=${BENCH_BASE_MIB:-96}
unique_mib=${BENCH_UNIQUE_MIB:-36}
concurrency=${BENCH_CONCURRENCY:-4}
repos=12

bench_require docker-registry skopeo curl tar sha256sum awk
bench_require_outpost

bench_init
bench_start_registry
registry_data="$BENCH_WORK/registry/data/docker/registry/v2/repositories"

# tags_of REPO_INDEX: repositories 1-4 hold four tags, 5-12 three: 40 images.
tags_of() {
  if [ "$1" -le 4 ]; then echo 4; else echo 3; fi
}

# layer_tar FILE MIB: an uncompressed one-file tar of MIB MiB of /dev/urandom, printed as its hex digest.
layer_tar() {
  local out=$1 mib=$2 dir
  dir=$(mktemp -d "$BENCH_WORK/layer.XXXXXX")
  head -c "${mib}M" /dev/urandom >"$dir/data.bin"
  tar --format=ustar --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$dir" -cf "$out" data.bin
  rm -rf "$dir"
  bench_sha256 "$out"
}

# seed_workload: one OCI layout holding the 40 images (refs rNN-tM), pushed by skopeo to
# staging/rNN:tM. `staging` is renamed to `site` when the workload is wanted (see the header).
seed_workload() {
  local layout="$BENCH_WORK/seed" base_hex base_size image=0 r t hex size config_hex manifest_hex refs=()
  mkdir -p "$layout/blobs/sha256"
  base_hex=$(layer_tar "$BENCH_WORK/base.tar" "$base_mib")
  base_size=$(stat -c %s "$BENCH_WORK/base.tar")
  mv "$BENCH_WORK/base.tar" "$layout/blobs/sha256/$base_hex"
  local entries=""
  for r in $(seq -w 1 $repos); do
    for t in $(seq 1 "$(tags_of "$((10#$r))")"); do
      # Sizes from BENCH_UNIQUE_MIB - 20 to + 20, spread by a fixed step: the same workload every run.
      local mib=$(( unique_mib - 20 + (image * 13) % 41 ))
      hex=$(layer_tar "$BENCH_WORK/layer.tar" "$mib")
      size=$(stat -c %s "$BENCH_WORK/layer.tar")
      mv "$BENCH_WORK/layer.tar" "$layout/blobs/sha256/$hex"
      printf '{"architecture":"amd64","os":"linux","config":{},"rootfs":{"type":"layers","diff_ids":["sha256:%s","sha256:%s"]}}' \
        "$base_hex" "$hex" >"$BENCH_WORK/config.json"
      config_hex=$(bench_put_blob "$layout" "$BENCH_WORK/config.json")
      printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"sha256:%s","size":%s},{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"sha256:%s","size":%s}]}' \
        "$config_hex" "$(stat -c %s "$BENCH_WORK/config.json")" "$base_hex" "$base_size" "$hex" "$size" >"$BENCH_WORK/manifest.json"
      manifest_hex=$(bench_put_blob "$layout" "$BENCH_WORK/manifest.json")
      entries+="${entries:+,}{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:$manifest_hex\",\"size\":$(stat -c %s "$BENCH_WORK/manifest.json"),\"annotations\":{\"org.opencontainers.image.ref.name\":\"r$r-t$t\"}}"
      refs+=("r$r t$t")
      image=$((image + 1))
    done
  done
  printf '{"imageLayoutVersion":"1.0.0"}' >"$layout/oci-layout"
  printf '{"schemaVersion":2,"manifests":[%s]}' "$entries" >"$layout/index.json"
  local ref repo tag
  for ref in "${refs[@]}"; do
    read -r repo tag <<<"$ref"
    skopeo --insecure-policy copy --quiet --preserve-digests --dest-tls-verify=false \
      "oci:$layout:$repo-$tag" "docker://127.0.0.1:$REGISTRY_PORT/staging/$repo:$tag"
  done
  WORKLOAD_BYTES=$(du -sb "$layout/blobs" | cut -f1) # each blob once, as a store holds them
  rm -rf "$layout"
  bench_log "seeded $image images in $repos repositories under staging/ ($(( WORKLOAD_BYTES / 1048576 )) MiB of distinct blobs)"
}

# The warm-up repositories: a few images of another shape, synced by the first pass of `outpost run`.
seed_warmup() {
  local i
  for i in 1 2 3; do
    bench_seed_image 64 "warmup/w$i" v1
  done
}

# write_config FILE STORE ADMIN_PORT RULES: RULES is a YAML list; the schedule is far away, so
# passes happen on `resync` (and `sync --once`) only.
write_config() {
  cat >"$1" <<YAML
storage:
  path: $2
parent:
  url: "http://127.0.0.1:$REGISTRY_PORT"
sync:
  repositories: $4
  schedule: "0 0 1 1 *"
  concurrency: $concurrency
serve:
  listen: "127.0.0.1:$(bench_free_port)"
  httpEnabled: true
admin:
  listen: "127.0.0.1:$3"
YAML
}

# flush_disk: writes the page cache's dirty pages out before a timed phase, so that no phase pays
# for the one before it (seeding writes gigabytes; skopeo's dir output too) in its own fsyncs.
flush_disk() {
  sync
}

seed_warmup
seed_workload

# --- warm: a pass inside `outpost run` ---------------------------------------------------------
admin_port=$(bench_free_port)
run_config="$BENCH_WORK/run.yaml"
write_config "$run_config" "$BENCH_WORK/store-run" "$admin_port" '["warmup/*", "site/*"]'
"$BENCH_ROOT/scripts/outpost" run --config "$run_config" >"$BENCH_WORK/run.log" 2>&1 &
run_pid=$!
BENCH_PIDS+=("$run_pid")
bench_wait_http "http://127.0.0.1:$admin_port/status" "$run_pid" || { tail -n 30 "$BENCH_WORK/run.log" >&2; exit 1; }

# passes_done: how many passes the running Outpost has finished (its pass-duration summary count).
passes_done() {
  curl -s "http://127.0.0.1:$admin_port/metrics" \
    | awk '/^outpost_sync_pass_duration_seconds_count/ { n += $2 } END { printf "%d", n }'
}
# pass_seconds: the summed duration of the finished passes, as the running Outpost measured them.
pass_seconds() {
  curl -s "http://127.0.0.1:$admin_port/metrics" \
    | awk '/^outpost_sync_pass_duration_seconds_sum/ { s += $2 } END { printf "%.3f", s }'
}
# wait_passes N: until N passes have finished (or the process died).
wait_passes() {
  while [ "$(passes_done)" -lt "$1" ]; do
    kill -0 "$run_pid" 2>/dev/null || { cat "$BENCH_WORK/run.log" >&2; exit 1; }
    sleep 0.05
  done
}
"$BENCH_ROOT/scripts/outpost" resync --config "$run_config" >/dev/null
wait_passes 1
sleep 2 # a pass queued behind the first (a window open at start) ends before the timed one
before=$(passes_done)
before_seconds=$(pass_seconds)
bench_log "warm-up over warmup/* done inside outpost run ($before passes)"
mv "$registry_data/staging" "$registry_data/site"
flush_disk
start=$(bench_now)
"$BENCH_ROOT/scripts/outpost" resync --config "$run_config" >/dev/null
wait_passes $((before + 1))
end=$(bench_now)
warm_wall=$(bench_elapsed "$start" "$end") # includes the resync command's own JVM start
warm_seconds=$(awk -v a="$(pass_seconds)" -v b="$before_seconds" 'BEGIN { printf "%.3f", a - b }')
"$BENCH_ROOT/scripts/outpost" status --config "$run_config" >"$BENCH_WORK/run-status.txt" 2>&1 || true
kill "$run_pid"
wait "$run_pid" || true
if ! grep -q "site/r12" "$BENCH_WORK/run-status.txt"; then
  echo "bench: the warm pass did not sync site/r12:" >&2
  cat "$BENCH_WORK/run-status.txt" >&2
  exit 1
fi
rm -rf "$BENCH_WORK/store-run"
bench_log "warm pass: ${warm_seconds}s as measured by outpost, ${warm_wall}s from the resync command to its end"

# --- skopeo sync -------------------------------------------------------------------------------
skopeo_yaml="$BENCH_WORK/skopeo-sync.yaml"
{
  echo "127.0.0.1:$REGISTRY_PORT:"
  echo "  tls-verify: false"
  echo "  images-by-tag-regex:"
  for r in $(seq -w 1 $repos); do echo "    site/r$r: '.*'"; done
} >"$skopeo_yaml"
mkdir -p "$BENCH_WORK/skopeo-out"
flush_disk
start=$(bench_now)
skopeo --insecure-policy sync --src yaml --dest dir "$skopeo_yaml" "$BENCH_WORK/skopeo-out" >"$BENCH_WORK/skopeo.log" 2>&1 \
  || { cat "$BENCH_WORK/skopeo.log" >&2; exit 1; }
end=$(bench_now)
skopeo_seconds=$(bench_elapsed "$start" "$end")
skopeo_images=$(find "$BENCH_WORK/skopeo-out" -name manifest.json | wc -l)
rm -rf "$BENCH_WORK/skopeo-out"
bench_log "skopeo sync: ${skopeo_seconds}s, $skopeo_images images"

# --- one-shot: outpost sync --once -------------------------------------------------------------
once_config="$BENCH_WORK/once.yaml"
write_config "$once_config" "$BENCH_WORK/store-once" "$(bench_free_port)" '["site/*"]'
flush_disk
start=$(bench_now)
/usr/bin/time -v -o "$BENCH_WORK/once-time.txt" \
  "$BENCH_ROOT/scripts/outpost" sync --once --no-progress --config "$once_config" >"$BENCH_WORK/once.log" 2>&1 \
  || { cat "$BENCH_WORK/once.log" >&2; exit 1; }
end=$(bench_now)
once_seconds=$(bench_elapsed "$start" "$end")
once_rss_kib=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$BENCH_WORK/once-time.txt")

echo "site-sync-vs-skopeo: 40 images in $repos repositories ($(( WORKLOAD_BYTES / 1048576 )) MiB of distinct blobs, one ${base_mib} MiB base layer shared by all), docker-registry on loopback, no cap, sync.concurrency $concurrency, one run"
printf '  %-40s %9s s\n' "skopeo sync --src yaml --dest dir" "$skopeo_seconds"
printf '  %-40s %9s s   ratio skopeo/outpost %s (>1: outpost is faster)\n' "outpost run: warm pass (resync)" "$warm_seconds" "$(bench_ratio "$skopeo_seconds" "$warm_seconds")"
printf '  %-40s %9s s   ratio skopeo/outpost %s\n' "outpost sync --once (empty store)" "$once_seconds" "$(bench_ratio "$skopeo_seconds" "$once_seconds")"
printf '  %-40s %9s MiB\n' "outpost sync --once peak RSS" "$(awk -v k="$once_rss_kib" 'BEGIN { printf "%.1f", k / 1024 }')"
