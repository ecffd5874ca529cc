package dev.outpost.sync.bundle;

import dev.outpost.store.BlobIngest;
import dev.outpost.store.LocalStore;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.DigestMismatchException;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.sync.source.BlobStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * After the engine's pass, keeps in the store what the given parts carry but the pass could not
 * commit: blobs of images whose manifest is in another part, and manifests whose closure is (kept as
 * verified blob files by digest; the next import reads them back through {@link BundleSource}).
 * Each item is ingested like a synced blob: verified at commit, checkpointed every chunk, resumed
 * from its durable offset after a kill. A damaged item is refused and the rest go on.
 */
final class Staging {
  private final BundleSource source;
  private final LocalStore store;
  private final List<RepositoryName> selected;
  private final long chunkSize;
  private final BooleanSupplier stopRequested;
  private final ImportTally tally;

  Staging(BundleSource source, LocalStore store, List<RepositoryName> selected, long chunkSize,
      BooleanSupplier stopRequested, ImportTally tally) {
    this.source = source;
    this.store = store;
    this.selected = selected;
    this.chunkSize = chunkSize;
    this.stopRequested = stopRequested;
    this.tally = tally;
  }

  /** Stages every carried item the store lacks; false when stopped before the end. */
  boolean run() {
    for (Map.Entry<Digest, BundleManifest.Item> e : source.carried().entrySet()) {
      if (stopRequested.getAsBoolean()) {
        return false;
      }
      if (!needed(e.getKey(), e.getValue())) {
        continue;
      }
      try {
        stage(e.getKey(), e.getValue().size());
      } catch (StoppedException stopped) {
        return false;
      } catch (IOException | DigestMismatchException ex) {
        tally.itemRefused(e.getKey(), ex.getMessage());
      }
    }
    return true;
  }

  /**
   * A blob is needed unless committed; a manifest unless committed in every selected repository
   * that lists it (one that still lacks it will ask for it on a later import).
   */
  private boolean needed(Digest digest, BundleManifest.Item item) {
    if (store.stat(digest).isPresent()) {
      return false;
    }
    if (!item.isManifest()) {
      return true;
    }
    return selected.stream().filter(repo -> lists(repo, digest))
        .anyMatch(repo -> store.manifest(repo, digest).isEmpty());
  }

  private boolean lists(RepositoryName repo, Digest digest) {
    BundleManifest.RepositoryContent content = source.manifest().repositories().get(repo);
    return content != null && (content.manifests().contains(digest) || content.tags().containsValue(digest));
  }

  private void stage(Digest digest, long size) throws IOException {
    try (BlobIngest ingest = store.openIngest(digest, size, "bundle:" + source.manifest().id())) {
      long from = ingest.offset();
      if (from < size) {
        try (BlobStream in = source.openCarried(digest, from, size - from)) {
          byte[] buffer = new byte[(int) Math.max(1, Math.min(1024 * 1024, size))];
          long nextCheckpoint = Math.min(size, from + chunkSize);
          while (ingest.offset() < size) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, nextCheckpoint - ingest.offset()));
            ingest.write(buffer, 0, n);
            tally.staged(n);
            if (ingest.offset() == nextCheckpoint && nextCheckpoint < size) {
              ingest.checkpoint();
              nextCheckpoint = Math.min(size, nextCheckpoint + chunkSize);
              if (stopRequested.getAsBoolean()) {
                throw new StoppedException();
              }
            }
          }
        }
      }
      ingest.commit();
    }
  }

  /** A stop seen at a checkpoint: the ingest keeps its durable offset for the next import. */
  private static final class StoppedException extends RuntimeException {
    StoppedException() {
      super(null, null, false, false);
    }
  }
}
