package dev.outpost.store;

import dev.outpost.store.model.Digest;

/** A verified blob in the store. */
public record BlobInfo(Digest digest, long size) {}
