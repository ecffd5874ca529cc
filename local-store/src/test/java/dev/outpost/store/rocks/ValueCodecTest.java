package dev.outpost.store.rocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.store.StoreException;
import dev.outpost.store.manifest.ManifestParser;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.MediaType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValueCodecTest {
  private static final Digest A = Digest.sha256("a".getBytes(StandardCharsets.UTF_8));
  private static final Digest B = Digest.sha256("b".getBytes(StandardCharsets.UTF_8));
  private static final Instant WHEN = Instant.parse("2026-11-22T10:11:12.345Z");

  @Test
  void blobRecordRoundTrips() {
    BlobRecord record = new BlobRecord(123_456_789_012L, WHEN);
    assertThat(BlobRecordCodec.decode(BlobRecordCodec.encode(record))).isEqualTo(record);
  }

  @Test
  void ingestRecordRoundTrips() {
    IngestRecord record = new IngestRecord(4096, 1 << 30, "parent:library/hello");
    assertThat(IngestRecordCodec.decode(IngestRecordCodec.encode(record))).isEqualTo(record);
  }

  @Test
  void manifestRecordRoundTrips() {
    byte[] bytes = "{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8);
    ManifestRecord record = new ManifestRecord(MediaType.parse("application/vnd.oci.image.index.v1+json; x=y"), bytes,
        List.of(A, B), List.of(B), Optional.of(A), WHEN);
    ManifestRecord decoded = ManifestRecordCodec.decode(ManifestRecordCodec.encode(record));
    assertThat(decoded.bytes()).isEqualTo(bytes);
    assertThat(decoded).usingRecursiveComparison().isEqualTo(record);

    ManifestRecord plain = new ManifestRecord(MediaType.OCI_MANIFEST, new byte[0], List.of(), List.of(),
        Optional.empty(), WHEN);
    assertThat(ManifestRecordCodec.decode(ManifestRecordCodec.encode(plain))).usingRecursiveComparison().isEqualTo(plain);
  }

  @ParameterizedTest
  @ValueSource(ints = {Integer.MAX_VALUE, ManifestParser.MAX_MANIFEST_BYTES + 1, -1})
  void aManifestLengthOutsideTheManifestLimitIsCorruptNotAnAllocation(int length) {
    byte[] bytes = {1, 2, 3};
    byte[] value = ManifestRecordCodec.encode(new ManifestRecord(MediaType.OCI_MANIFEST, bytes, List.of(), List.of(),
        Optional.empty(), WHEN));
    ByteBuffer.wrap(value).putInt(value.length - bytes.length - Integer.BYTES, length);

    assertThatThrownBy(() -> ManifestRecordCodec.decode(value)).isInstanceOf(StoreException.class)
        .hasMessageContaining("manifest").hasMessageContaining(String.valueOf(ManifestParser.MAX_MANIFEST_BYTES));
  }

  static Stream<Arguments> decoders() {
    return Stream.of(
        Arguments.of("blob", (Function<byte[], Object>) BlobRecordCodec::decode,
            BlobRecordCodec.encode(new BlobRecord(1, WHEN))),
        Arguments.of("ingest", (Function<byte[], Object>) IngestRecordCodec::decode,
            IngestRecordCodec.encode(new IngestRecord(1, 2, "s"))),
        Arguments.of("manifest", (Function<byte[], Object>) ManifestRecordCodec::decode,
            ManifestRecordCodec.encode(new ManifestRecord(MediaType.OCI_MANIFEST, new byte[] {1, 2}, List.of(A),
                List.of(), Optional.of(B), WHEN))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("decoders")
  void corruptValuesAreReportedNotMisread(String kind, Function<byte[], Object> decoder, byte[] valid) {
    byte[] wrongVersion = valid.clone();
    wrongVersion[0] = 99;
    assertThatThrownBy(() -> decoder.apply(wrongVersion)).isInstanceOf(StoreException.class)
        .hasMessageContaining("unknown format version 99");
    byte[] truncated = Arrays.copyOf(valid, valid.length - 1);
    assertThatThrownBy(() -> decoder.apply(truncated)).isInstanceOf(StoreException.class).hasMessageContaining(kind);
    byte[] trailing = Arrays.copyOf(valid, valid.length + 1);
    assertThatThrownBy(() -> decoder.apply(trailing)).isInstanceOf(StoreException.class).hasMessageContaining("trailing");
    assertThatThrownBy(() -> decoder.apply(new byte[0])).isInstanceOf(StoreException.class);
  }

  @Test
  void tokenAndSyncStateRecordsAreJson() {
    assertThatThrownBy(() -> TokenCodec.decode("not json".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(StoreException.class).hasMessageContaining("token");
    assertThatThrownBy(() -> SyncStateCodec.decode("{\"version\":2}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(StoreException.class).hasMessageContaining("version 2");
  }

  /** A record as Outpost wrote it before per-slot expiry (format version 1), byte for byte. */
  @Test
  void aVersion1TokenRecordIsReadWithItsExpiryOnEachSlot() {
    String salt = java.util.Base64.getEncoder().encodeToString(new byte[16]);
    String hash = java.util.Base64.getEncoder().encodeToString(new byte[32]);
    String v1 = """
        {"version":1,"name":"site","rules":[{"repositories":"team/*","actions":["content/read"]}],\
        "password1":{"salt":"%s","hash":"%s"},"expiry":"2030-01-02T03:04:05Z","enabled":true}""".formatted(salt, hash);

    dev.outpost.store.auth.ClientToken token = TokenCodec.decode(v1.getBytes(StandardCharsets.UTF_8));

    assertThat(token.name()).isEqualTo("site");
    assertThat(token.password1()).hasValueSatisfying(
        p -> assertThat(p.expiry()).contains(Instant.parse("2030-01-02T03:04:05Z")));
    assertThat(token.password2()).isEmpty();
    assertThat(token.enabled()).isTrue();
    String rewritten = new String(TokenCodec.encode(token), StandardCharsets.UTF_8);
    assertThat(rewritten).contains("\"version\":2", "\"expiry\":\"2030-01-02T03:04:05Z\"");
    assertThat(TokenCodec.decode(rewritten.getBytes(StandardCharsets.UTF_8))).isEqualTo(token);
    assertThatThrownBy(() -> TokenCodec.decode("{\"version\":3,\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(StoreException.class).hasMessageContaining("version 3");
  }
}
