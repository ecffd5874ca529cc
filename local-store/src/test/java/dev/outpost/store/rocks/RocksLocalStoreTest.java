package dev.outpost.store.rocks;

import static dev.outpost.store.rocks.TestContent.imageManifest;
import static dev.outpost.store.rocks.TestContent.ingest;
import static dev.outpost.store.rocks.TestContent.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.store.BlobInfo;
import dev.outpost.store.ClosureIncompleteException;
import dev.outpost.store.model.DigestMismatchException;
import dev.outpost.store.LocalStore;
import dev.outpost.store.RepoSyncState;
import dev.outpost.store.StoreException;
import dev.outpost.store.StoreLockedException;
import dev.outpost.store.auth.Action;
import dev.outpost.store.auth.ClientToken;
import dev.outpost.store.auth.PasswordHash;
import dev.outpost.store.auth.RepositoryPattern;
import dev.outpost.store.auth.ScopeRule;
import dev.outpost.store.manifest.ManifestContent;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.InvalidValueException;
import dev.outpost.store.model.MediaType;
import dev.outpost.store.model.Reference;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contract tests of manifests, tags, tokens, sync state and the store lock against a real RocksDB in a
 * temporary directory. Blob ingest has its own: {@link BlobIngestContractTest}.
 */
class RocksLocalStoreTest {
  private static final RepositoryName REPO = RepositoryName.of("library/hello");

  @TempDir
  Path data;

  private LocalStore store;

  @BeforeEach
  void open() {
    store = RocksLocalStore.open(data);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void imageManifestNeedsAllItsBlobs() {
    BlobInfo config = ingest(store, randomBytes(20, 300));
    byte[] layerBytes = randomBytes(21, 5000);
    BlobInfo layer = new BlobInfo(Digest.sha256(layerBytes), layerBytes.length);
    ManifestContent manifest = imageManifest(config, List.of(layer));

    assertThatThrownBy(() -> store.commitManifest(REPO, manifest, Set.of()))
        .isInstanceOfSatisfying(ClosureIncompleteException.class,
            e -> assertThat(e.missing()).containsExactly(layer.digest()));
    assertThat(store.manifest(REPO, manifest.digest())).isEmpty();
    assertThat(store.repositories()).isEmpty();

    ingest(store, layerBytes);
    store.commitManifest(REPO, manifest, Set.of());
    ManifestContent stored = store.manifest(REPO, manifest.digest()).orElseThrow();
    assertThat(stored.bytes()).isEqualTo(manifest.bytes());
    assertThat(stored.contentType()).isEqualTo(manifest.contentType());
    assertThat(stored.digest()).isEqualTo(manifest.digest());
    assertThat(store.manifest(RepositoryName.of("other"), manifest.digest())).isEmpty();
  }

  @Test
  void aBlobBelongsToTheRepositoriesWhoseManifestsReferenceIt() {
    BlobInfo config = ingest(store, randomBytes(30, 300));
    BlobInfo layer = ingest(store, randomBytes(31, 700));
    ManifestContent manifest = imageManifest(config, List.of(layer));
    RepositoryName other = RepositoryName.of("other/repo");

    assertThat(store.referencesBlob(REPO, layer.digest())).as("committed blob, no manifest yet").isFalse();
    store.commitManifest(REPO, manifest, Set.of());

    assertThat(store.referencesBlob(REPO, layer.digest())).isTrue();
    assertThat(store.referencesBlob(REPO, config.digest())).isTrue();
    assertThat(store.referencesBlob(other, layer.digest())).isFalse();
    assertThat(store.referencesBlob(REPO, manifest.digest())).as("a manifest is not a blob of its repository").isFalse();
  }

  @Test
  void blobOfAnotherSizeThanTheDescriptorSaysDoesNotCloseAManifest() {
    BlobInfo config = ingest(store, randomBytes(22, 300));
    BlobInfo layer = ingest(store, randomBytes(23, 400));
    ManifestContent lying = imageManifest(config, List.of(new BlobInfo(layer.digest(), 401)));

    assertThatThrownBy(() -> store.commitManifest(REPO, lying, Set.of()))
        .isInstanceOfSatisfying(ClosureIncompleteException.class,
            e -> assertThat(e.missing()).containsExactly(layer.digest()));
  }

  @Test
  void manifestContentWhoseDigestIsNotItsHashCannotBeMade() {
    ManifestContent real = imageManifest(ingest(store, randomBytes(24, 10)), List.of());
    Digest other = Digest.sha256(randomBytes(25, 10));

    assertThatThrownBy(() -> ManifestContent.verified(real.bytes(), real.contentType(), other))
        .isInstanceOf(DigestMismatchException.class).hasMessageContaining(other.toString());
    assertThat(store.manifest(REPO, other)).isEmpty();
  }

  @Test
  void subjectNeedNotBePresent() {
    BlobInfo config = ingest(store, "{}".getBytes(StandardCharsets.UTF_8));
    Digest absentSubject = Digest.sha256(randomBytes(26, 10));
    String json = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"artifactType\":\"application/vnd.example.sig\",\"config\":"
        + TestContent.descriptor("application/vnd.oci.empty.v1+json", config.digest(), config.size())
        + ",\"layers\":[],\"subject\":"
        + TestContent.descriptor("application/vnd.oci.image.manifest.v1+json", absentSubject, 10) + "}";
    ManifestContent signature = ManifestContent.of(json.getBytes(StandardCharsets.UTF_8), MediaType.OCI_MANIFEST);

    store.commitManifest(REPO, signature, Set.of());

    assertThat(store.manifest(REPO, signature.digest())).isPresent();
  }

  @Test
  void invalidManifestIsRefusedAsInvalid() {
    ManifestContent garbage = ManifestContent.of("not json".getBytes(StandardCharsets.UTF_8), MediaType.OCI_MANIFEST);
    assertThatThrownBy(() -> store.commitManifest(REPO, garbage, Set.of()))
        .isInstanceOfSatisfying(InvalidValueException.class,
            e -> assertThat(e.kind()).isEqualTo(InvalidValueException.Kind.MANIFEST));
    assertThat(store.repositories()).isEmpty();
  }

  @Test
  void everythingSurvivesReopening() {
    ManifestContent manifest = imageManifest(ingest(store, randomBytes(27, 10)), List.of(ingest(store, randomBytes(28, 99))));
    store.commitManifest(REPO, manifest, Set.of());
    store.commitTag(REPO, Tag.of("v1"), manifest.digest());
    store.putToken(new ClientToken("t", List.of(), Optional.empty(), Optional.empty(), Optional.empty(), true));
    store.close();
    store = RocksLocalStore.open(data);

    assertThat(store.resolveTag(REPO, Tag.of("v1"))).contains(manifest.digest());
    assertThat(store.manifest(REPO, manifest.digest()).map(ManifestContent::bytes)).hasValueSatisfying(
        b -> assertThat(b).isEqualTo(manifest.bytes()));
    assertThat(store.stat(Digest.sha256(randomBytes(28, 99)))).isPresent();
    assertThat(store.token("t")).isPresent();
  }

  @Test
  void indexNeedsItsChildrenInTheSameRepositoryUnlessIntentionallyAbsent() {
    ManifestContent amd64 = imageManifest(ingest(store, randomBytes(30, 10)), List.of(ingest(store, randomBytes(31, 10))));
    ManifestContent arm64 = imageManifest(ingest(store, randomBytes(32, 10)), List.of(ingest(store, randomBytes(33, 10))));
    ManifestContent index = TestContent.index(List.of(amd64, arm64));
    store.commitManifest(REPO, amd64, Set.of());
    store.commitManifest(RepositoryName.of("elsewhere"), arm64, Set.of());

    assertThatThrownBy(() -> store.commitManifest(REPO, index, Set.of()))
        .isInstanceOfSatisfying(ClosureIncompleteException.class,
            e -> assertThat(e.missing()).containsExactly(arm64.digest()));
    assertThat(store.manifest(REPO, index.digest())).isEmpty();

    store.commitManifest(REPO, index, Set.of(arm64.digest()));
    assertThat(store.manifest(REPO, index.digest())).isPresent();
  }

  @Test
  void tagsMoveAndListInLexicalOrder() {
    ManifestContent first = imageManifest(ingest(store, randomBytes(40, 10)), List.of());
    ManifestContent second = imageManifest(ingest(store, randomBytes(41, 10)), List.of());
    store.commitManifest(REPO, first, Set.of());
    store.commitManifest(REPO, second, Set.of());

    store.commitTag(REPO, Tag.of("latest"), first.digest());
    store.commitTag(REPO, Tag.of("1.0"), first.digest());
    store.commitTag(REPO, Tag.of("B"), first.digest());
    assertThat(store.resolveTag(REPO, Tag.of("latest"))).contains(first.digest());
    store.commitTag(REPO, Tag.of("latest"), second.digest());
    assertThat(store.resolveTag(REPO, Tag.of("latest"))).contains(second.digest());
    assertThat(store.resolve(REPO, Reference.parse("latest")).map(ManifestContent::digest))
        .contains(second.digest());
    assertThat(store.tags(REPO)).extracting(Tag::value).containsExactly("1.0", "B", "latest");
    assertThat(store.tags(RepositoryName.of("library"))).isEmpty();

    assertThat(store.removeTag(REPO, Tag.of("B"))).isTrue();
    assertThat(store.removeTag(REPO, Tag.of("B"))).isFalse();
    assertThat(store.resolveTag(REPO, Tag.of("B"))).isEmpty();
  }

  @Test
  void tagNeedsTheManifestInThatRepository() {
    ManifestContent manifest = imageManifest(ingest(store, randomBytes(50, 10)), List.of());
    store.commitManifest(REPO, manifest, Set.of());
    assertThatThrownBy(() -> store.commitTag(RepositoryName.of("other"), Tag.of("x"), manifest.digest()))
        .isInstanceOf(StoreException.class).hasMessageContaining("not in other");
  }

  @Test
  void repositoriesAreListedOnceEachInLexicalOrder() {
    ManifestContent a = imageManifest(ingest(store, randomBytes(60, 10)), List.of());
    ManifestContent b = imageManifest(ingest(store, randomBytes(61, 10)), List.of());
    for (String name : List.of("team/b", "team", "team/a/x", "teamx", "alpha")) {
      store.commitManifest(RepositoryName.of(name), a, Set.of());
      store.commitManifest(RepositoryName.of(name), b, Set.of());
    }
    assertThat(store.repositories()).extracting(RepositoryName::value)
        .containsExactly("alpha", "team", "team/a/x", "team/b", "teamx");
  }

  @Test
  void tokensRoundTrip() {
    PasswordHash password = PasswordHash.of("s3cret");
    ClientToken token = new ClientToken("site-a",
        List.of(new ScopeRule(RepositoryPattern.parse("team/*"), Set.of(Action.CONTENT_READ, Action.METADATA_READ)),
            new ScopeRule(RepositoryPattern.parse("library/hello"), Set.of(Action.CONTENT_READ))),
        Optional.of(password), Optional.empty(), Optional.of(Instant.parse("2030-01-02T03:04:05Z")), true);
    ClientToken other = new ClientToken("b-token", List.of(), Optional.empty(), Optional.of(PasswordHash.of("x")),
        Optional.empty(), false);

    store.putToken(token);
    store.putToken(other);

    ClientToken read = store.token("site-a").orElseThrow();
    assertThat(read).isEqualTo(token);
    assertThat(read.passwordMatches("s3cret")).isTrue();
    assertThat(read.passwordMatches("wrong")).isFalse();
    assertThat(store.tokens()).extracting(ClientToken::name).containsExactly("b-token", "site-a");
    assertThat(store.deleteToken("site-a")).isTrue();
    assertThat(store.deleteToken("site-a")).isFalse();
    assertThat(store.token("site-a")).isEmpty();
  }

  @Test
  void syncStatesRoundTrip() {
    RepoSyncState synced = new RepoSyncState(REPO, RepoSyncState.Status.SYNCED,
        Optional.of(Instant.parse("2026-11-22T10:00:00Z")), Optional.of(Instant.parse("2026-11-22T10:00:05Z")),
        Optional.empty(), 3, 123_456_789L);
    RepoSyncState failed = new RepoSyncState(RepositoryName.of("a/b"), RepoSyncState.Status.FAILED,
        Optional.of(Instant.parse("2026-11-22T11:00:00Z")), Optional.empty(), Optional.of("parent said 503"), 0, 0);

    store.putSyncState(synced);
    store.putSyncState(failed);

    assertThat(store.syncState(REPO)).contains(synced);
    assertThat(store.syncStates()).containsExactly(failed, synced);
    RepoSyncState updated = new RepoSyncState(REPO, RepoSyncState.Status.SYNCING, Optional.empty(),
        Optional.empty(), Optional.empty(), 4, 1);
    store.putSyncState(updated);
    assertThat(store.syncState(REPO)).contains(updated);
  }

  @Test
  void aClosedStoreRefusesCallsInsteadOfTouchingFreedMemory() {
    store.close();
    assertThatThrownBy(() -> store.tags(REPO)).isInstanceOf(StoreException.class).hasMessageContaining("closed");
    assertThatThrownBy(() -> store.stat(Digest.sha256(new byte[0]))).isInstanceOf(StoreException.class);
    store.close();
    store = RocksLocalStore.open(data);
  }

  @Test
  void secondOpenInTheSameProcessIsRefusedAsLocked() {
    assertThatThrownBy(() -> RocksLocalStore.open(data))
        .isInstanceOf(StoreLockedException.class)
        .hasMessageContaining("is in use by another Outpost process");
  }
}
