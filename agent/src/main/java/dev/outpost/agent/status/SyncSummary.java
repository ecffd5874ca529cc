package dev.outpost.agent.status;

import java.time.Instant;

/**
 * The sync side of a status report: whether the window is open ({@code windowOpen}), when it next
 * opens, the cap in bytes per second (null: uncapped), the last pass's duration in seconds (null:
 * none in this process) and whether the last pass could reach the parent ({@code parentReachable}).
 */
public record SyncSummary(boolean windowOpen, Instant nextWindowOpening, Long bandwidthLimitBytesPerSecond,
    Double lastPassSeconds, boolean parentReachable) {}
