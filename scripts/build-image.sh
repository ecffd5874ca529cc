#!/usr/bin/env bash
# Builds Outpost's container image on this machine, with no container registry:
#   scripts/build-image.sh [--if-stale]
# --if-stale: do nothing when the image was built from the source as it is now (the commit plus
# uncommitted changes outside tests and the chart); the end-to-end test builds this way.
# Writes an OCI image layout to agent/target/image/oci (tags `latest` and the project version, as
# org.opencontainers.image.ref.name annotations in index.json) and the same layout as a tar beside
# it, agent/target/image/outpost-oci.tar (`skopeo copy oci-archive:...`, `ctr image import`).
#
# Layers, bottom up (an upgrade of Outpost moves only the layers that changed):
#   1. Debian bookworm's libc6, libgcc-s1, libstdc++6, zlib1g (mmdebstrap --variant=extract: the
#      packages' files only, no shell, no dpkg), plus /etc/passwd and /etc/group naming UID/GID
#      65532, /tmp, and /var/lib/outpost and /etc/outpost;
#   2. a Java runtime jlinked from the build's JDK with the modules jdeps finds in outpost.jar;
#   3+. Jib's layers: dependencies, Outpost's own modules, resources, classes, RocksDB's library.
# Layers 1 and 2 form a docker-archive that Jib reads as a tar:// base. Every time stamp is fixed
# (SOURCE_DATE_EPOCH, Jib's epoch), entries are sorted and owners numeric, so two builds of one
# commit give one image digest while Debian's archive serves the same package versions.
# Needs: mmdebstrap (Debian's archive reachable), a JDK >= 21 with jlink and jdeps, jq, GNU tar.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=SCRIPTDIR/lib/java.sh
. "$root/scripts/lib/java.sh"
outpost_select_java
outpost_quiet_maven
cd "$root"
case "${1:-}" in
  "" | --if-stale) ;;
  *) echo "usage: scripts/build-image.sh [--if-stale]" >&2; exit 2 ;;
esac

for tool in mmdebstrap jq; do
  command -v "$tool" >/dev/null 2>&1 || { echo "build-image: '$tool' is missing (Debian: apt-get install $tool)" >&2; exit 2; }
done

out="$root/agent/target/image"
# What the image is built from: the commit, and any change to it that could reach the image.
source_stamp() {
  git rev-parse --is-inside-work-tree >/dev/null 2>&1 || { echo "no-git-$(date +%s%N)"; return; }
  local exclude=(':(exclude,glob)**/src/test/**' ':(exclude)helm')
  {
    git rev-parse HEAD
    git diff HEAD -- . "${exclude[@]}"
    git ls-files -z --others --exclude-standard -- . "${exclude[@]}" | xargs -0 -r sha256sum
  } | sha256sum | cut -d' ' -f1
}
stamp=$(source_stamp)
if [ "${1:-}" = "--if-stale" ] && [ -f "$out/oci/index.json" ] && [ "$(cat "$out/source-stamp" 2>/dev/null)" = "$stamp" ]; then
  echo "build-image: $out/oci is up to date"
  exit 0
fi

# Fixed, not the commit's time: the base layers then change only when their content does.
export SOURCE_DATE_EPOCH=1
work="$out/work"
suite=bookworm
packages=libc6,libgcc-s1,libstdc++6,zlib1g
rm -rf "$work" "$out/oci" "$out/outpost-oci.tar" "$out/source-stamp"
mkdir -p "$work"

# GNU tar options that make an archive depend on the files' content, names and modes alone.
reproducible_tar=(--sort=name --format=posix --numeric-owner --owner=0 --group=0 "--mtime=@$SOURCE_DATE_EPOCH"
  --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime)

echo "build-image: building outpost.jar"
./mvnw -B -ntp -q -DskipTests package

echo "build-image: Debian layer ($suite: $packages)"
# Extract hooks run in the unpacked root before it is packed (customize hooks do not run for the
# extract variant): the non-root user, the data volume owned by it, the config folder the chart
# mounts into, and a sticky /tmp. Device nodes are left out: the runtime creates /dev.
mmdebstrap --quiet --variant=extract --include="$packages" \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --dpkgopt='path-exclude=/usr/share/lintian/*' --dpkgopt='path-exclude=/usr/share/gdb/*' \
  --dpkgopt='path-exclude=/usr/lib/x86_64-linux-gnu/gconv/*' \
  --skip=output/dev,output/mknod \
  --extract-hook='printf "root:x:0:0:root:/root:/sbin/nologin\noutpost:x:65532:65532:outpost:/var/lib/outpost:/sbin/nologin\n" > "$1/etc/passwd"' \
  --extract-hook='printf "root:x:0:\noutpost:x:65532:\n" > "$1/etc/group"' \
  --extract-hook='mkdir -p "$1/var/lib/outpost" "$1/etc/outpost" "$1/tmp" "$1/root" && chown 65532:65532 "$1/var/lib/outpost" && chmod 1777 "$1/tmp" && chmod 0700 "$1/root"' \
  "$suite" "$work/debian.tar"

echo "build-image: jlinked Java runtime"
jdk="$JAVA_HOME/bin"
modules=$("$jdk/jdeps" --ignore-missing-deps --multi-release 21 --print-module-deps agent/target/outpost.jar)
# jdk.crypto.ec: TLS with EC keys where the JDK still keeps it out of java.base (jdeps cannot see
# providers loaded by name). The AWT libraries java.desktop brings (Quartz and SnakeYAML use only
# java.beans) need X11 and font libraries the image does not have: left out.
modules="$modules,jdk.crypto.ec"
# --generate-cds-archive: the JDK's class data sharing archive for these modules (byte-identical
# from build to build): without it every start parses and verifies the JDK's classes again, which
# about doubles the JVM's start. Only the compressed-oops archive is kept (heaps under 32 GiB).
"$jdk/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --generate-cds-archive \
  --exclude-files='regex:.*/lib/lib(awt|awt_headless|awt_xawt|fontmanager|freetype|javajpeg|jsound|lcms|mlib_image|splashscreen)\.so' \
  --output "$work/jre/opt/java" >/dev/null
rm -f "$work/jre/opt/java/lib/server/classes_nocoops.jsa"
tar "${reproducible_tar[@]}" -C "$work/jre" -cf "$work/jre.tar" opt

echo "build-image: base docker-archive"
# Layers gzipped here (-n: no name or time in the header), so Jib takes them as they are.
mkdir -p "$work/base"
diff_ids=()
for layer in debian jre; do
  diff_ids+=("sha256:$(sha256sum "$work/$layer.tar" | cut -d' ' -f1)")
  gzip -n -c "$work/$layer.tar" > "$work/base/$layer.tar.gz"
done
jq -n --arg debian "${diff_ids[0]}" --arg jre "${diff_ids[1]}" \
  --arg debianBy "mmdebstrap --variant=extract --include=$packages $suite" --arg jreBy "jlink --add-modules $modules" '{
    architecture: "amd64", os: "linux",
    config: {Env: ["PATH=/opt/java/bin:/usr/sbin:/usr/bin:/sbin:/bin", "JAVA_HOME=/opt/java", "LANG=C.UTF-8"]},
    rootfs: {type: "layers", diff_ids: [$debian, $jre]},
    history: [{created: "1970-01-01T00:00:01Z", created_by: $debianBy}, {created: "1970-01-01T00:00:01Z", created_by: $jreBy}]
  }' > "$work/base/config.json"
jq -n '[{Config: "config.json", RepoTags: ["outpost-base:local"], Layers: ["debian.tar.gz", "jre.tar.gz"]}]' > "$work/base/manifest.json"
tar "${reproducible_tar[@]}" -C "$work/base" -cf "$work/base.tar" manifest.json config.json debian.tar.gz jre.tar.gz

echo "build-image: Jib"
# Jib's base-layer cache lives in target/, not the user's home: a clean build starts from nothing.
./mvnw -B -ntp -q -Pimage -DskipTests -Djib.disableUpdateChecks=true \
  "-Djib.baseImageCache=$work/jib-cache" "-Djib.applicationCache=$work/jib-app-cache" \
  -pl agent -am package

echo "build-image: OCI layout and tar"
version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -n 1)
mkdir -p "$out/oci"
tar -C "$out/oci" -xf "$work/jib-image.tar"
# Jib names the one manifest by its full reference; a layout names tags.
jq -c --arg version "$version" '.manifests[0] as $m | {
    schemaVersion: 2, mediaType: "application/vnd.oci.image.index.v1+json",
    manifests: [($m | .annotations = {"org.opencontainers.image.ref.name": "latest"}),
                ($m | .annotations = {"org.opencontainers.image.ref.name": $version})]
  }' "$out/oci/index.json" > "$work/index.json"
mv "$work/index.json" "$out/oci/index.json"
(cd "$out/oci" && tar "${reproducible_tar[@]}" -cf "$out/outpost-oci.tar" oci-layout index.json blobs)

echo "$stamp" > "$out/source-stamp"
digest=$(jq -r '.manifests[0].digest' "$out/oci/index.json")
echo "build-image: $out/oci (tags latest, $version) and $out/outpost-oci.tar"
echo "build-image: image digest $digest"
