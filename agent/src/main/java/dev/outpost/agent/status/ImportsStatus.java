package dev.outpost.agent.status;

import java.time.Duration;
import java.time.Instant;

/**
 * The watch folder ({@code import.watch}) in {@code outpost status}. {@code state} is {@code watching}
 * (the running Outpost polls it), {@code folder missing} (polled, but absent or not a folder: a disk
 * not mounted) or {@code not running} (no {@code outpost run} holds this store, so nobody polls).
 * {@code partsImported} counts the parts ever imported from it, {@code partsWaiting} those whose
 * bundle still has tags waiting for a part not seen yet. {@code lastPoll}, {@code lastError} and
 * {@code lastErrorAt} are null when there is none (or nobody polls).
 */
public record ImportsStatus(String watchFolder, String state, Duration pollInterval, Instant lastPoll,
    int partsImported, int partsWaiting, String lastImport, String lastError, Instant lastErrorAt) {}
