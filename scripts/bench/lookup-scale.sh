#!/usr/bin/env bash
# Tag and manifest lookups at scale, and store open time: builds once a synthetic store of
# 1,000,000 tags (GcScaleBench's bulk path: 100,000 tiny blobs, 10,000 repositories x 100 tags over
# 20,000 manifests), cached in local-store/target/lookup-scale-s<SCALE>/ and reused by later runs,
# then runs the JMH benchmarks LookupBench (resolveTag of a random tag, manifest read by digest:
# p50/p99/p99.9 per call, one thread) and OpenBench (RocksLocalStore.open + close, the first in
# each fresh JVM and the reopens), through LookupScaleBench, a test-scope main of local-store.
# Goals (issue 7): lookup p99 < 1 ms, open < 2 s.
# Env: BENCH_SCALE divides the sizes (default 1; 10 = 100,000 tags). A benchmark program: run it
# by hand, not from the tests. Delete the cache directory to rebuild the store.
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
scale=${BENCH_SCALE:-1}
# shellcheck source=SCRIPTDIR/../lib/java.sh
. "$BENCH_ROOT/scripts/lib/java.sh"
outpost_select_java
outpost_quiet_maven
export JAVA_HOME

bench_init
cd "$BENCH_ROOT"
bench_log "compiling local-store and its tests (with the JMH benchmarks)"
./mvnw -q -B -ntp -pl local-store -am test-compile
./mvnw -q -B -ntp -pl local-store dependency:build-classpath -Dmdep.outputFile="$BENCH_WORK/classpath" >/dev/null
classpath="local-store/target/test-classes:local-store/target/classes:$(cat "$BENCH_WORK/classpath")"

cache="$BENCH_ROOT/local-store/target/lookup-scale-s$scale"
mkdir -p "$cache"
blobs=$((100000 / scale)) repos=$((10000 / scale))
bench_log "lookup-scale: $blobs blobs, $repos repositories x 100 tags (scale 1/$scale), store cached in $cache"
"$JAVA" -Xmx1g --enable-native-access=ALL-UNNAMED -cp "$classpath" \
  dev.outpost.store.rocks.LookupScaleBench "$cache" "$blobs" "$repos" 100 >"$cache/jmh.out"
# JMH's own output is long: print the program's summary, keep the rest beside the store.
grep -E '^(built the store|reusing the store)' "$cache/jmh.out"
sed -n '/^== lookups/,$p' "$cache/jmh.out"
bench_log "JMH's full output: $cache/jmh.out"
