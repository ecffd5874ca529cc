package dev.outpost.store;

import dev.outpost.store.model.Digest;
import java.nio.file.Path;
import java.util.Optional;

/** Reads verified blobs. Only committed (hashed and renamed into place) blobs are visible here. */
public interface BlobReader {
  Optional<BlobInfo> stat(Digest digest);

  /**
   * The read-only file holding a committed blob, for zero-copy serving. Call only after
   * {@link #stat} found it; the file is never modified in place, only removed by GC.
   */
  Path blobPath(Digest digest);
}
