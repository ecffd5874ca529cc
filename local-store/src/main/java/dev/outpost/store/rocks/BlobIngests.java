package dev.outpost.store.rocks;

import dev.outpost.store.BlobInfo;
import dev.outpost.store.BlobIngest;
import dev.outpost.store.model.DigestMismatchException;
import dev.outpost.store.StoreException;
import dev.outpost.store.model.Digest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Hands out ingests, at most one open per digest in this process. Only one process can open the
 * store (RocksDB's LOCK), so this also makes each partial file single-writer.
 *
 * <p>For a blob that is already committed with the expected size, the ingest returned is complete
 * from the start and its {@code commit()} returns the existing blob (see {@link CommittedIngest});
 * a different expected size is a {@link DigestMismatchException}.
 */
final class BlobIngests {
  /** The slot of one digest; {@code ingest} is null while the ingest is being opened. */
  private static final class Slot {
    private volatile BlobIngest ingest;
  }

  private final BlobFiles files;
  private final BlobCatalog catalog;
  private final Executor writers;
  /** Two per open ingest; sync runs a handful of ingests at once, so 16 idle ones cover it. */
  private final DirectBuffers buffers = new DirectBuffers(WriteBehindFile.BUFFER_BYTES, 16);
  private final SpaceGuard space;
  private final ConcurrentMap<Digest, Slot> open = new ConcurrentHashMap<>();
  private final Consumer<Digest> opened;

  /** {@code opened} is told of every ingest opened (the GC exclusion counts it as in use). */
  BlobIngests(BlobFiles files, BlobCatalog catalog, Executor writers, SpaceGuard space, Consumer<Digest> opened) {
    this.files = files;
    this.catalog = catalog;
    this.writers = writers;
    this.space = space;
    this.opened = opened;
  }

  boolean isOpen(Digest digest) {
    return open.containsKey(digest);
  }

  /**
   * Runs {@code action} while no ingest of {@code digest} is open and none can open (its slot is
   * held); returns empty without running it if one is open.
   */
  <T> Optional<T> whileClosed(Digest digest, Supplier<T> action) {
    Slot slot = new Slot();
    if (open.putIfAbsent(digest, slot) != null) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(action.get());
    } finally {
      open.remove(digest, slot);
    }
  }

  BlobIngest open(Digest digest, long expectedSize, String source) {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(source, "source");
    if (expectedSize < 0) {
      throw new IllegalArgumentException("expected size of " + digest + " is negative: " + expectedSize);
    }
    Slot slot = new Slot();
    if (open.putIfAbsent(digest, slot) != null) {
      throw new StoreException("open ingest of " + digest + " refused: another ingest of it is open");
    }
    Runnable release = () -> open.remove(digest, slot);
    opened.accept(digest);
    try {
      slot.ingest = create(digest, expectedSize, source, release);
      return slot.ingest;
    } catch (RuntimeException e) {
      release.run();
      throw e;
    }
  }

  private BlobIngest create(Digest digest, long expectedSize, String source, Runnable release) {
    Optional<BlobInfo> committed = catalog.stat(digest);
    if (committed.isPresent()) {
      if (committed.get().size() != expectedSize) {
        throw new DigestMismatchException(digest, "it is committed with size " + committed.get().size()
            + ", not the expected " + expectedSize);
      }
      return new CommittedIngest(committed.get(), release);
    }
    return FileIngest.open(new IngestTarget(digest, expectedSize, source, files, catalog, writers, buffers, space, release));
  }

  /** Closes every open ingest (their durable progress stays); used when the store closes. */
  void closeAll() {
    List<Slot> slots = new ArrayList<>(open.values());
    for (Slot slot : slots) {
      BlobIngest ingest = slot.ingest;
      if (ingest != null) {
        ingest.close();
      }
    }
  }
}
