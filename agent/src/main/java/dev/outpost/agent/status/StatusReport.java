package dev.outpost.agent.status;

import java.util.List;

/**
 * What {@code outpost status} shows: every repository the store knows of, and the store's size,
 * quota and recent evictions ({@code store}; null from a peer that does not report it).
 */
public record StatusReport(List<RepoStatus> repositories, StoreUsage store) {
  public StatusReport {
    repositories = List.copyOf(repositories);
  }

  public StatusReport(List<RepoStatus> repositories) {
    this(repositories, null);
  }
}
