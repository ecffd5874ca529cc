package dev.outpost.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.fixtures.LoggedRequest;
import dev.outpost.fixtures.RandomImages;
import dev.outpost.store.RepoSyncState;
import dev.outpost.store.image.Image;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.sync.parent.ParentEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Auth, redirects, transient faults, truncation, corruption and stops, end to end. */
class SyncFaultsTest extends EngineTestSupport {
  private final RandomImages images = new RandomImages(99);
  private final RepositoryName repo = RepositoryName.of("library/hello");

  private ParentEndpoint withCredentials() {
    return ParentEndpoint.fromUrl(parent.url(), "sync", "pw");
  }

  private boolean visible(Image image) {
    return store().resolveTag(repo, Tag.of("v1")).equals(java.util.Optional.of(image.digest()));
  }

  @Test
  void basicAuth() {
    Image image = images.ociImage(3000);
    parent.requireBasic("sync", "pw").push(repo.value(), "v1", image);

    assertThat(sync(settings(repo.value()), withCredentials(), () -> false).complete()).isTrue();

    assertThat(visible(image)).isTrue();
  }

  @Test
  void bearerAuthWithTokensExpiringMidTransferAndBlobsRedirectedToStorage() {
    Image image = images.ociImage(2_200_000, 1_500_000);
    parent.requireBearer("sync", "pw").expireTokensAfterRequests(2).redirectBlobsToStorage().push(repo.value(), "v1", image);

    SyncReport report = sync(settings(repo.value()), withCredentials(), () -> false);

    assertThat(report.complete()).as("%s", report).isTrue();
    assertThat(visible(image)).isTrue();
    assertThat(parent.requests()).filteredOn(r -> r.path().equals("/token")).hasSizeGreaterThan(2);
    assertThat(parent.requests()).filteredOn(r -> r.server().equals("storage")).isNotEmpty()
        .allSatisfy(r -> assertThat(r.hadAuthorization()).as("credentials must not follow a redirect").isFalse());
  }

  @Test
  void wrongCredentialsFailThePassWithOneLineReasonRecordedOnTheRepository() {
    parent.requireBasic("sync", "right").push(repo.value(), "v1", images.ociImage(10));

    SyncReport report = sync(settings(repo.value()), withCredentials(), () -> false);

    assertThat(report.complete()).isFalse();
    assertThat(report.parentReachable()).isFalse();
    String expected = "the parent refused the credentials (user 'sync' at 127.0.0.1:" + parent.port() + "): HTTP 401";
    assertThat(report.parentFailure()).hasValueSatisfying(failure -> {
      assertThat(failure.kind()).isEqualTo(ParentFailure.Kind.CREDENTIALS_REFUSED);
      assertThat(failure.reason()).startsWith(expected).doesNotContain("\n").doesNotContain("pw")
          .doesNotContain("cannot reach");
    });
    RepoSyncState state = store().syncState(repo).orElseThrow();
    assertThat(state.status()).isEqualTo(RepoSyncState.Status.FAILED);
    assertThat(state.lastError()).hasValueSatisfying(e -> assertThat(e).startsWith(expected));
  }

  @Test
  void aTokenRealmRefusingTheCredentialsIsNamedAsTheRealm() {
    parent.requireBearer("sync", "right").push(repo.value(), "v1", images.ociImage(10));

    SyncReport report = sync(settings(repo.value()), withCredentials(), () -> false);

    assertThat(report.parentFailure()).hasValueSatisfying(failure -> {
      assertThat(failure.kind()).isEqualTo(ParentFailure.Kind.CREDENTIALS_REFUSED);
      assertThat(failure.reason()).startsWith("the parent refused the credentials (user 'sync' at the token realm "
          + parent.url() + "/token of 127.0.0.1:" + parent.port() + "): HTTP 401").doesNotContain("pw");
    });
  }

  @Test
  void aParentThatIsDownIsUnreachableNotRefused() {
    ParentEndpoint endpoint = withCredentials();
    String url = parent.url();
    parent.close();

    SyncReport report = sync(settings(repo.value()), endpoint, () -> false);

    assertThat(report.parentFailure()).hasValueSatisfying(failure -> {
      assertThat(failure.kind()).isEqualTo(ParentFailure.Kind.UNREACHABLE);
      assertThat(failure.reason()).startsWith("cannot reach the parent " + url);
    });
  }

  @Test
  void transientStatusesAreRetriedHonouringRetryAfter() {
    Image image = images.ociImage(1000);
    parent.push(repo.value(), "v1", image).tooManyRequests(1, 1).failNext(2, 503).failNext(1, 502);

    SyncReport report = sync(settings(repo.value()));

    assertThat(report.complete()).as("%s", report).isTrue();
    assertThat(visible(image)).isTrue();
  }

  @Test
  void aTruncatedBlobResumesFromWhereItStopped() {
    Image image = images.ociImage(500_000);
    Digest layer = Digest.sha256(image.layers().get(0));
    int size = image.layers().get(0).length;
    parent.push(repo.value(), "v1", image).truncateBlobOnce(layer, 300_000);

    SyncReport report = sync(settings(repo.value()));

    assertThat(report.complete()).as("%s", report).isTrue();
    assertThat(visible(image)).isTrue();
    List<String> ranges = parent.requests().stream().filter(r -> r.path().endsWith(layer.toString()))
        .map(r -> r.range().orElse("none")).toList();
    assertThat(ranges).hasSize(2);
    assertThat(ranges.get(0)).isEqualTo("bytes=0-" + (size - 1));
    assertThat(ranges.get(1)).as("only the missing range is fetched again")
        .matches("bytes=\\d+-" + (size - 1)).isNotEqualTo(ranges.get(0));
    long resumedAt = Long.parseLong(ranges.get(1).substring(6, ranges.get(1).indexOf('-')));
    assertThat(resumedAt).isGreaterThan(0).isLessThanOrEqualTo(300_000);
  }

  @Test
  @Timeout(60) // without the stall timeout, nothing ends the quiet exchange: the test would hang
  void aStreamThatGoesQuietTimesOutAndResumesFromWhereItStopped() {
    Image image = images.ociImage(500_000);
    Digest layer = Digest.sha256(image.layers().get(0));
    int size = image.layers().get(0).length;
    parent.push(repo.value(), "v1", image).stallBlobOnce(layer, 300_000);

    SyncReport report = sync(settings(List.of(), Duration.ofSeconds(1), repo.value()));

    assertThat(report.complete()).as("%s", report).isTrue();
    assertThat(visible(image)).isTrue();
    List<String> ranges = parent.requests().stream().filter(r -> r.path().endsWith(layer.toString()))
        .map(r -> r.range().orElse("none")).toList();
    assertThat(ranges).hasSize(2);
    long resumedAt = Long.parseLong(ranges.get(1).substring(6, ranges.get(1).indexOf('-')));
    assertThat(resumedAt).as("the bytes before the stall are kept").isGreaterThan(0).isLessThanOrEqualTo(300_000);
    assertThat(ranges.get(1)).endsWith("-" + (size - 1));
  }

  @Test
  void aCorruptedBlobFailsTheRepositoryAndLeavesNothingVisible() {
    Image bad = images.ociImage(4000);
    Image good = images.ociImage(5000);
    Digest badLayer = Digest.sha256(bad.layers().get(0));
    parent.push(repo.value(), "v1", bad).push("other/ok", "v1", good).corruptBlob(badLayer);

    SyncReport report = sync(settings(repo.value(), "other/ok"));

    assertThat(report.complete()).isFalse();
    assertThat(report.failed()).singleElement().satisfies(r -> {
      assertThat(r.repository()).isEqualTo(repo);
      assertThat(r.reason().orElseThrow()).contains(badLayer.toString());
    });
    assertThat(store().stat(badLayer)).isEmpty();
    assertThat(store().manifest(repo, bad.digest())).isEmpty();
    assertThat(store().resolveTag(repo, Tag.of("v1"))).isEmpty();
    assertThat(store().resolveTag(RepositoryName.of("other/ok"), Tag.of("v1"))).contains(good.digest());
  }

  @Test
  void aStopLeavesDurableProgressThatTheNextPassContinues() {
    Image image = images.ociImage(3_500_000);
    Digest layer = Digest.sha256(image.layers().get(0));
    parent.push(repo.value(), "v1", image);
    AtomicLong received = new AtomicLong();
    SyncListener counting = new SyncListener() {
      @Override
      public void bytesProgressed(Digest digest, long bytes) {
        if (digest.equals(layer)) {
          received.addAndGet(bytes);
        }
      }
    };

    SyncReport stopped;
    try (SyncEngine engine = new SyncEngine(ParentEndpoint.fromUrl(parent.url(), null, null), settings(repo.value()),
        store(), meters, java.time.Clock.systemUTC())) {
      stopped = engine.runOnce(counting, () -> received.get() >= 1_500_000);
    }

    assertThat(stopped.complete()).isFalse();
    assertThat(stopped.repositories()).singleElement()
        .satisfies(r -> assertThat(r.outcome()).isEqualTo(RepoResult.Outcome.STOPPED));
    assertThat(store().resolveTag(repo, Tag.of("v1"))).isEmpty();
    parent.clearRequests();

    assertThat(sync(settings(repo.value())).complete()).isTrue();

    assertThat(visible(image)).isTrue();
    // The stop recorded every byte received as durable: the next pass resumes at the first byte it lacks.
    assertThat(parent.requests()).filteredOn(r -> r.path().endsWith(layer.toString()))
        .extracting(r -> r.range().orElse("none")).singleElement().asString()
        .startsWith("bytes=" + received.get() + "-");
  }

  @Test
  void anUnlistableCatalogStillSyncsExactNamesAndReportsTheSelectionFailure() {
    Image image = images.ociImage(100);
    parent.push(repo.value(), "v1", image).push("team/a", "v1", image);
    // 404 is not retried.
    parent.failPath("/v2/_catalog", 404);

    SyncReport report = sync(settings(repo.value(), "team/*"));

    assertThat(report.complete()).isFalse();
    assertThat(report.selectionFailure()).hasValueSatisfying(f -> assertThat(f).contains("team/*").contains("catalog"));
    assertThat(report.repositories()).extracting(r -> r.repository().value()).containsExactly(repo.value());
    assertThat(visible(image)).isTrue();
  }
}
