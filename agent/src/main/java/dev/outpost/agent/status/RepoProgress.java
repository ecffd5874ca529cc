package dev.outpost.agent.status;

import java.time.Instant;

/**
 * What an operator plans with, per repository: {@code bytesDone} of {@code bytesTotal} (the blobs
 * the running pass needs for the images it has resolved so far, whether begun or not, counting
 * durable partial bytes as done; between passes, done is the
 * durable partial bytes and total is -1: not known until the pass lists the parent), the current
 * {@code bytesPerSecond}, {@code etaSeconds} for the rest at the cap ({@code sync.maxBandwidth}) or,
 * uncapped, at the measured rate (null when neither is known), and {@code nextWindowOpening} (now when open,
 * null when the schedule never opens again).
 */
public record RepoProgress(long bytesDone, long bytesTotal, double bytesPerSecond, Long etaSeconds,
    Instant nextWindowOpening) {}
