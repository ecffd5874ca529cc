package dev.outpost.agent.status;

import java.time.Instant;

/**
 * The sync side of a status report: whether the window is open ({@code windowOpen}), when it next
 * opens, the cap in bytes per second (null: uncapped), the last pass's duration in seconds (null:
 * none in this process) and whether the last pass could reach the parent ({@code parentReachable});
 * for the running (or last) pass, {@code passBytesDone} of {@code passBytesTotal} (the blobs it
 * needs for the images resolved so far, each once) and {@code passEtaSeconds}, what is left at the cap or, uncapped, at the measured rate
 * (null without a pass in this process or a known speed).
 */
public record SyncSummary(boolean windowOpen, Instant nextWindowOpening, Long bandwidthLimitBytesPerSecond,
    Double lastPassSeconds, boolean parentReachable, long passBytesDone, long passBytesTotal, Long passEtaSeconds) {}
