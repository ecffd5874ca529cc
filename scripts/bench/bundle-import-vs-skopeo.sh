#!/usr/bin/env bash
# Issue 8's figures, in one run:
#  1. Import throughput: `outpost bundle import` of a bundle of 20 images (BENCH_IMAGES x
#     BENCH_LAYER_MIB MiB, 2 GiB by default) into an empty store, against `skopeo copy oci:… docker://`
#     of the same 20 images from the same bundle into an empty docker-registry. Each BENCH_RUNS times
#     (default 3), medians compared. Both read the bundle from the page cache (it was just written).
#  2. Delta size: one of the 20 images is changed upstream; the site's inventory goes upstream and
#     `bundle create --since` writes the delta. Prints full and delta bundle sizes and the changed
#     image's own bytes (the goal: the delta is the changed layers, nothing else).
# Loopback only. Env: BENCH_IMAGES (20), BENCH_LAYER_MIB (100), BENCH_RUNS (3), BENCH_KEEP=1 keeps the work dir.
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

images=${BENCH_IMAGES:-20}
layer_mib=${BENCH_LAYER_MIB:-100}
runs=${BENCH_RUNS:-3}

bench_require docker-registry skopeo curl tar sha256sum awk du
bench_require_outpost

bench_init
bench_start_registry
parent_port=$REGISTRY_PORT

repo_of() { printf 'bench/app-%02d' "$1"; }

for i in $(seq 1 "$images"); do
  bench_seed_image "$layer_mib" "$(repo_of "$i")" v1
done

# The upstream side: the config names the parent and selects every bench repository.
upstream_config="$BENCH_WORK/upstream.yaml"
bench_write_config "$upstream_config" "$BENCH_WORK/upstream-store"
sed -i 's|repositories: \["bench/big"\]|repositories: ["bench/*"]|' "$upstream_config"

bundle="$BENCH_WORK/bundle"
"$BENCH_ROOT/scripts/outpost" bundle create --from-parent --config "$upstream_config" --output "$bundle" \
  >"$BENCH_WORK/create.log" 2>&1 || { cat "$BENCH_WORK/create.log" >&2; exit 1; }
full_bytes=$(du -sb "$bundle" | cut -f1)
bench_log "bundle of $images images: $full_bytes bytes"

# A site: no parent at all, only a store and an endpoint.
site_config() { # site_config FILE STORE
  cat >"$1" <<YAML
storage:
  path: $2
serve:
  listen: "127.0.0.1:$(bench_free_port)"
  httpEnabled: true
admin:
  listen: "127.0.0.1:$(bench_free_port)"
YAML
}

time_outpost_import() { # time_outpost_import RUN: prints seconds for one import into an empty store
  local run=$1
  local store="$BENCH_WORK/site-$run" config="$BENCH_WORK/site-$run.yaml" start end
  rm -rf "$store"
  site_config "$config" "$store"
  start=$(bench_now)
  "$BENCH_ROOT/scripts/outpost" bundle import --config "$config" "$bundle" >"$BENCH_WORK/import-$run.log" 2>&1 \
    || { cat "$BENCH_WORK/import-$run.log" >&2; exit 1; }
  end=$(bench_now)
  bench_elapsed "$start" "$end"
}

time_skopeo_import() { # time_skopeo_import RUN: prints seconds for skopeo copying every image into an empty registry
  local run=$1 start end i
  bench_start_registry "peer-$run" # empty: nothing of the parent's storage
  start=$(bench_now)
  for i in $(seq 1 "$images"); do
    skopeo --insecure-policy copy --quiet --preserve-digests --dest-tls-verify=false \
      "oci:$bundle:$(repo_of "$i"):v1" "docker://127.0.0.1:$REGISTRY_PORT/$(repo_of "$i"):v1"
  done
  end=$(bench_now)
  kill "$REGISTRY_PID" 2>/dev/null || true
  wait "$REGISTRY_PID" 2>/dev/null || true
  rm -rf "$BENCH_WORK/registry-peer-$run"
  bench_elapsed "$start" "$end"
}

time_outpost_import warmup >/dev/null # the class archive a fresh build writes is not in the figures
outpost_times=()
skopeo_times=()
for run in $(seq 1 "$runs"); do
  outpost_times+=("$(time_outpost_import "$run")")
  skopeo_times+=("$(time_skopeo_import "$run")")
  bench_log "run $run: outpost import ${outpost_times[-1]} s, skopeo copy ${skopeo_times[-1]} s"
done
outpost_s=$(bench_median "${outpost_times[@]}")
skopeo_s=$(bench_median "${skopeo_times[@]}")
mib=$(awk -v b="$full_bytes" 'BEGIN { printf "%.0f", b / 1048576 }')

# The delta: change one image upstream, take the site's inventory, create --since it.
REGISTRY_PORT=$parent_port
bench_seed_image "$layer_mib" "$(repo_of 7)" v1
changed_bytes=$((LAYER_SIZE))
site_store="$BENCH_WORK/site-1"
"$BENCH_ROOT/scripts/outpost" inventory --config "$BENCH_WORK/site-1.yaml" --output "$BENCH_WORK/inventory.json" \
  >"$BENCH_WORK/inventory.log" 2>&1 || { cat "$BENCH_WORK/inventory.log" >&2; exit 1; }
inventory_bytes=$(stat -c %s "$BENCH_WORK/inventory.json")
delta="$BENCH_WORK/delta"
"$BENCH_ROOT/scripts/outpost" bundle create --from-parent --config "$upstream_config" \
  --since "$BENCH_WORK/inventory.json" --output "$delta" >"$BENCH_WORK/delta.log" 2>&1 \
  || { cat "$BENCH_WORK/delta.log" >&2; exit 1; }
delta_bytes=$(du -sb "$delta" | cut -f1)
"$BENCH_ROOT/scripts/outpost" bundle import --config "$BENCH_WORK/site-1.yaml" "$delta" \
  >"$BENCH_WORK/delta-import.log" 2>&1 || { cat "$BENCH_WORK/delta-import.log" >&2; exit 1; }
bench_log "site store: $site_store"

echo
echo "Bundle import, $images images of $layer_mib MiB ($mib MiB), median of $runs:"
printf '  outpost bundle import:                     %8s s  %6s MiB/s\n' "$outpost_s" "$(awk -v m="$mib" -v s="$outpost_s" 'BEGIN { printf "%.0f", m / s }')"
printf '  skopeo copy oci: -> docker-registry (x%s): %8s s  %6s MiB/s\n' "$images" "$skopeo_s" "$(awk -v m="$mib" -v s="$skopeo_s" 'BEGIN { printf "%.0f", m / s }')"
printf '  ratio (skopeo time / outpost time):        %8s x\n' "$(bench_ratio "$skopeo_s" "$outpost_s")"
echo "Delta after changing 1 of $images images:"
printf '  full bundle:          %12s bytes\n' "$full_bytes"
printf '  delta bundle:         %12s bytes (%s%% of full)\n' "$delta_bytes" "$(awk -v d="$delta_bytes" -v f="$full_bytes" 'BEGIN { printf "%.1f", 100 * d / f }')"
printf '  changed layer:        %12s bytes (delta - layer = %s bytes of manifests, config, bundle manifest)\n' \
  "$changed_bytes" "$((delta_bytes - changed_bytes))"
printf '  site inventory:       %12s bytes\n' "$inventory_bytes"
