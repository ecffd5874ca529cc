package dev.outpost.store;

import dev.outpost.store.model.Digest;
import java.time.Instant;

/** A committed blob as the index records it: verified size and when it was committed. */
public record StoredBlob(Digest digest, long size, Instant committedAt) {}
