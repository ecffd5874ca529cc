package dev.outpost.sync.http;

/**
 * Marks an {@link java.io.IOException} that no further attempt can cure (the source does not hold
 * the item at all). {@link RetryPolicy} stays the one place that decides retries; layers above say
 * "permanent" through this marker instead of teaching it their exception types.
 */
public interface PermanentFailure {}
