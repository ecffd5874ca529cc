#!/usr/bin/env bash
# verify-vs-openssl.sh [GiB]: times `outpost verify` over a store holding GiB (default 2) of random
# blobs against `openssl dgst -sha256` of the same blob files, one run each, and prints the ratio.
# Both read from the page cache (the files are read once before either is timed), so the figure
# compares hashing and reading code, not the disk. openssl is the anchor because it uses the CPU's
# SHA instructions, as the JDK's SHA-256 intrinsic does (coreutils' sha256sum here does not).
# A benchmark program: run it by hand, not from the tests. Everything stays in a temporary folder.
set -euo pipefail
BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=SCRIPTDIR/lib.sh
. "$BENCH_ROOT/scripts/bench/lib.sh"
# shellcheck source=SCRIPTDIR/../lib/java.sh
. "$BENCH_ROOT/scripts/lib/java.sh"
outpost_select_java
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
start=$(now)
"$BENCH_ROOT/scripts/outpost" verify --config "$BENCH_WORK/outpost.yaml" >"$BENCH_WORK/verify.out"
verify_s=$(echo "$(now) - $start" | bc -l)
tail -1 "$BENCH_WORK/verify.out" >&2

start=$(now)
openssl dgst -sha256 "${files[@]}" >/dev/null
openssl_s=$(echo "$(now) - $start" | bc -l)

mbps() { echo "scale=0; $bytes / $1 / 1000000" | bc -l; }
printf 'bytes hashed:          %d (%d files)\n' "$bytes" "${#files[@]}"
printf 'outpost verify:        %.2f s  %s MB/s (whole process: JVM start, index open and scan included)\n' "$verify_s" "$(mbps "$verify_s")"
printf 'openssl dgst -sha256:  %.2f s  %s MB/s\n' "$openssl_s" "$(mbps "$openssl_s")"
printf 'ratio (verify throughput / openssl throughput): %.2f\n' "$(echo "$openssl_s / $verify_s" | bc -l)"
