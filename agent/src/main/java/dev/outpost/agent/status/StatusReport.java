package dev.outpost.agent.status;

import java.util.List;

/**
 * What {@code outpost status} shows: every repository the store knows of, and the store's disk
 * ({@code disk} is null in a report from an Outpost older than this field).
 */
public record StatusReport(List<RepoStatus> repositories, DiskStatus disk) {
  public StatusReport {
    repositories = List.copyOf(repositories);
  }

  public StatusReport(List<RepoStatus> repositories) {
    this(repositories, null);
  }
}
