package dev.outpost.store.rocks;

import dev.outpost.store.SpaceReport;
import dev.outpost.store.StoreException;
import dev.outpost.store.StoreFullException;
import dev.outpost.store.model.Digest;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps content out of the store's reserve and remembers why writing stopped. An ingest is admitted
 * only if the bytes it still has to write fit in the free space above the reserve; a checkpoint
 * stops an ingest once free space is at or below the reserve (something else filled the disk); a
 * write that fails for lack of space is recorded. The shortage lasts until free space is back above
 * what the refused or failed write needed, so {@code status} keeps saying why until then.
 *
 * <p>While the index's reserved file ({@link IndexBallast}) is missing, having been released so the
 * index could open or write on a full disk, its bytes count as reserve too: the disk stays short
 * until the file can be written again. Otherwise a few KiB freed elsewhere would put free space just
 * above the reserve, {@code status} would say the disk is fine, and content would take the room the
 * file needs to come back.
 */
final class SpaceGuard {
  /** A shortage and the free space that ends it. */
  private record Shortage(String reason, long freeToEnd) {}

  private final Path directory;
  private final FileStore fileStore;
  private final long reserve;
  private final IndexBallast ballast;
  private final AtomicReference<Shortage> shortage = new AtomicReference<>();

  SpaceGuard(Path directory, long reserve, IndexBallast ballast) {
    this.directory = directory;
    this.reserve = reserve;
    this.ballast = ballast;
    try {
      this.fileStore = Files.getFileStore(directory);
    } catch (IOException e) {
      throw new StoreException("read the filesystem of " + directory + " failed: " + e, e);
    }
  }

  long free() {
    try {
      return fileStore.getUsableSpace();
    } catch (IOException e) {
      throw new StoreException("read the free space of " + directory + " failed: " + e, e);
    }
  }

  /** Refuses (and records) an ingest whose remaining bytes do not fit above the reserve. */
  void admit(Digest digest, long remainingBytes) {
    long free = free();
    long heldBack = heldBack();
    if (free - remainingBytes < heldBack) {
      throw full("not enough disk space for blob " + digest + " (" + remainingBytes + " bytes to write): "
          + free + " bytes free, store.reserve " + reserve + " bytes" + ballastNote(), heldBack + remainingBytes, null);
    }
  }

  /** Stops an ingest at a checkpoint when free space has fallen to the reserve. */
  void checkAfterCheckpoint(Digest digest) {
    long free = free();
    long heldBack = heldBack();
    if (free <= heldBack) {
      throw full("disk space ran low while writing blob " + digest + ": " + free + " bytes free, store.reserve "
          + reserve + " bytes" + ballastNote() + "; the download stopped at its last checkpoint", heldBack + 1, null);
    }
  }

  /** Records a write that failed for lack of space and returns the exception to throw. */
  StoreFullException writeFailed(String operation, Throwable cause) {
    return full(operation + " failed: the disk is full (" + cause.getMessage() + ")", reserve + 1, cause);
  }

  private StoreFullException full(String reason, long freeToEnd, Throwable cause) {
    shortage.set(new Shortage(reason, freeToEnd));
    return cause == null ? new StoreFullException(reason) : new StoreFullException(reason, cause);
  }

  /** What content must leave free: the reserve, and the index's reserved file while it is missing. */
  private long heldBack() {
    return reserve + ballast.missingBytes();
  }

  private String ballastNote() {
    long missing = ballast.missingBytes();
    return missing == 0 ? "" : " and the " + missing + " bytes of " + IndexBallast.FILE_NAME
        + ", released for lack of space and put back first";
  }

  SpaceReport report() {
    long free = free();
    long total;
    try {
      total = fileStore.getTotalSpace();
    } catch (IOException e) {
      throw new StoreException("read the size of the filesystem of " + directory + " failed: " + e, e);
    }
    Shortage current = shortage.get();
    if (current != null && free >= current.freeToEnd()) {
      // Only the shortage seen here ends: one recorded meanwhile stays.
      shortage.compareAndSet(current, null);
      current = null;
    }
    Optional<String> reason = Optional.ofNullable(current).map(Shortage::reason);
    if (reason.isEmpty() && free <= reserve) {
      reason = Optional.of("free disk space (" + free + " bytes) is at or below store.reserve (" + reserve + " bytes)");
    } else if (reason.isEmpty() && free < reserve + ballast.missingBytes()) {
      reason = Optional.of("free disk space (" + free + " bytes) does not hold store.reserve (" + reserve + " bytes)"
          + ballastNote());
    }
    if (reason.isEmpty()) {
      ballast.replenish(free, reserve);
    }
    return new SpaceReport(free, total, reserve, reason);
  }
}
