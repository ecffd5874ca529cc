#!/usr/bin/env bash
# Times `outpost sync --once` into an empty store against `skopeo copy … dir:` of the same image
# from the same docker-registry, in the same run: each BENCH_RUNS times (default 3), outputs
# dropped between runs, medians compared. One untimed sync runs first, so that the class archive
# the JVM writes after a fresh build (scripts/outpost) is not in the figures. Also prints the
# peak RSS of `outpost sync --once` and the time of `outpost status` on a synced store.
# Loopback only. Env: BENCH_LAYER_MIB (default 256), BENCH_RUNS (default 3), BENCH_KEEP=1 keeps the work dir.
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

layer_mib=${BENCH_LAYER_MIB:-256}
runs=${BENCH_RUNS:-3}

bench_require docker-registry skopeo curl tar sha256sum awk
bench_require_outpost

bench_init
bench_start_registry
bench_seed_image "$layer_mib" bench/big v1

# poll_peak_rss PID: the highest VmHWM seen while PID runs, in KiB (fallback when GNU time is absent).
poll_peak_rss() {
  local pid=$1 peak=0 hwm
  while kill -0 "$pid" 2>/dev/null; do
    hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
    if [ -n "$hwm" ] && [ "$hwm" -gt "$peak" ]; then peak=$hwm; fi
    sleep 0.05
  done
  echo "$peak"
}

# The store keeps verified blobs under blobs/sha256/<2 hex>/<hex>: check the layer arrived.
verify_store_has_layer() {
  local hex=${LAYER_DIGEST#sha256:}
  if [ -z "$(find "$1" -type f -name "$hex" -print -quit)" ]; then
    echo "bench: outpost sync finished but the layer $LAYER_DIGEST is not in the store" >&2
    exit 1
  fi
}

# time_outpost_sync RUN: prints "SECONDS RSS_KIB CPU_SECONDS" for one sync into an empty store
# (CPU: user + system, "-" without GNU time).
time_outpost_sync() {
  local run=$1
  local store="$BENCH_WORK/store-$run" config="$BENCH_WORK/outpost-$run.yaml"
  local log="$BENCH_WORK/outpost-sync-$run.log" start end rss cpu=-
  rm -rf "$store"
  bench_write_config "$config" "$store"
  start=$(bench_now)
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -v -o "$BENCH_WORK/time-$run.txt" \
      "$BENCH_ROOT/scripts/outpost" sync --once --no-progress --config "$config" >"$log" 2>&1 \
      || { cat "$log" >&2; exit 1; }
    end=$(bench_now)
    rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$BENCH_WORK/time-$run.txt")
    cpu=$(awk -F': ' '/User time|System time/ { t += $2 } END { printf "%.2f", t }' "$BENCH_WORK/time-$run.txt")
  else
    "$BENCH_ROOT/scripts/outpost" sync --once --no-progress --config "$config" >"$log" 2>&1 &
    local pid=$!
    rss=$(poll_peak_rss "$pid")
    wait "$pid" || { cat "$log" >&2; exit 1; }
    end=$(bench_now)
  fi
  verify_store_has_layer "$store"
  rm -rf "$store"
  echo "$(bench_elapsed "$start" "$end") $rss $cpu"
}

# Untimed: after a fresh build the first `outpost sync` also writes the class archive at exit
# (scripts/outpost), and the first `outpost status` its own. The synced store is kept for timing
# `outpost status` below.
warm_config="$BENCH_WORK/outpost-warmup.yaml"
bench_write_config "$warm_config" "$BENCH_WORK/store-warmup"
"$BENCH_ROOT/scripts/outpost" sync --once --no-progress --config "$warm_config" >"$BENCH_WORK/outpost-sync-warmup.log" 2>&1 \
  || { cat "$BENCH_WORK/outpost-sync-warmup.log" >&2; exit 1; }
verify_store_has_layer "$BENCH_WORK/store-warmup"
"$BENCH_ROOT/scripts/outpost" status --config "$warm_config" >/dev/null
bench_log "warm-up sync and status done (untimed)"

# A whole short command on the synced store (JVM start, store open, report), to read the sync
# figures against: every `outpost` command pays at least this much before it does its work.
time_outpost_status() {
  local start end
  start=$(bench_now)
  "$BENCH_ROOT/scripts/outpost" status --config "$warm_config" >/dev/null
  end=$(bench_now)
  bench_elapsed "$start" "$end"
}

outpost_times=()
outpost_cpus=()
skopeo_times=()
skopeo_cpus=()
status_times=()
peak_rss=0
for run in $(seq 1 "$runs"); do
  result=$(time_outpost_sync "$run") # a failed sync exits the script here (set -e)
  read -r seconds rss cpu <<<"$result"
  outpost_times+=("$seconds")
  outpost_cpus+=("$cpu")
  if [ "${rss:-0}" -gt "$peak_rss" ]; then peak_rss=$rss; fi
  read -r seconds cpu <<<"$(bench_time_skopeo_copy "$run")"
  skopeo_times+=("$seconds")
  skopeo_cpus+=("$cpu")
  status_times+=("$(time_outpost_status)")
  bench_log "run $run: outpost ${outpost_times[-1]}s (peak RSS ${rss} KiB), skopeo ${skopeo_times[-1]}s, status ${status_times[-1]}s"
done

outpost_median=$(bench_median "${outpost_times[@]}")
skopeo_median=$(bench_median "${skopeo_times[@]}")
echo "sync-vs-skopeo: one image, one ${layer_mib} MiB random layer, docker-registry on loopback, median of $runs runs after one untimed outpost sync"
printf '  %-34s %10s s   (runs: %s)\n' "outpost sync --once (empty store)" "$outpost_median" "${outpost_times[*]}"
printf '  %-34s %10s s   (runs: %s)\n' "skopeo copy docker:// -> dir:" "$skopeo_median" "${skopeo_times[*]}"
printf '  %-34s %10s     (>1: outpost is faster)\n' "ratio skopeo/outpost" "$(bench_ratio "$skopeo_median" "$outpost_median")"
printf '  %-34s %10s s   (runs: %s)\n' "outpost CPU, user + system" "$(bench_median "${outpost_cpus[@]}")" "${outpost_cpus[*]}"
printf '  %-34s %10s s   (runs: %s)\n' "skopeo CPU, user + system" "$(bench_median "${skopeo_cpus[@]}")" "${skopeo_cpus[*]}"
printf '  %-34s %10s MiB (max across runs)\n' "outpost sync peak RSS" "$(awk -v k="$peak_rss" 'BEGIN { printf "%.1f", k / 1024 }')"
printf '  %-34s %10s s   (runs: %s; JVM start + store open + report, for scale)\n' \
  "outpost status, synced store" "$(bench_median "${status_times[@]}")" "${status_times[*]}"
