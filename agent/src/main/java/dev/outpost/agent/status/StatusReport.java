package dev.outpost.agent.status;

import java.util.List;

/** What {@code outpost status} shows: every repository the store knows of. */
public record StatusReport(List<RepoStatus> repositories) {
  public StatusReport {
    repositories = List.copyOf(repositories);
  }
}
