package dev.outpost.store.rocks;

import java.time.Instant;

/** What the index knows of a committed blob: its verified size and when it was committed. */
record BlobRecord(long size, Instant committedAt) {}
