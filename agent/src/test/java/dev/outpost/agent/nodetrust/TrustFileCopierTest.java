package dev.outpost.agent.nodetrust;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Copying a ConfigMap-shaped directory onto a node's certs.d. */
class TrustFileCopierTest {
  @TempDir
  Path dir;

  @Test
  void copiesAConfigMapVolumeFollowingItsSymlinksAndSkippingItsBookkeeping() throws Exception {
    Path from = configMapVolume("hosts v1");
    Path to = dir.resolve("certs.d");

    assertThat(new TrustFileCopier(from, to).copyChanged())
        .containsExactly(to.resolve("myregistry.azurecr.io/ca.crt"), to.resolve("myregistry.azurecr.io/hosts.toml"));

    assertThat(to.resolve("myregistry.azurecr.io/hosts.toml")).hasContent("hosts v1");
    assertThat(Files.isSymbolicLink(to.resolve("myregistry.azurecr.io"))).isFalse();
    assertThat(to.resolve("..data")).doesNotExist();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(to.resolve("myregistry.azurecr.io/ca.crt"))))
        .isEqualTo("rw-r--r--");
    try (var left = Files.list(to.resolve("myregistry.azurecr.io"))) {
      assertThat(left).as("no temporary files left").hasSize(2);
    }
  }

  @Test
  void writesOnlyWhatDiffersAndRestoresWhatWasRemovedOrChanged() throws Exception {
    Path from = configMapVolume("hosts v1");
    Path to = dir.resolve("certs.d");
    TrustFileCopier copier = new TrustFileCopier(from, to);
    copier.copyChanged();

    assertThat(copier.copyChanged()).isEmpty();

    Files.delete(to.resolve("myregistry.azurecr.io/hosts.toml"));
    Files.writeString(to.resolve("myregistry.azurecr.io/ca.crt"), "tampered");
    assertThat(copier.copyChanged()).hasSize(2);
    assertThat(to.resolve("myregistry.azurecr.io/ca.crt")).hasContent("CA");
  }

  @Test
  void leavesOtherRegistriesFilesAlone() throws Exception {
    Path from = configMapVolume("hosts v1");
    Path to = dir.resolve("certs.d");
    Files.createDirectories(to.resolve("docker.io"));
    Files.writeString(to.resolve("docker.io/hosts.toml"), "theirs");

    new TrustFileCopier(from, to).copyChanged();

    assertThat(to.resolve("docker.io/hosts.toml")).hasContent("theirs");
  }

  /** The layout kubelet gives a ConfigMap volume: entries are symlinks into ..data, itself a symlink. */
  private Path configMapVolume(String hosts) throws Exception {
    Path volume = dir.resolve("volume");
    Path timestamped = volume.resolve("..2026_12_01_10_00_00.123");
    Files.createDirectories(timestamped.resolve("myregistry.azurecr.io"));
    Files.writeString(timestamped.resolve("myregistry.azurecr.io/hosts.toml"), hosts);
    Files.writeString(timestamped.resolve("myregistry.azurecr.io/ca.crt"), "CA");
    Files.createSymbolicLink(volume.resolve("..data"), timestamped.getFileName());
    Files.createSymbolicLink(volume.resolve("myregistry.azurecr.io"), Path.of("..data/myregistry.azurecr.io"));
    return volume;
  }
}
