package dev.outpost.sync.bundle;

import dev.outpost.store.manifest.ManifestContent;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.Reference;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.sync.source.ContentSource;
import dev.outpost.sync.source.FetchedManifest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes the parts of a {@link BundlePlan}, one after the other: {@code oci-layout}, the carried
 * blobs, then the carried manifests (read again by digest and verified), {@code index.json}, and
 * {@code outpost-bundle.json} last, so a part without it is recognisably unfinished. What a layout
 * already holds complete is not written again.
 */
final class PartWriter {
  private final ContentSource source;
  private final BundleOutput output;
  private final BlobCopy copy;
  private final Consumer<String> progress;

  PartWriter(ContentSource source, BundleOutput output, BlobCopy copy, Consumer<String> progress) {
    this.source = source;
    this.output = output;
    this.copy = copy;
    this.progress = progress;
  }

  /** Bytes written now and bytes found already written, over all parts. */
  record Written(List<Path> parts, long written, long kept) {}

  Written write(BundlePlan plan) throws IOException {
    BundleManifest manifest = plan.manifest();
    List<Path> paths = new ArrayList<>();
    long written = 0;
    long kept = 0;
    for (int n = 1; n <= manifest.parts(); n++) {
      Path path = output.part(n, manifest.parts());
      paths.add(path);
      try (LayoutWriter layout = open(n, manifest)) {
        if (!layout.hasFile(LayoutWriter.OCI_LAYOUT)) {
          layout.writeFile(LayoutWriter.OCI_LAYOUT, LayoutIndex.ociLayout());
        }
        for (Digest digest : inWriteOrder(manifest, n)) {
          BundleManifest.Item item = manifest.content().get(digest);
          if (layout.holds(digest)) {
            kept += item.size();
            continue;
          }
          long now = layout.writeBlob(digest, item.size(), opener(plan.from().get(digest), digest, item));
          written += now;
          kept += item.size() - now;
        }
        if (!layout.hasFile(LayoutWriter.INDEX_JSON)) {
          layout.writeFile(LayoutWriter.INDEX_JSON, LayoutIndex.indexJson(plan.index(n)));
        }
        if (!layout.hasFile(BundleManifest.FILE_NAME)) {
          layout.writeFile(BundleManifest.FILE_NAME, BundleJson.write(manifest.forPart(n)));
        }
        layout.finish();
      }
      progress.accept("part " + n + " of " + manifest.parts() + " written: " + path);
    }
    return new Written(paths, written, kept);
  }

  private LayoutWriter open(int n, BundleManifest manifest) throws IOException {
    Path path = output.part(n, manifest.parts());
    return output.tar() ? TarLayout.open(path, output.journal(n), manifest.created(), copy)
        : DirectoryLayout.open(path, copy);
  }

  /** Blobs first, then manifests, each by digest: a reader never needs an order, a person skimming a tar likes one. */
  private static List<Digest> inWriteOrder(BundleManifest manifest, int part) {
    return manifest.carriedIn(part).stream()
        .sorted(Comparator.comparing((Digest d) -> manifest.content().get(d).isManifest()).thenComparing(d -> d))
        .toList();
  }

  private BlobOpener opener(RepositoryName repo, Digest digest, BundleManifest.Item item) {
    if (!item.isManifest()) {
      return (from, length) -> source.openBlob(repo, digest, from, length);
    }
    return (from, length) -> {
      FetchedManifest fetched = source.getManifest(repo, new Reference.ByDigest(digest));
      // Verified here too, so a changed manifest says which manifest rather than "blob mismatch".
      ManifestContent verified = ManifestContent.verified(fetched.bytes(), fetched.contentType(), digest);
      return BlobOpener.of(verified.bytes()).open(from, length);
    };
  }
}
