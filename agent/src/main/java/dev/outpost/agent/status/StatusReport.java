package dev.outpost.agent.status;

import java.util.List;

/**
 * What {@code outpost status} shows: every repository the store knows of, the store's size, quota
 * and recent evictions ({@code store}), and its disk ({@code disk}); either is null in a report from
 * an Outpost older than the field.
 */
public record StatusReport(List<RepoStatus> repositories, StoreUsage store, DiskStatus disk) {
  public StatusReport {
    repositories = List.copyOf(repositories);
  }

  public StatusReport(List<RepoStatus> repositories) {
    this(repositories, null, null);
  }
}
