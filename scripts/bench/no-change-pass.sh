#!/usr/bin/env bash
# What a no-change pass over 500 tags in 50 repositories sends to the parent (issue 10): requests by
# kind (token, ping, catalog, tag lists, manifest HEAD/GET, blob, referrers) and response body bytes,
# counted at the parent. Generic OCI: a real docker-registry (counted from its access log), a HEAD
# per tag. ACR: the WireMock ACR of the tests (counted from its journal), lastUpdateTime watermarks.
# Goal: no manifest body and no blob byte; on ACR one tag-list request per repository page.
#
# The counts do not depend on timing, so they are a test, NoChangePassTest (sync-engine), which
# asserts the goal and prints one line per parent starting "no-change pass:"; this script runs that
# test through Maven and shows those lines (Maven's output stays in the work dir with BENCH_KEEP=1).
# Needs docker-registry (Debian package). A benchmark program: run it by hand, not from the tests.
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=SCRIPTDIR/../lib/java.sh
. "$BENCH_ROOT/scripts/lib/java.sh"
outpost_select_java
outpost_quiet_maven
export JAVA_HOME

bench_require docker-registry
bench_init
cd "$BENCH_ROOT"
bench_log "running NoChangePassTest (seeds 500 tags in each parent, syncs them, then counts a second pass)"
# The test fails (and the figures still print) when a pass misses the goal.
status=0
OUTPOST_REQUIRE_REAL_CLIENTS=1 ./mvnw -B -ntp -pl sync-engine -am test -Dtest=NoChangePassTest \
  -Dsurefire.failIfNoSpecifiedTests=false >"$BENCH_WORK/maven.log" 2>&1 || status=$?
grep '^no-change pass:' "$BENCH_WORK/maven.log" || true
if [ "$status" -ne 0 ]; then
  grep -E '^\[ERROR\]' "$BENCH_WORK/maven.log" | head -n 30 >&2
  exit "$status"
fi
