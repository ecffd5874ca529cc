#!/usr/bin/env bash
# Outpost in a minute (after the build), on a fresh machine with a JDK 21+ and no Azure account:
#   1. seed a *parent* Outpost with generated sample images and start it,
#   2. sync an *edge* Outpost from it over a link capped at 2 MB/s, inside a 4-second sync window
#      that closes mid-transfer; the next pass resumes where the window stopped, fetching nothing twice,
#   3. start the edge, show `outpost status` and the K3s registries.yaml a site would use,
#   4. pull every sample through the edge with a client token, verifying every digest,
#   5. show that the client token cannot read outside its scope.
# Everything listens on 127.0.0.1 and is stopped on exit. Work files: .outpost-quickstart/
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=SCRIPTDIR/lib/java.sh
. "$root/scripts/lib/java.sh"
outpost_select_java
outpost_quiet_maven
cd "$root"

if [ ! -f agent/target/outpost.jar ]; then
  echo "== Building Outpost (first run only)"
  ./mvnw -q -B -ntp -DskipTests package
fi
outpost() { "$root/scripts/outpost" "$@"; }
started_at=$(date +%s.%N)

work="$root/.outpost-quickstart"
rm -rf "$work"
mkdir -p "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

# Starts `outpost run` in the background. It runs in this shell (not inside $(...)) so that
# the pid reaches cleanup, and it starts scripts/outpost directly (not the outpost function):
# scripts/outpost execs java, so $! is the JVM itself, not a subshell that would leave it behind.
start_outpost() { # name config
  "$root/scripts/outpost" run --config "$2" >"$work/$1.log" 2>&1 &
  pids+=("$!")
}
# Prints the registry port that the last started `outpost run` announces in its log.
wait_for_port() { # name
  local log="$work/$1.log" port="" pid="${pids[${#pids[@]}-1]}"
  for _ in $(seq 1 100); do
    port=$(sed -n 's/^Outpost serving .* on [a-z]*:\/\/[^ ]*:\([0-9][0-9]*\), admin API.*/\1/p' "$log" | head -1)
    [ -n "$port" ] && { echo "$port"; return 0; }
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  echo "outpost $1 did not start; its log:" >&2
  cat "$log" >&2
  return 1
}
json_field() { # field: reads {"name":…,"password":…} on stdin
  sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"
}
bytes_after() { # label file: the byte count printed after label
  sed -n "s/.*$1\([0-9][0-9]*\) bytes.*/\1/p" "$2" | head -1
}

echo "== Parent: seeding sample images"
cat >"$work/parent.yaml" <<YAML
storage: {path: "$work/parent"}
serve: {listen: "127.0.0.1:0", httpEnabled: true}
admin: {listen: "127.0.0.1:0"}
YAML
outpost samples --config "$work/parent.yaml"
sync_password=$(outpost token create edge-sync --repository 'samples/*' --json --config "$work/parent.yaml" | json_field password)
start_outpost parent "$work/parent.yaml"
parent_port=$(wait_for_port parent)
echo "parent serving on 127.0.0.1:$parent_port"

echo "== Edge: a 4-second sync window over a link capped at 2 MB/s closes mid-transfer"
cat >"$work/edge.yaml" <<YAML
storage: {path: "$work/edge"}
parent: {url: "http://127.0.0.1:$parent_port", username: "edge-sync", password: "$sync_password"}
sync: {repositories: ["samples/*"], chunkSizeMb: 4, maxBandwidth: 2MB}
serve: {listen: "127.0.0.1:0", httpEnabled: true}
admin: {listen: "127.0.0.1:0"}
YAML
outpost sync --once --no-progress --window PT4S --config "$work/edge.yaml" | tee "$work/window-1.txt" || true
outpost status --config "$work/edge.yaml"
echo "== Edge: the next window resumes where that one stopped"
outpost sync --once --no-progress --config "$work/edge.yaml" | tee "$work/window-2.txt"
kept=$(bytes_after "kept " "$work/window-1.txt")
resumed=$(bytes_after "at " "$work/window-2.txt")
echo "kept at the window's end: ${kept:-0} bytes; the next pass resumed at: ${resumed:-0} bytes;" \
  "re-fetched: $(( ${kept:-0} - ${resumed:-0} )) bytes"

client_password=$(outpost token create site-client --repository 'samples/*' --json --config "$work/edge.yaml" | json_field password)
start_outpost edge "$work/edge.yaml"
edge_port=$(wait_for_port edge)
echo "edge serving on 127.0.0.1:$edge_port"
echo "== outpost status, all present"
outpost status --config "$work/edge.yaml"

echo "== The K3s registries.yaml that points a site's nodes at this edge (outpost mirror-config)"
printf '%s' "$client_password" | outpost mirror-config --k3s --upstream myregistry.azurecr.io \
  --endpoint "http://127.0.0.1:$edge_port" --token site-client --password-stdin | sed 's/\(password: \).*/\1"…"/'

echo "== Pulling every sample through the edge with the client token"
for ref in samples/hello:1.0 samples/legacy:1.0 samples/multiarch:1.0 samples/payload:1.0; do
  printf '%s' "$client_password" | outpost pull "http://127.0.0.1:$edge_port/$ref" \
    --username site-client --password-stdin --output "$work/pulled/${ref//[:\/]/_}"
done

echo "== A token scoped to samples/hello cannot read samples/payload"
narrow_password=$(outpost token create hello-only --repository 'samples/hello' --json --config "$work/edge.yaml" | json_field password)
if printf '%s' "$narrow_password" | outpost pull "http://127.0.0.1:$edge_port/samples/payload:1.0" \
    --username hello-only --password-stdin >"$work/denied.log" 2>&1; then
  echo "UNEXPECTED: hello-only read samples/payload" >&2
  exit 1
fi
echo "refused as expected: $(tail -1 "$work/denied.log")"
echo "== Quickstart finished in $(printf '%.1f' "$(echo "$(date +%s.%N) - $started_at" | bc)") s (after the build):" \
  "parent -> edge -> client, every digest verified."
