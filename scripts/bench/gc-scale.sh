#!/usr/bin/env bash
# Garbage collection at scale: builds a synthetic store (GcScaleBench, a test-scope main of
# local-store: 100,000 tiny blobs and 1,000,000 tags = 10,000 repositories x 100 tags over 20,000
# manifests, 10% of blobs and manifests unreferenced) by a bulk path, then times a dry run (mark
# and enumeration) and a real GC (mark and sweep), and prints the peak RSS of the JVM (VmHWM, and
# GNU time's "Maximum resident set size" when /usr/bin/time is there).
# Env: BENCH_SCALE divides the sizes (default 1; 10 = 10,000 blobs, 100,000 tags), BENCH_HEAP
# (default 1g, the -Xmx), BENCH_KEEP=1 keeps the work dir.
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
scale=${BENCH_SCALE:-1}
heap=${BENCH_HEAP:-1g}
# shellcheck source=SCRIPTDIR/../lib/java.sh
. "$BENCH_ROOT/scripts/lib/java.sh"
outpost_select_java
outpost_quiet_maven
export JAVA_HOME

bench_init
cd "$BENCH_ROOT"
bench_log "compiling local-store and its tests"
./mvnw -q -B -ntp -pl local-store -am test-compile
./mvnw -q -B -ntp -pl local-store dependency:build-classpath -Dmdep.outputFile="$BENCH_WORK/classpath" >/dev/null
classpath="local-store/target/test-classes:local-store/target/classes:$(cat "$BENCH_WORK/classpath")"

blobs=$((100000 / scale)) repos=$((10000 / scale))
command=("$JAVA" "-Xmx$heap" --enable-native-access=ALL-UNNAMED -cp "$classpath"
  dev.outpost.store.rocks.GcScaleBench "$BENCH_WORK/store" "$blobs" "$repos" 100)
bench_log "gc-scale: $blobs blobs, $repos repositories x 100 tags (scale 1/$scale)"
if [ -x /usr/bin/time ]; then
  /usr/bin/time -v "${command[@]}" 2>"$BENCH_WORK/time.txt"
  grep -E 'Maximum resident set size|Elapsed \(wall clock\)' "$BENCH_WORK/time.txt" | sed 's/^\s*/  process: /'
else
  "${command[@]}"
fi
