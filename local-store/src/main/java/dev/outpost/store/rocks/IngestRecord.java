package dev.outpost.store.rocks;

/**
 * Durable progress of a partial blob: the bytes before {@code durableOffset} are fsynced in the
 * partial file, which is meant to become a blob of {@code expectedSize} bytes. {@code source}
 * says where it came from, for diagnostics.
 */
record IngestRecord(long durableOffset, long expectedSize, String source) {}
