package dev.outpost.sync.bundle;

import dev.outpost.sync.engine.SyncSettings;
import dev.outpost.sync.source.ContentSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code bundle create}: plans once (or takes the plan an interrupted create saved beside the
 * output), writes every part, and removes the saved state once the bundle is finished. A rerun
 * after an interruption continues with the same bundle id, tag digests and parts, and writes no
 * complete blob again. A finished bundle, or anything else at the output, is never overwritten.
 */
public final class BundleCreate {
  private final ContentSource source;
  private final BundleOutput output;
  private final BlobCopy copy;
  private final Clock clock;
  private final Consumer<String> progress;

  public BundleCreate(ContentSource source, BundleOutput output, BlobCopy copy, Clock clock, Consumer<String> progress) {
    this.source = source;
    this.output = output;
    this.copy = copy;
    this.clock = clock;
    this.progress = progress;
  }

  /**
   * Writes the bundle. {@code options} describes the source and options in words; a saved plan
   * made with other options is refused with an {@link IllegalArgumentException} naming both.
   */
  public CreateReport run(SyncSettings settings, Optional<BundlePlanner.Since> since, long maxPartSize, String options)
      throws IOException {
    Path state = output.stateDir();
    boolean resumed = PlanFile.exists(state);
    BundlePlan plan;
    if (resumed) {
      plan = PlanFile.read(state);
      if (!plan.options().equals(options)) {
        throw new IllegalArgumentException(output.path() + " holds an unfinished bundle create made with other options ("
            + plan.options() + "; now " + options + "): rerun it with the same ones, or remove " + output.path()
            + " and " + state + " to start over");
      }
      progress.accept("continuing the unfinished bundle " + plan.manifest().id() + " at " + output.path());
    } else {
      List<Path> existing = output.existing();
      if (!existing.isEmpty()) {
        throw new IllegalArgumentException(existing.get(0) + " already exists and is not an unfinished bundle create"
            + " (no " + state.resolve(PlanFile.NAME) + "): choose another --output or remove it");
      }
      plan = BundlePlanner.plan(source, settings, since, maxPartSize, options, clock.instant(), UUID.randomUUID().toString());
      PlanFile.write(state, plan);
    }
    plan.warnings().forEach(w -> progress.accept("warning: " + w));
    PartWriter.Written written = new PartWriter(source, output, copy, progress).write(plan);
    deleteTree(state);
    BundleManifest m = plan.manifest();
    return new CreateReport(m.id(), written.parts(), plan.tagCount(), m.content().size(), m.carriedBytes(),
        written.written(), written.kept(), plan.skippedItems(), plan.skippedBytes(), resumed, plan.warnings());
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
