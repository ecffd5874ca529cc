#!/usr/bin/env bash
# Outpost in two minutes, on a fresh machine with a JDK 21+ and no Azure account:
#   1. seed a *parent* Outpost with generated sample images and start it,
#   2. sync an *edge* Outpost from it over HTTP with a sync token, then start the edge,
#   3. pull every sample through the edge with a client token, verifying every digest,
#   4. show that the client token cannot read outside its scope.
# Everything listens on 127.0.0.1 and is stopped on exit. Work files: .outpost-quickstart/
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=SCRIPTDIR/lib/java.sh
. "$root/scripts/lib/java.sh"
outpost_select_java
cd "$root"

if [ ! -f agent/target/outpost.jar ]; then
  echo "== Building Outpost (first run only)"
  ./mvnw -q -B -ntp -DskipTests package
fi
outpost() { "$root/scripts/outpost" "$@"; }

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
    port=$(sed -n 's/^Outpost serving .* on [^ ]*:\([0-9][0-9]*\), admin API.*/\1/p' "$log" | head -1)
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

echo "== Edge: one sync pass from the parent"
cat >"$work/edge.yaml" <<YAML
storage: {path: "$work/edge"}
parent: {url: "http://127.0.0.1:$parent_port", username: "edge-sync", password: "$sync_password"}
sync: {repositories: ["samples/*"], chunkSizeMb: 4}
serve: {listen: "127.0.0.1:0", httpEnabled: true}
admin: {listen: "127.0.0.1:0"}
YAML
outpost sync --once --config "$work/edge.yaml"
client_password=$(outpost token create site-client --repository 'samples/hello' --repository 'samples/multiarch' \
  --repository 'samples/legacy' --repository 'samples/payload' --json --config "$work/edge.yaml" | json_field password)
start_outpost edge "$work/edge.yaml"
edge_port=$(wait_for_port edge)
echo "edge serving on 127.0.0.1:$edge_port"
outpost status --config "$work/edge.yaml"

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
echo "== Quickstart finished: parent -> edge -> client, every digest verified."
