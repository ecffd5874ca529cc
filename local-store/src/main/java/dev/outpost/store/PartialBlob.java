package dev.outpost.store;

import dev.outpost.store.model.Digest;
import java.time.Instant;
import java.util.Optional;

/**
 * A partial download: the bytes on disk so far, the durable offset and expected size the index
 * records (empty for a partial file the index has no progress for), where it came from (for
 * example {@code parent:library/hello}; empty when unknown), and when its file last changed.
 */
public record PartialBlob(
    Digest digest,
    long fileSize,
    Optional<Long> durableOffset,
    Optional<Long> expectedSize,
    Optional<String> source,
    Instant lastModified) {}
