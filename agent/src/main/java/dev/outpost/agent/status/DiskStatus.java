package dev.outpost.agent.status;

import dev.outpost.store.SpaceReport;

/**
 * The store's disk in {@code outpost status}: free and total bytes, the reserve kept for the index,
 * and, when content cannot be written ({@code full}), why. Syncing resumes by itself once there is room.
 */
public record DiskStatus(long freeBytes, long totalBytes, long reserveBytes, boolean full, String reason) {
  public static DiskStatus of(SpaceReport report) {
    return new DiskStatus(report.freeBytes(), report.totalBytes(), report.reserveBytes(), report.full(),
        report.fullReason().orElse(null));
  }
}
