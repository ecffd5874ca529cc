package dev.outpost.store.rocks;

import static dev.outpost.store.rocks.TestContent.imageManifest;
import static dev.outpost.store.rocks.TestContent.ingest;
import static dev.outpost.store.rocks.TestContent.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.store.BlobInfo;
import dev.outpost.store.LocalStore;
import dev.outpost.store.ManifestReader;
import dev.outpost.store.manifest.ManifestContent;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ManifestReader#hasRepository}: the store's one-seek override against a real RocksDB, and
 * the interface's default (which lists repositories), asked the same questions.
 */
class HasRepositoryTest {
  @TempDir
  Path data;

  private LocalStore store;
  private ManifestContent manifest;

  @BeforeEach
  void open() {
    store = RocksLocalStore.open(data);
    BlobInfo config = ingest(store, randomBytes(40, 100));
    BlobInfo layer = ingest(store, randomBytes(41, 1000));
    manifest = imageManifest(config, List.of(layer));
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void anEmptyStoreHasNoRepository() {
    assertThat(answers("library/hello")).containsExactly(false, false);
  }

  @Test
  void aRepositoryExistsOnceItHasAManifest() {
    store.commitManifest(RepositoryName.of("team/ab"), manifest, Set.of());

    assertThat(answers("team/ab")).containsExactly(true, true);
    assertThat(answers("zzz")).as("after every key").containsExactly(false, false);
    assertThat(answers("aaa")).as("before every key").containsExactly(false, false);
  }

  @Test
  void aNameThatPrefixesAnotherIsNotThatOther() {
    store.commitManifest(RepositoryName.of("team/ab"), manifest, Set.of());
    store.commitManifest(RepositoryName.of("team/a/b"), manifest, Set.of());

    assertThat(answers("team/a")).containsExactly(false, false);
    assertThat(answers("team")).containsExactly(false, false);
    assertThat(answers("team/abc")).as("a name the existing one prefixes").containsExactly(false, false);

    store.commitManifest(RepositoryName.of("team/a"), manifest, Set.of());
    assertThat(answers("team/a")).containsExactly(true, true);
    assertThat(answers("team/ab")).containsExactly(true, true);
    assertThat(answers("team/a/b")).containsExactly(true, true);
  }

  /** The store's answer, then the interface default's. */
  private List<Boolean> answers(String name) {
    RepositoryName repository = RepositoryName.of(name);
    return List.of(store.hasRepository(repository), new DefaultsOnly(store).hasRepository(repository));
  }

  /** Delegates everything but {@code hasRepository}, so the interface default answers that. */
  private record DefaultsOnly(ManifestReader store) implements ManifestReader {
    @Override
    public Optional<ManifestContent> manifest(RepositoryName repository, Digest digest) {
      return store.manifest(repository, digest);
    }

    @Override
    public Optional<Digest> resolveTag(RepositoryName repository, Tag tag) {
      return store.resolveTag(repository, tag);
    }

    @Override
    public List<Tag> tags(RepositoryName repository) {
      return store.tags(repository);
    }

    @Override
    public boolean referencesBlob(RepositoryName repository, Digest blob) {
      return store.referencesBlob(repository, blob);
    }

    @Override
    public List<RepositoryName> repositories() {
      return store.repositories();
    }
  }
}
