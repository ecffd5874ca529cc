package dev.outpost.store.verify;

import dev.outpost.store.CollectionGuard;
import dev.outpost.store.LocalStore;
import dev.outpost.store.StoreException;
import dev.outpost.store.StoredBlob;
import dev.outpost.store.StoredManifest;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.DigestMismatchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * {@code outpost verify [--repair]}: re-hashes every blob file and manifest, and checks the index
 * against the files (missing, wrong size, corrupt, orphaned files, tags without their manifest,
 * manifests whose closure is incomplete). It walks the maintenance role's enumeration, the one GC
 * uses, so memory stays bounded by a page of index entries and a few read buffers, whatever the
 * store's size; blob files are read sequentially and hashed on one thread per core (at most 4,
 * {@link ParallelHasher}), their results acted on in enumeration order, so hashing runs at disk
 * speed (the JDK's SHA-256 uses the CPU's SHA instructions where there are any).
 *
 * <p>Repair never deletes a file: a bad or orphaned file is moved to {@code <data>/quarantine/}.
 * The index entries that depend on a bad blob or manifest go (the blob record, the manifests that
 * reference it, their tags), each under the commit/GC exclusion, so the next sync fetches them
 * again; until then the registry answers "unknown" for them rather than serve bad bytes.
 */
public final class StoreVerifier {
  /** Faults listed in a report; more are counted. */
  public static final int MAX_LISTED = 1000;
  /** Repair passes over manifests: an index whose child manifest was dropped goes in the next one. */
  private static final int MAX_MANIFEST_PASSES = 8;

  private final LocalStore store;
  private final Clock clock;
  private final int threads;

  public StoreVerifier(LocalStore store, Clock clock) {
    this(store, clock, ParallelHasher.defaultThreads());
  }

  /** A verifier hashing blob files on {@code threads} threads (at least 1). */
  public StoreVerifier(LocalStore store, Clock clock, int threads) {
    this.store = store;
    this.clock = clock;
    this.threads = threads;
  }

  /** Verifies the whole store, repairing when {@code repair}. One run at a time per verifier. */
  public synchronized VerifyReport run(boolean repair) {
    Optional<CollectionGuard.Session> session = repair ? Optional.of(beginRepair()) : Optional.empty();
    try (ParallelHasher hasher = new ParallelHasher(threads)) {
      Run run = new Run(repair, hasher);
      run.session = session;
      store.forEachBlob(run::checkBlob);
      hasher.finish();
      run.checkOrphans(store.dataDirectory().resolve("blobs"));
      for (int pass = 0; pass < (repair ? MAX_MANIFEST_PASSES : 1); pass++) {
        run.droppedManifests = 0;
        run.manifests = 0;
        store.forEachManifest(run::checkManifest);
        if (run.droppedManifests == 0) {
          break;
        }
      }
      store.forEachTag(tag -> {
        run.tags++;
        if (store.manifestEntry(tag.repository(), tag.manifest()).isEmpty()) {
          run.fault(Fault.Kind.DANGLING_TAG, tag.repository() + ":" + tag.tag(), "points at " + tag.manifest(),
              () -> store.removeTag(tag.repository(), tag.tag()));
        }
      });
      return new VerifyReport(run.blobs, run.bytes, run.manifests, run.tags, run.faults, run.more, repair);
    } finally {
      session.ifPresent(CollectionGuard.Session::close);
    }
  }

  private CollectionGuard.Session beginRepair() {
    try {
      return store.beginCollection(clock.instant());
    } catch (IllegalStateException e) {
      throw new StoreException("verify --repair cannot start while a garbage collection runs; try again when it is done", e);
    }
  }

  /** The state of one run. */
  private final class Run {
    final boolean repair;
    Optional<CollectionGuard.Session> session = Optional.empty();
    final List<Fault> faults = new ArrayList<>();
    long more;
    long blobs;
    long bytes;
    long manifests;
    long tags;
    int droppedManifests;

    final ParallelHasher hasher;

    Run(boolean repair, ParallelHasher hasher) {
      this.repair = repair;
      this.hasher = hasher;
    }

    void checkBlob(StoredBlob blob) {
      blobs++;
      Path file = store.blobPath(blob.digest());
      hasher.submit(file, blob.digest(), blob.size(), result -> {
        bytes += result.bytesHashed();
        result.problem().ifPresent(detail -> fault(kindOf(detail), blob.digest().toString(), detail, () -> {
          quarantine(file);
          store.deleteBlob(blob.digest());
          return true;
        }));
      });
    }

    private Fault.Kind kindOf(String detail) {
      return detail.startsWith("no file") ? Fault.Kind.MISSING_BLOB
          : detail.startsWith("index:") ? Fault.Kind.TRUNCATED_BLOB : Fault.Kind.CORRUPT_BLOB;
    }

    void checkOrphans(Path blobsRoot) {
      if (!Files.isDirectory(blobsRoot)) {
        return;
      }
      try (Stream<Path> files = Files.walk(blobsRoot)) {
        files.filter(Files::isRegularFile).forEach(file -> {
          Optional<Digest> digest = digestOf(blobsRoot, file);
          if (digest.isEmpty() || store.stat(digest.get()).isEmpty()) {
            fault(Fault.Kind.ORPHAN_FILE, file.toString(), "not in the index", () -> {
              // Re-check under the exclusion: a blob's file is renamed into place before its record is written.
              if (digest.isPresent() && (store.stat(digest.get()).isPresent()
                  || session.map(s -> s.inUse(digest.get())).orElse(false))) {
                return false;
              }
              quarantine(file);
              return true;
            });
          }
        });
      } catch (IOException e) {
        throw new StoreException("verify: listing " + blobsRoot + " failed: " + e, e);
      }
    }

    void checkManifest(StoredManifest manifest) {
      manifests++;
      String subject = manifest.repository() + "@" + manifest.digest();
      Optional<String> problem = Optional.empty();
      try {
        store.manifest(manifest.repository(), manifest.digest());
      } catch (DigestMismatchException e) {
        problem = Optional.of(e.getMessage());
      }
      for (Digest blob : manifest.blobs()) {
        if (problem.isEmpty() && store.stat(blob).isEmpty()) {
          problem = Optional.of("blob " + blob + " is not in the store");
        }
      }
      for (Digest child : manifest.childManifests()) {
        // A child the platform filter left out was never meant to be here (and --repair must not drop its index).
        if (problem.isEmpty() && !manifest.intentionallyAbsent().contains(child)
            && store.manifestEntry(manifest.repository(), child).isEmpty()) {
          problem = Optional.of("child manifest " + child + " is not in the repository");
        }
      }
      problem.ifPresent(detail -> fault(kindFor(detail), subject, detail, () -> {
        droppedManifests++;
        return store.deleteManifest(manifest.repository(), manifest.digest());
      }));
    }

    private Fault.Kind kindFor(String detail) {
      return detail.startsWith("blob ") || detail.startsWith("child ") ? Fault.Kind.INCOMPLETE_CLOSURE
          : Fault.Kind.CORRUPT_MANIFEST;
    }

    /** Records a fault; with repair, runs {@code repairAction} under the exclusion with commits. */
    void fault(Fault.Kind kind, String subject, String detail, Supplier<Boolean> repairAction) {
      boolean repaired = repair && session.map(s -> s.exclusively(repairAction)).orElse(false);
      if (faults.size() < MAX_LISTED) {
        faults.add(new Fault(kind, subject, detail, repaired));
      } else {
        more++;
      }
    }

    private void quarantine(Path file) {
      if (!Files.exists(file)) {
        return;
      }
      Path quarantine = store.dataDirectory().resolve("quarantine");
      try {
        Files.createDirectories(quarantine);
        Path target = quarantine.resolve(file.getParent().getParent().getFileName() + "-" + file.getFileName());
        for (int n = 1; Files.exists(target); n++) {
          target = quarantine.resolve(file.getParent().getParent().getFileName() + "-" + file.getFileName() + "." + n);
        }
        Files.move(file, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new StoreException("verify --repair: moving " + file + " to " + quarantine + " failed: " + e, e);
      }
    }
  }

  /** {@code blobs/<algorithm>/<xx>/<hex>} back to a digest; empty for anything else. */
  private static Optional<Digest> digestOf(Path blobsRoot, Path file) {
    Path relative = blobsRoot.relativize(file);
    if (relative.getNameCount() != 3) {
      return Optional.empty();
    }
    try {
      Digest digest = Digest.parse(relative.getName(0) + ":" + relative.getName(2));
      return relative.getName(1).toString().equals(digest.hex().substring(0, 2)) ? Optional.of(digest) : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
