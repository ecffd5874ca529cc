#!/usr/bin/env bash
# Runs every test (unit, integration, end-to-end with real clients when installed):
#   scripts/test.sh [extra Maven arguments]
# Set OUTPOST_REQUIRE_REAL_CLIENTS=1 to fail instead of skip when skopeo or docker-registry is missing.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=SCRIPTDIR/lib/java.sh
. "$root/scripts/lib/java.sh"
outpost_select_java
outpost_quiet_maven
echo "Using JDK at $JAVA_HOME"
cd "$root"
exec ./mvnw -B -ntp verify "$@"
