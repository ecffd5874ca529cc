package dev.outpost.sync.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.store.model.Digest;
import dev.outpost.store.model.MediaType;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BundleJsonTest {
  private static final Digest MANIFEST = Digest.sha256("manifest".getBytes(StandardCharsets.UTF_8));
  private static final Digest LAYER = Digest.sha256("layer".getBytes(StandardCharsets.UTF_8));
  private static final RepositoryName REPO = RepositoryName.of("library/hello");

  private static BundleManifest manifest() {
    return new BundleManifest("b-1", Instant.parse("2026-12-01T17:00:00Z"), "parent https://reg.example",
        Optional.of(new BundleManifest.InventoryRef(LAYER, Instant.parse("2026-11-30T08:00:00Z"))), 1, 2,
        new TreeMap<>(Map.of(REPO, BundleManifest.RepositoryContent.of(Map.of(Tag.of("1.0"), MANIFEST), Set.of(MANIFEST)))),
        new TreeMap<>(Map.of(MANIFEST, new BundleManifest.Item(120, Optional.of(MediaType.OCI_MANIFEST), 2),
            LAYER, new BundleManifest.Item(5, Optional.empty(), 1))));
  }

  @Test
  void aBundleManifestReadsBackAsWritten() throws Exception {
    BundleManifest written = manifest();
    BundleManifest read = BundleJson.readManifest(BundleJson.write(written), "part-1/outpost-bundle.json");
    assertThat(read).isEqualTo(written);
    assertThat(read.carriedIn(1)).containsExactly(LAYER);
    assertThat(read.carriedBytes()).isEqualTo(125);
    assertThat(read.forPart(2).part()).isEqualTo(2);
  }

  @Test
  void anInventoryReadsBackPlainOrGzipped() throws Exception {
    Inventory written = new Inventory(Instant.parse("2026-12-01T17:00:00Z"), "/var/lib/outpost",
        new TreeMap<>(Map.of(REPO, Inventory.Repository.of(Map.of(Tag.of("1.0"), MANIFEST), Set.of(MANIFEST)))),
        new java.util.TreeSet<>(Set.of(LAYER)));
    assertThat(BundleJson.readInventory(BundleJson.write(written), "inv.json")).isEqualTo(written);
    assertThat(BundleJson.readInventory(BundleJson.writeGzip(written), "inv.json.gz")).isEqualTo(written);
    assertThat(written.holdsBlob(LAYER)).isTrue();
    assertThat(written.holdsManifest(REPO, MANIFEST)).isTrue();
    assertThat(written.holdsManifest(RepositoryName.of("other"), MANIFEST)).isFalse();
  }

  @Test
  void aBadFieldIsNamedWithItsFile() {
    String json = new String(BundleJson.write(manifest()), StandardCharsets.UTF_8).replace("\"size\" : 5", "\"size\" : \"five\"");
    assertThatThrownBy(() -> BundleJson.readManifest(json.getBytes(StandardCharsets.UTF_8), "b/outpost-bundle.json"))
        .isInstanceOf(InvalidBundleException.class)
        .hasMessage("b/outpost-bundle.json: content." + LAYER + ".size is missing or not a whole number");
  }

  @Test
  void aPartBeyondThePartCountIsRefused() {
    String json = new String(BundleJson.write(manifest()), StandardCharsets.UTF_8).replace("\"part\" : 2\n", "\"part\" : 3\n");
    assertThatThrownBy(() -> BundleJson.readManifest(json.getBytes(StandardCharsets.UTF_8), "b/outpost-bundle.json"))
        .hasMessageContaining(MANIFEST + " is carried in part 3 of 2");
  }

  @Test
  void anotherFormatIsRefused() {
    assertThatThrownBy(() -> BundleJson.readInventory("{\"format\":\"outpost-bundle/v1\"}".getBytes(StandardCharsets.UTF_8), "x.json"))
        .hasMessage("x.json: format is 'outpost-bundle/v1', expected 'outpost-inventory/v1'");
    assertThatThrownBy(() -> BundleJson.readInventory("[1]".getBytes(StandardCharsets.UTF_8), "x.json"))
        .hasMessage("x.json: not a JSON object");
  }
}
