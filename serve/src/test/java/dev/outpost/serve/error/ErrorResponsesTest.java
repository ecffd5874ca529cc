package dev.outpost.serve.error;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.store.StoreException;
import dev.outpost.store.model.InvalidValueException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ErrorResponsesTest {
  private final String request = "GET /v2/x";

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "DIGEST, DIGEST_INVALID, 400",
      "NAME, NAME_INVALID, 400",
      "TAG, MANIFEST_UNKNOWN, 404",
      "REFERENCE, MANIFEST_UNKNOWN, 404",
      "MEDIA_TYPE, UNKNOWN, 500",
  })
  void invalidValuesMapByKind(InvalidValueException.Kind kind, ErrorCode code, int status) {
    RegistryError error = ErrorResponses.translate(new InvalidValueException(kind, "bad"), request);
    assertThat(error.code()).isEqualTo(code);
    assertThat(error.status()).isEqualTo(status);
  }

  @Test
  void registryExceptionsKeepTheirError() {
    RegistryError error = RegistryError.of(ErrorCode.UNSUPPORTED).withHeader("Allow", "GET, HEAD");
    assertThat(ErrorResponses.translate(error.toException(), request)).isEqualTo(error);
  }

  @Test
  void aBlobFileThatVanishedIsUnknown() {
    assertThat(ErrorResponses.translate(new java.nio.file.NoSuchFileException("/data/blobs/x"), request).code())
        .isEqualTo(ErrorCode.BLOB_UNKNOWN);
  }

  @Test
  void unexpectedFailuresRevealNothing() {
    RegistryError error = ErrorResponses.translate(new StoreException("reading /secret/path failed"), request);
    assertThat(error.code()).isEqualTo(ErrorCode.UNKNOWN);
    assertThat(error.status()).isEqualTo(500);
    assertThat(error.detail()).isEmpty();
    assertThat(error.message()).doesNotContain("secret");
  }

  @Test
  void envelopeHasCodeMessageAndDetail() {
    assertThat(ErrorResponses.envelope(RegistryError.of(ErrorCode.BLOB_UNKNOWN, "sha256:x")))
        .isEqualTo(Map.of("errors", List.of(Map.of("code", "BLOB_UNKNOWN", "message", "blob unknown to registry",
            "detail", "sha256:x"))));
    assertThat(new String(dev.outpost.serve.http.Replies.toJson(ErrorResponses.envelope(
        new RegistryError(ErrorCode.DENIED, "no", Optional.empty(), Map.of())))))
        .isEqualTo("{\"errors\":[{\"code\":\"DENIED\",\"message\":\"no\"}]}");
  }

  @ParameterizedTest
  @EnumSource(ErrorCode.class)
  void everyCodeIsAnErrorStatus(ErrorCode code) {
    assertThat(code.status()).isBetween(400, 599);
  }
}
