package dev.outpost.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.fixtures.DockerRegistryProcess;
import dev.outpost.fixtures.RandomImages;
import dev.outpost.fixtures.Skopeo;
import dev.outpost.fixtures.ToolRun;
import dev.outpost.store.image.Image;
import dev.outpost.store.image.Index;
import dev.outpost.store.model.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path with software nobody on this project wrote: Debian's CNCF {@code docker-registry}
 * as the parent, seeded with skopeo; {@code outpost sync --once} and {@code outpost run} as real
 * processes of the built jar; skopeo pulling through Outpost with client tokens.
 *
 * <p>The expensive setup (parent seeded, one sync, a running Outpost, two tokens) is a shared
 * fixture built once in {@link #seedParentSyncAndServe}; no test depends on another having run, in
 * any order, and the one that stops Outpost starts it again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealClientsEndToEndIT {
  private static final int BIG_LAYER = 100 * 1024 * 1024;

  private Path work;

  private Skopeo skopeo;
  private DockerRegistryProcess parent;
  private OutpostProcess outpost;
  private Path config;
  private String edge;
  private Image hello;
  private Image legacy;
  private Index multi;
  private Image big;
  private OutpostProcess.Result sync;
  private String sitePassword;
  private String teamPassword;

  @BeforeAll
  void seedParentSyncAndServe(@TempDir Path workDir) throws Exception {
    work = workDir;
    skopeo = Skopeo.require();
    parent = DockerRegistryProcess.start(work.resolve("parent"));
    RandomImages images = new RandomImages(42);
    hello = images.ociImage(1024, 64 * 1024);
    legacy = images.dockerImage(32 * 1024);
    multi = images.multiArchIndex(128 * 1024);
    big = images.ociImage(BIG_LAYER);
    skopeo.push(hello, parent.hostPort(), "library/hello", "1.0");
    skopeo.push(legacy, parent.hostPort(), "team/legacy", "1.0");
    skopeo.push(multi, parent.hostPort(), "team/multi", "1.0");
    skopeo.push(big, parent.hostPort(), "team/big", "1.0");
    skopeo.push(images.ociImage(2048), parent.hostPort(), "other/unselected", "1.0");

    config = work.resolve("outpost.yaml");
    Files.writeString(config, """
        storage: {path: "%s"}
        parent: {url: "%s"}
        sync: {repositories: ["team/*", "library/hello"], chunkSizeMb: 8}
        serve: {listen: "127.0.0.1:0", httpEnabled: true}
        admin: {listen: "127.0.0.1:0"}
        """.formatted(work.resolve("store"), parent.url()));

    sync = OutpostProcess.exec(work, null, "sync", "--once", "--config", config.toString());
    startOutpost();
    sitePassword = OutpostProcess.createToken(work, config, "site", "--repository", "team/*", "--repository", "library/hello");
    teamPassword = OutpostProcess.createToken(work, config, "teamonly", "--repository", "team/*");
  }

  private void startOutpost() throws Exception {
    outpost = OutpostProcess.startRun(work, config);
    edge = "127.0.0.1:" + outpost.registryPort();
  }

  @AfterAll
  void stopEverything() throws Exception {
    if (outpost != null) {
      outpost.close();
    }
    if (parent != null) {
      parent.close();
    }
  }

  @Test
  void syncOnceBringsEverySelectedRepositoryAndExitsZero() {
    assertThat(sync.exitCode()).as(sync.stdout() + sync.stderr()).isZero();
    assertThat(sync.stdout()).contains("sync complete: 4 repositories present");
  }

  @Test
  void tokensCreatedThroughTheRunningProcessHaveDistinctStrongPasswords() {
    assertThat(sitePassword).hasSizeGreaterThanOrEqualTo(40);
    assertThat(teamPassword).hasSizeGreaterThanOrEqualTo(40).isNotEqualTo(sitePassword);
  }

  @Test
  void inspectRawReturnsTheParentsBytesForOciAndDockerManifests() throws Exception {
    Skopeo site = skopeo.withCredentials("site", sitePassword);

    assertThat(Digest.sha256(site.inspectRaw(edge, "library/hello", "1.0"))).isEqualTo(hello.digest());
    assertThat(Digest.sha256(site.inspectRaw(edge, "team/legacy", "1.0"))).isEqualTo(legacy.digest());
    assertThat(Digest.sha256(site.inspectRaw(edge, "team/multi", "1.0"))).isEqualTo(multi.digest());
  }

  @Test
  void copyOfTheBigImageToAnOciLayoutHasEveryBlobIntact() throws Exception {
    Path layout = work.resolve("big-layout");

    copy("--src-creds=site:" + sitePassword, "docker://" + edge + "/team/big:1.0", "oci:" + layout + ":1.0");

    for (Digest blob : big.blobs().keySet()) {
      assertThat(sha256Of(layout.resolve("blobs/sha256").resolve(blob.hex()))).isEqualTo(blob);
    }
    assertThat(Files.size(layout.resolve("blobs/sha256").resolve(big.manifest().digest().hex()))).isPositive();
  }

  @Test
  void copyAllOfTheIndexKeepsItsDigestAndEveryPlatform() throws Exception {
    Path layout = work.resolve("multi-layout");

    copy("--all", "--src-creds=site:" + sitePassword, "docker://" + edge + "/team/multi:1.0", "oci:" + layout + ":1.0");

    assertThat(layout.resolve("blobs/sha256").resolve(multi.digest().hex())).exists();
    for (Image child : multi.images()) {
      assertThat(layout.resolve("blobs/sha256").resolve(child.digest().hex())).exists();
    }
  }

  @Test
  void copyByDigest() throws Exception {
    Path dir = work.resolve("by-digest");

    copy("--src-creds=site:" + sitePassword, "docker://" + edge + "/library/hello@" + hello.digest(), "dir:" + dir);

    assertThat(sha256Of(dir.resolve("manifest.json"))).isEqualTo(hello.digest());
  }

  @Test
  void listTags() throws Exception {
    ToolRun.Result tags = skopeo.run("list-tags", "--tls-verify=false", "--creds=site:" + sitePassword,
        "docker://" + edge + "/team/multi");

    assertThat(tags.exitCode()).as(tags.stderr()).isZero();
    assertThat(tags.stdout()).contains("\"1.0\"");
  }

  @Test
  void aTeamTokenIsRefusedOutsideTeam() throws Exception {
    ToolRun.Result denied = inspect("--creds=teamonly:" + teamPassword, "library/hello:1.0");
    ToolRun.Result allowed = inspect("--creds=teamonly:" + teamPassword, "team/legacy:1.0");

    assertThat(denied.exitCode()).isNotZero();
    assertThat(denied.stderr().toLowerCase()).containsAnyOf("denied", "unauthorized", "authentication required");
    assertThat(allowed.exitCode()).as(allowed.stderr()).isZero();
  }

  @Test
  void aWrongPasswordOrNoTokenIsRefused() throws Exception {
    ToolRun.Result wrong = inspect("--creds=site:not-the-password", "library/hello:1.0");
    ToolRun.Result anonymous = inspect("--no-creds", "library/hello:1.0");

    assertThat(wrong.exitCode()).isNotZero();
    assertThat(anonymous.exitCode()).isNotZero();
    assertThat(anonymous.stderr().toLowerCase()).containsAnyOf("unauthorized", "authentication required");
  }

  @Test
  void statusWorksWhileRunningAndAfterSigterm() throws Exception {
    OutpostProcess.Result live = OutpostProcess.exec(work, null, "status", "--json", "--config", config.toString());
    assertThat(live.exitCode()).as(live.stderr()).isZero();
    assertThat(live.stdout()).contains("team/big", "library/hello", "synced").doesNotContain("other/unselected");

    int exit = outpost.terminate();
    OutpostProcess.Result after;
    try {
      after = OutpostProcess.exec(work, null, "status", "--config", config.toString());
    } finally {
      startOutpost(); // the other tests, in whatever order they run, find Outpost serving
    }

    assertThat(exit).as("exit status after SIGTERM").isIn(0, 143);
    assertThat(after.exitCode()).as(after.stderr()).isZero();
    assertThat(after.stdout()).contains("team/multi");
  }

  private void copy(String... args) throws Exception {
    // --preserve-digests: skopeo must fail rather than re-encode, so digests compare exactly.
    String[] full = new String[args.length + 3];
    full[0] = "copy";
    full[1] = "--src-tls-verify=false";
    full[2] = "--preserve-digests";
    System.arraycopy(args, 0, full, 3, args.length);
    ToolRun.Result result = skopeo.run(full);
    assertThat(result.exitCode()).as(result.stderr()).isZero();
  }

  private ToolRun.Result inspect(String credentials, String reference) throws Exception {
    return skopeo.run("inspect", "--raw", "--tls-verify=false", credentials, "docker://" + edge + "/" + reference);
  }

  private static Digest sha256Of(Path file) throws IOException {
    MessageDigest sha = Digest.newSha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return Digest.fromSha256Bytes(sha.digest());
  }
}
