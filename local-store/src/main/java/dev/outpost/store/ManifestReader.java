package dev.outpost.store;

import dev.outpost.store.manifest.ManifestContent;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.Reference;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Reads visible manifests and tags. Everything visible here has its closure present. */
public interface ManifestReader {
  Optional<ManifestContent> manifest(RepositoryName repository, Digest digest);

  Optional<Digest> resolveTag(RepositoryName repository, Tag tag);

  /** Tags of a repository in lexical order (the order the distribution spec asks for). */
  List<Tag> tags(RepositoryName repository);

  /**
   * True when a visible manifest of {@code repository} references {@code blob} (as config or
   * layer). Blob files are shared by every repository; this decides whether a blob may be read
   * through this one, as registries do with per-repository links.
   */
  boolean referencesBlob(RepositoryName repository, Digest blob);

  /** Repositories with at least one visible manifest, in lexical order. */
  List<RepositoryName> repositories();

  /**
   * True when {@code repository} has at least one visible manifest, that is when it is one of
   * {@link #repositories()}. Stores should answer without listing every repository.
   */
  default boolean hasRepository(RepositoryName repository) {
    return Collections.binarySearch(repositories(), repository) >= 0;
  }

  default Optional<ManifestContent> resolve(RepositoryName repository, Reference reference) {
    return switch (reference) {
      case Reference.ByDigest d -> manifest(repository, d.digest());
      case Reference.ByTag t -> resolveTag(repository, t.tag()).flatMap(d -> manifest(repository, d));
    };
  }
}
