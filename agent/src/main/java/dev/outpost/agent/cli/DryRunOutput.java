package dev.outpost.agent.cli;

import dev.outpost.sync.engine.ParentFailure;
import dev.outpost.sync.engine.RepoResult;
import dev.outpost.sync.engine.SyncChanges;
import dev.outpost.sync.engine.SyncReport;
import java.io.PrintWriter;

/**
 * Prints {@code outpost sync --dry-run}: one line per image the pass would fetch or move
 * ({@code fetch REPO:TAG DIGEST}), per tag it would delete ({@code delete REPO:TAG}), per tag
 * missing upstream that stays until its grace ends ({@code keep REPO:TAG until INSTANT}), per tag not
 * fetched because the quota evicted the image it still points at ({@code skip REPO:TAG evicted by the quota}), the
 * failures, and totals. Picks the exit code as {@code sync --once} does.
 */
final class DryRunOutput {
  private DryRunOutput() {}

  static int print(SyncReport report, PrintWriter out) {
    if (report.parentFailure().isPresent()) {
      ParentFailure failure = report.parentFailure().get();
      out.println("dry run failed: " + failure.reason());
      return failure.kind() == ParentFailure.Kind.CREDENTIALS_REFUSED
          ? ExitCodes.CREDENTIALS_REFUSED : ExitCodes.PARENT_UNREACHABLE;
    }
    SyncChanges changes = report.changes();
    changes.images().forEach(m -> out.println("fetch " + m.repository() + ":" + m.tag() + " " + m.digest()));
    changes.deleted().forEach(d -> out.println("delete " + d));
    changes.pending().forEach(p -> out.println("keep " + p.repository() + ":" + p.tag() + " until " + p.due()
        + " (missing upstream; deleted by the first pass after)"));
    changes.skippedEvicted().forEach(t -> out.println("skip " + t + " evicted by the quota"));
    report.selectionFailure().ifPresent(reason -> out.println("selection incomplete: " + reason));
    for (RepoResult failed : report.failed()) {
      out.println(failed.repository() + ": " + failed.reason().orElse("failed"));
    }
    out.println("dry run: would fetch " + changes.images().size() + " images (" + changes.blobs() + " blobs, "
        + changes.bytes() + " bytes) and delete " + changes.deleted().size() + " tags; nothing was changed");
    return report.complete() ? ExitCodes.OK : ExitCodes.INCOMPLETE;
  }
}
