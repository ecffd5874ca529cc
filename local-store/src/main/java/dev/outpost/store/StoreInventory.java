package dev.outpost.store;

import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Enumerates what the store holds, for garbage collection, quota and verify. Each call streams in
 * index order with memory bounded by a page of entries, never by the size of the store: the action
 * runs between pages, outside any store lock, and may call the store (even delete what it was
 * given). Entries added or removed while an enumeration runs may or may not be seen.
 */
public interface StoreInventory {
  /** Every committed blob, in digest order. */
  void forEachBlob(Consumer<StoredBlob> action);

  /** One manifest's record without its bytes (no JSON parsing): what GC's mark follows. */
  Optional<StoredManifest> manifestEntry(RepositoryName repository, Digest digest);

  /** Every visible manifest, by repository then digest. */
  void forEachManifest(Consumer<StoredManifest> action);

  /** Every tag, by repository then tag. */
  void forEachTag(Consumer<StoredTag> action);

  /** Every partial download (durable progress in the index, or a partial file without it). */
  void forEachPartial(Consumer<PartialBlob> action);
}
