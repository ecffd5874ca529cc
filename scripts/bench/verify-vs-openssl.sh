#!/usr/bin/env bash
# verify-vs-openssl.sh [GiB]: times `outpost verify` over a store holding GiB (default 2) of random
# blobs against `openssl dgst -sha256` of the same blob files, one run each, and prints the ratio.
# Both read from the page cache (the files are read once before either is timed), so the figure
# compares hashing and reading code, not the disk. openssl is the anchor because it uses the CPU's
# SHA instructions, as the JDK's SHA-256 intrinsic does (coreutils' sha256sum here does not).
# `outpost verify` hashes one file per core (at most 4), while `openssl dgst` hashes its files one
# after another on one core. So it prints three ratios: verify as shipped (all cores) against one
# openssl, which is the figure the goal (>= 0.9x) is stated for, since that is what a user runs;
# verify limited to one hashing thread (-XX:ActiveProcessorCount=1; the JVM's compiler and GC may
# still use the other core) against one openssl; and verify as shipped against openssl split over
# as many processes as verify has threads (xargs -P), the like-for-like parallel anchor.
# A benchmark program: run it by hand, not from the tests. Everything stays in a temporary folder.
set -euo pipefail
BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=SCRIPTDIR/lib.sh
. "$BENCH_ROOT/scripts/bench/lib.sh"
# shellcheck source=SCRIPTDIR/../lib/java.sh
. "$BENCH_ROOT/scripts/lib/java.sh"
outpost_select_java
outpost_quiet_maven
bench_require openssl
gib=${1:-2}
jar="$BENCH_ROOT/agent/target/outpost.jar"
[ -f "$jar" ] || { echo "bench: build first: ./mvnw -q -DskipTests package" >&2; exit 2; }
bench_init

store="$BENCH_WORK/store"
bench_log "seeding $gib GiB of random blobs (64 MiB layers) into $store"
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$jar" "$BENCH_ROOT/scripts/bench/SeedBlobs.java" \
  "$store" "$(echo "$gib * 1024 / 1" | bc)" 64
cat > "$BENCH_WORK/outpost.yaml" <<YAML
storage: {path: "$store"}
serve: {listen: "127.0.0.1:0", httpEnabled: true}
admin: {listen: "127.0.0.1:0"}
YAML
mapfile -t files < <(find "$store/blobs" -type f)
bytes=$(cat "${files[@]}" | wc -c) # also brings every file into the page cache

# One untimed run first: after a fresh build, the first run of a command also writes its class archive.
"$BENCH_ROOT/scripts/outpost" verify --config "$BENCH_WORK/outpost.yaml" >/dev/null

now() { date +%s.%N; }
time_verify() { # time_verify [JAVA_OPTS]: seconds of one `outpost verify`; its summary line on stderr
  local start seconds
  start=$(now)
  OUTPOST_JAVA_OPTS="${1:-}" "$BENCH_ROOT/scripts/outpost" verify --config "$BENCH_WORK/outpost.yaml" >"$BENCH_WORK/verify.out"
  seconds=$(echo "$(now) - $start" | bc -l)
  tail -1 "$BENCH_WORK/verify.out" >&2
  echo "$seconds"
}
cores=$(nproc)
threads=$((cores < 4 ? cores : 4))
verify_s=$(time_verify)
verify1_s=$(time_verify -XX:ActiveProcessorCount=1)

start=$(now)
openssl dgst -sha256 "${files[@]}" >/dev/null
openssl_s=$(echo "$(now) - $start" | bc -l)

start=$(now)
printf '%s\0' "${files[@]}" | xargs -0 -P "$threads" -n "$(((${#files[@]} + threads - 1) / threads))" openssl dgst -sha256 >/dev/null
openssl_par_s=$(echo "$(now) - $start" | bc -l)

mbps() { echo "scale=0; $bytes / $1 / 1000000" | bc -l; }
ratio() { echo "$1 / $2" | bc -l; }
printf 'bytes hashed:          %d (%d files), %d cores, load average %s\n' "$bytes" "${#files[@]}" "$cores" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'outpost verify:               %.2f s  %s MB/s (%d hashing threads; whole process: JVM start, index open and scan included)\n' \
  "$verify_s" "$(mbps "$verify_s")" "$threads"
printf 'outpost verify, 1 thread:     %.2f s  %s MB/s\n' "$verify1_s" "$(mbps "$verify1_s")"
printf 'openssl dgst -sha256:         %.2f s  %s MB/s (one process)\n' "$openssl_s" "$(mbps "$openssl_s")"
printf 'openssl dgst -sha256 x %d:     %.2f s  %s MB/s (%d processes, the files split between them)\n' \
  "$threads" "$openssl_par_s" "$(mbps "$openssl_par_s")" "$threads"
printf 'ratio verify / openssl (the goal, >= 0.9):           %.2f\n' "$(ratio "$openssl_s" "$verify_s")"
printf 'ratio verify 1 thread / openssl:                     %.2f\n' "$(ratio "$openssl_s" "$verify1_s")"
printf 'ratio verify / openssl x %d (parallel like for like): %.2f\n' "$threads" "$(ratio "$openssl_par_s" "$verify_s")"
