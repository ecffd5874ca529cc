package dev.outpost.sync.bundle;

import dev.outpost.store.LocalStore;
import dev.outpost.store.StoreFullException;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.sync.engine.RepoResult;
import dev.outpost.sync.engine.SyncChanges;
import dev.outpost.sync.engine.SyncEngine;
import dev.outpost.sync.engine.SyncListener;
import dev.outpost.sync.engine.SyncReport;
import dev.outpost.sync.engine.SyncSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

/**
 * Imports bundle parts into the store through the sync engine, with the bundle as the content
 * source: the same selection rules (the site's {@code sync.repositories} when it has some), the same
 * verification, the same closure-before-visibility commits and the same resume as live sync. Parts
 * come in any order: what a part carries that cannot be committed yet is staged in the store
 * ({@link Staging}) and kept from garbage collection ({@link dev.outpost.store.PendingImports})
 * until every selected tag of the bundle is visible. Importing the same parts again changes nothing.
 */
public final class BundleImport {
  private BundleImport() {}

  /**
   * Imports {@code paths} (parts, as directories or tars, or directories holding parts, all of one
   * bundle) into {@code store}; {@code settings} carries the site's rules (platforms, tag rules),
   * chunking and {@code deleteGrace}. Throws {@link InvalidBundleException} for a part that is
   * incomplete, unreadable or of another bundle, before anything is written.
   */
  public static ImportReport run(List<Path> paths, LocalStore store, SyncSettings settings, SyncListener listener,
      BooleanSupplier stopRequested, MeterRegistry meters, Clock clock) throws IOException {
    if (store.space().full()) {
      throw new StoreFullException("bundle import refused, the store's disk is full: "
          + store.space().fullReason().orElse("no room"));
    }
    BundleSource source = BundleSource.open(paths, store);
    BundleManifest bundle = source.manifest();
    ImportSelection selection = ImportSelection.of(bundle, settings);
    // Recorded before any byte moves: a GC while this import runs keeps what it stages.
    store.keepPending(bundle.id(), source.carried().keySet());
    ImportTally tally = new ImportTally();
    SyncReport pass;
    boolean staged;
    // The engine closes the source when it is closed.
    try (SyncEngine engine = SyncEngine.over(source, selection.settings(), store, meters, clock)) {
      pass = engine.runOnce(SyncListener.both(listener, tally), stopRequested);
      staged = !stopRequested.getAsBoolean() && new Staging(source, store, selection.repositories(),
          selection.settings().chunkSizeBytes(), stopRequested, tally).run();
    }
    if (pass.repositories().isEmpty() && pass.selectionFailure().isPresent()) {
      throw new IOException("bundle import of " + source.describe() + " refused: " + pass.selectionFailure().get());
    }
    ImportReport report = report(bundle, source.partsRead(), selection, pass, tally, !staged, store);
    if (report.complete()) {
      // Every selected tag is visible: what was staged is now reached from tags, or not needed.
      store.forgetPending(bundle.id());
    }
    return report;
  }

  private static ImportReport report(BundleManifest bundle, List<Integer> partsRead, ImportSelection selection,
      SyncReport pass, ImportTally tally, boolean stopped, LocalStore store) {
    List<ImportReport.RepositoryImport> repos = new ArrayList<>();
    for (RepoResult result : pass.repositories()) {
      RepositoryName repo = result.repository();
      List<Tag> imported = pass.changes().images().stream().filter(m -> m.repository().equals(repo))
          .map(SyncChanges.TagMove::tag).toList();
      List<Tag> refused = tally.refusedTags(repo).stream().map(Tag::of).toList();
      // A repository that failed only by refused tags is told by those; anything else is its failure.
      Optional<String> failure = switch (result.outcome()) {
        case OK -> Optional.empty();
        case FAILED -> refused.isEmpty() ? result.reason() : Optional.empty();
        case STOPPED -> result.reason();
      };
      repos.add(new ImportReport.RepositoryImport(repo, visible(bundle, repo, store), result.waiting(), failure,
          imported, refused));
    }
    return new ImportReport(bundle.id(), bundle.parts(), new TreeSet<>(partsRead), repos, tally.rejected(),
        tally.bytes(), selection.notSelected(),
        stopped || pass.repositories().stream().anyMatch(r -> r.outcome() == RepoResult.Outcome.STOPPED));
  }

  /** How many tags of {@code repo} point where the bundle says. */
  private static int visible(BundleManifest bundle, RepositoryName repo, LocalStore store) {
    int n = 0;
    for (Map.Entry<Tag, Digest> tag : bundle.repositories().get(repo).tags().entrySet()) {
      if (store.resolveTag(repo, tag.getKey()).equals(Optional.of(tag.getValue()))) {
        n++;
      }
    }
    return n;
  }
}
