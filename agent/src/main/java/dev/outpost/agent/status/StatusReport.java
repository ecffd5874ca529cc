package dev.outpost.agent.status;

import java.util.List;

/**
 * What {@code outpost status} shows: every repository the store knows of, the store's size, quota
 * and recent evictions ({@code store}), and its disk ({@code disk}); either is null in a report from
 * an Outpost older than the field. {@code selection}: why the last pass could not expand some
 * repository rules (which {@code prefix/*} rules, and what the parent answered), null when it could
 * or when no pass ran in this process. {@code imports}: the watch folder for bundles, null when
 * {@code import.watch} is not configured. {@code sync}: the window, the cap and the last pass
 * ({@link SyncSummary}), null when the report was built without them. {@code parent}: the parent
 * address that served the running Outpost's last pass (with {@code parent.urls}, the one failover
 * chose), null when none did.
 */
public record StatusReport(List<RepoStatus> repositories, StoreUsage store, DiskStatus disk, String selection,
    ImportsStatus imports, SyncSummary sync, String parent) {
  public StatusReport {
    repositories = List.copyOf(repositories);
  }

  public StatusReport(List<RepoStatus> repositories, StoreUsage store, DiskStatus disk, String selection,
      ImportsStatus imports, SyncSummary sync) {
    this(repositories, store, disk, selection, imports, sync, null);
  }

  public StatusReport(List<RepoStatus> repositories, StoreUsage store, DiskStatus disk, String selection,
      ImportsStatus imports) {
    this(repositories, store, disk, selection, imports, null, null);
  }

  /** This report, saying that {@code address} served the last pass. */
  public StatusReport withParent(String address) {
    return new StatusReport(repositories, store, disk, selection, imports, sync, address);
  }

  public StatusReport(List<RepoStatus> repositories, StoreUsage store, DiskStatus disk, String selection) {
    this(repositories, store, disk, selection, null, null, null);
  }

  public StatusReport(List<RepoStatus> repositories, StoreUsage store, DiskStatus disk) {
    this(repositories, store, disk, null, null, null, null);
  }

  public StatusReport(List<RepoStatus> repositories) {
    this(repositories, null, null, null, null, null, null);
  }
}
