package dev.outpost.sync.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.fixtures.ParentRegistryFixture;
import dev.outpost.fixtures.RandomImages;
import dev.outpost.store.BlobInfo;
import dev.outpost.store.BlobReader;
import dev.outpost.store.image.Image;
import dev.outpost.store.image.Index;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.Reference;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.sync.http.RetryPolicy;
import dev.outpost.sync.http.RetrySettings;
import dev.outpost.sync.parent.ParentEndpoint;
import dev.outpost.sync.registry.RegistryClient;
import dev.outpost.sync.source.BlobStream;
import dev.outpost.sync.source.ContentSource;
import dev.outpost.sync.source.FetchedManifest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@link ContentSource} contract, one set of cases over every source: the parent registry over
 * real HTTP (the fixture), and a bundle on disk as a directory and as a tar (written by
 * {@link TestBundle}). What the engine relies on must hold for each.
 */
class ContentSourceContractTest {
  /** The kinds of source under test; each gets the same content. */
  enum Kind { REGISTRY, BUNDLE_DIRECTORY, BUNDLE_TAR }

  /** Nothing staged by an earlier import. */
  static final BlobReader NOTHING_STAGED = new BlobReader() {
    @Override
    public Optional<BlobInfo> stat(Digest digest) {
      return Optional.empty();
    }

    @Override
    public Path blobPath(Digest digest) {
      throw new IllegalStateException("nothing is staged");
    }
  };

  private static final RepositoryName HELLO = RepositoryName.of("library/hello");
  private static final RepositoryName MULTI = RepositoryName.of("team/multi");

  @TempDir
  Path dir;

  private final RandomImages images = new RandomImages(7);
  private final Image image = images.ociImage(300_000, 1000);
  private final Index index = images.multiArchIndex(2000);
  private ParentRegistryFixture parent;
  private ContentSource source;

  private ContentSource open(Kind kind) throws IOException {
    switch (kind) {
      case REGISTRY -> {
        parent = ParentRegistryFixture.start();
        parent.push(HELLO.value(), "v1", image).push(MULTI.value(), "1.0", index);
        source = RegistryClient.forParent(ParentEndpoint.fromUrl(parent.url(), null, null), 4, Duration.ofSeconds(20),
            new RetryPolicy(RetrySettings.once(), Clock.systemUTC()), Clock.systemUTC());
      }
      case BUNDLE_DIRECTORY, BUNDLE_TAR -> {
        TestBundle bundle = new TestBundle(1).add(HELLO.value(), "v1", image).add(MULTI.value(), "1.0", index);
        source = BundleSource.open(kind == Kind.BUNDLE_TAR ? bundle.writeTars(dir) : bundle.writeDirectories(dir),
            NOTHING_STAGED);
      }
    }
    return source;
  }

  @AfterEach
  void close() {
    if (source != null) {
      source.close();
    }
    if (parent != null) {
      parent.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void listsRepositoriesAndTags(Kind kind) throws IOException {
    ContentSource s = open(kind);
    s.ping();
    assertThat(s.repositories()).contains(HELLO, MULTI);
    assertThat(s.tags(HELLO)).containsExactly(Tag.of("v1"));
    assertThat(s.tags(MULTI)).containsExactly(Tag.of("1.0"));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void resolvesATagToTheDigestOfItsManifest(Kind kind) throws IOException {
    ContentSource s = open(kind);
    assertThat(s.headManifest(HELLO, new Reference.ByTag(Tag.of("v1"))).digest()).contains(image.digest());
    assertThat(s.headManifest(MULTI, new Reference.ByTag(Tag.of("1.0"))).digest()).contains(index.digest());
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void readsManifestsByteIdenticalWithTheirMediaType(Kind kind) throws IOException {
    ContentSource s = open(kind);
    FetchedManifest byTag = s.getManifest(HELLO, new Reference.ByTag(Tag.of("v1")));
    assertThat(byTag.bytes()).isEqualTo(image.manifest().bytes());
    assertThat(byTag.contentType().essence()).isEqualTo(image.manifest().contentType().essence());
    Image child = index.images().get(1);
    FetchedManifest byDigest = s.getManifest(MULTI, new Reference.ByDigest(child.digest()));
    assertThat(byDigest.bytes()).isEqualTo(child.manifest().bytes());
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void readsABlobFromAnOffset(Kind kind) throws IOException {
    ContentSource s = open(kind);
    byte[] layer = image.layers().get(0);
    Digest digest = Digest.sha256(layer);
    byte[] read = new byte[50_000];
    try (BlobStream in = s.openBlob(HELLO, digest, 100_000, read.length)) {
      int n = 0;
      while (n < read.length) {
        n += in.read(read, n, read.length - n);
      }
      assertThat(in.read(new byte[10], 0, 10)).as("the range ends where asked").isZero();
    }
    assertThat(read).isEqualTo(Arrays.copyOfRange(layer, 100_000, 150_000));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void hasNoReferrersForAnImageWithout(Kind kind) throws IOException {
    assertThat(open(kind).referrers(HELLO, image.digest())).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void refusesATagItDoesNotHold(Kind kind) throws IOException {
    ContentSource s = open(kind);
    // The registry says so with its 404 (a ParentException), a bundle with ContentMissingException: both name the tag.
    assertThatThrownBy(() -> s.getManifest(HELLO, new Reference.ByTag(Tag.of("nope")))).hasMessageContaining("nope");
  }
}
