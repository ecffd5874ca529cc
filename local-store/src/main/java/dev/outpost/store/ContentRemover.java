package dev.outpost.store;

import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Deletes manifests, blobs and partial downloads. These calls check nothing about liveness: the
 * caller (garbage collection, quota, verify's repair) decides what may go, and runs the deletions
 * inside {@link CollectionGuard.Session#exclusively} so that no commit races them.
 */
public interface ContentRemover {
  /**
   * Removes manifest {@code digest} from {@code repository} with its referrer entry and the
   * repository's read access to blobs no other manifest of it references, in one atomic index
   * update. Tags pointing at it are left dangling if the caller did not remove them first.
   * Returns false if there was no such manifest.
   */
  boolean deleteManifest(RepositoryName repository, Digest digest);

  /**
   * Removes a committed blob: first its index record (so it is no longer found), then its file. A
   * reader that already opened the file keeps reading it to the end. Returns the bytes freed, or
   * empty if there was no such blob.
   */
  OptionalLong deleteBlob(Digest digest);

  /**
   * Removes several manifests as {@link #deleteManifest} removes one; a store may do it in one
   * index update (a sweep's batch, so that it costs one synced write, not one per manifest).
   * Returns those that were there and are now removed, in the order given.
   */
  default List<StoredManifest> deleteManifests(Collection<StoredManifest> manifests) {
    List<StoredManifest> removed = new ArrayList<>();
    for (StoredManifest m : manifests) {
      if (deleteManifest(m.repository(), m.digest())) {
        removed.add(m);
      }
    }
    return removed;
  }

  /**
   * Removes several committed blobs as {@link #deleteBlob} removes one: all their index records
   * first (a store may do that in one write), then their files. Returns the bytes freed per blob
   * removed, in the order given; blobs that were not there are left out.
   */
  default Map<Digest, Long> deleteBlobs(Collection<Digest> digests) {
    Map<Digest, Long> freed = new LinkedHashMap<>();
    for (Digest digest : digests) {
      deleteBlob(digest).ifPresent(bytes -> freed.put(digest, bytes));
    }
    return freed;
  }

  /**
   * Removes a partial download (file and progress record) unless an ingest of it is open. Returns
   * the bytes freed, or empty if it is open or there was none.
   */
  OptionalLong deletePartial(Digest digest);
}
