package dev.outpost.store.rocks;

import dev.outpost.store.model.Digest;
import dev.outpost.store.model.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A visible manifest of one repository: the exact bytes and Content-Type it is served with, the
 * digests it references (for GC and verify), those of them that were intentionally not synced
 * (children excluded by the platform filter) and its subject, if any.
 */
record ManifestRecord(
    MediaType contentType,
    byte[] bytes,
    List<Digest> children,
    List<Digest> intentionallyAbsent,
    Optional<Digest> subject,
    Instant committedAt) {

  ManifestRecord {
    children = List.copyOf(children);
    intentionallyAbsent = List.copyOf(intentionallyAbsent);
  }
}
