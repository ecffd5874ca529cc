package dev.outpost.agent.status;

import java.time.Instant;

/** One line of {@code outpost status}. */
public record RepoStatus(
    String repository, String state, Instant lastSuccess, Instant lastAttempt, int tags, long bytes, String lastError) {}
