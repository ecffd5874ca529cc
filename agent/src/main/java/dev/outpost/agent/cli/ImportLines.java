package dev.outpost.agent.cli;

import dev.outpost.store.model.Tag;
import dev.outpost.sync.bundle.ImportReport;
import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;

/** The human form of an {@link ImportReport}: one line per repository, the refused items, a summary. */
final class ImportLines {
  private ImportLines() {}

  static void print(ImportReport report, PrintWriter out) {
    out.println("bundle " + report.bundleId() + ": part" + (report.partsRead().size() == 1 ? " " : "s ")
        + report.partsRead().stream().map(String::valueOf).collect(Collectors.joining(", ")) + " of " + report.parts());
    for (ImportReport.RepositoryImport r : report.repositories()) {
      StringBuilder line = new StringBuilder("  " + r.repository() + ": " + r.tagsVisible() + " tag(s) visible");
      line.append(", imported ").append(tags(r.imported()));
      if (!r.waiting().isEmpty()) {
        line.append(", waiting for other parts ").append(tags(r.waiting()));
      }
      if (!r.refused().isEmpty()) {
        line.append(", refused ").append(tags(r.refused()));
      }
      r.failure().ifPresent(f -> line.append(", failed: ").append(f));
      out.println(line);
    }
    report.notSelected().forEach(r -> out.println("  " + r + ": not selected by this site's sync.repositories"));
    report.rejected().forEach(line -> out.println("refused: " + line));
    if (report.stopped()) {
      out.println("stopped; what was read is kept, the next import resumes");
    } else if (!report.changed()) {
      out.println("nothing changed: these parts were already imported (" + report.bytesImported() + " bytes read)");
    } else {
      out.println(report.bytesImported() + " bytes imported; " + (report.complete() ? "the bundle is complete"
          : "the bundle is not complete yet"));
    }
    out.flush();
  }

  private static String tags(List<Tag> tags) {
    return tags.isEmpty() ? "none" : tags.stream().map(Tag::value).collect(Collectors.joining(" "));
  }
}
