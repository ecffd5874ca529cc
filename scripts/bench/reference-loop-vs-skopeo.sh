#!/usr/bin/env bash
# The yardstick for sync-vs-skopeo.sh: how fast a plain serial Java loop (GET + sha256 + write,
# one fsync; ReferenceLoop.java, compiled once) copies the same 256 MiB layer from the same
# docker-registry, against skopeo in the same run (the same skopeo command as sync-vs-skopeo.sh).
# The loop's time is the whole java process: JVM start and the final fsync included. Loopback only.
# Env: BENCH_LAYER_MIB (default 256), BENCH_RUNS (default 3), BENCH_KEEP=1 keeps the work dir.
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
layer_mib=${BENCH_LAYER_MIB:-256}
runs=${BENCH_RUNS:-3}
bench_require docker-registry skopeo curl tar sha256sum awk
# shellcheck source=SCRIPTDIR/../lib/java.sh
. "$BENCH_ROOT/scripts/lib/java.sh"
outpost_select_java

bench_init
bench_start_registry
bench_seed_image "$layer_mib" bench/big v1
"$JAVA_HOME/bin/javac" -d "$BENCH_WORK/classes" "$BENCH_ROOT/scripts/bench/ReferenceLoop.java"
url="http://127.0.0.1:$REGISTRY_PORT/v2/bench/big/blobs/$LAYER_DIGEST"

loop_times=() skopeo_times=()
for run in $(seq 1 "$runs"); do
  rm -f "$BENCH_WORK/loop.out"
  start=$(bench_now)
  digest=$("$JAVA" -cp "$BENCH_WORK/classes" ReferenceLoop "$url" "$BENCH_WORK/loop.out")
  end=$(bench_now)
  [ "$digest" = "$LAYER_DIGEST" ] || { echo "bench: the loop computed $digest, not $LAYER_DIGEST" >&2; exit 1; }
  loop_times+=("$(bench_elapsed "$start" "$end")")
  read -r seconds _ <<<"$(bench_time_skopeo_copy "$run")"
  skopeo_times+=("$seconds")
  bench_log "run $run: loop ${loop_times[-1]}s, skopeo ${skopeo_times[-1]}s"
done
loop=$(bench_median "${loop_times[@]}")
skopeo_median=$(bench_median "${skopeo_times[@]}")
echo "reference-loop-vs-skopeo: one ${layer_mib} MiB layer, docker-registry on loopback, median of $runs runs"
printf '  %-51s %7s s   (runs: %s)\n' "java serial loop (JVM start+GET+sha256+write+fsync)" "$loop" "${loop_times[*]}"
printf '  %-51s %7s s   (runs: %s)\n' "skopeo copy docker:// -> dir:" "$skopeo_median" "${skopeo_times[*]}"
printf '  %-51s %7s     (>1: the loop is faster)\n' "ratio skopeo/loop" "$(bench_ratio "$skopeo_median" "$loop")"
