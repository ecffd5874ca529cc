package dev.outpost.agent.maintenance;

import dev.outpost.store.gc.GcReport;
import java.util.List;

/**
 * What {@code outpost gc} reports, directly or through the admin API: the totals, the removals one
 * line each (at most {@link StoreGc#MAX_LINES}; {@code moreRemovals} counts the rest, so a reply
 * stays small on a big store) and a summary line.
 */
public record GcResult(GcReport report, List<String> removals, long moreRemovals) {
  public GcResult {
    removals = List.copyOf(removals);
  }

  public String summary() {
    return (report.dryRun() ? "garbage collection (dry run) would remove " : "garbage collection removed ")
        + report.manifests() + " manifests, " + report.blobs() + " blobs, " + report.partials() + " partial downloads: "
        + report.bytesFreed() + " bytes " + (report.dryRun() ? "would be freed" : "freed");
  }
}
