package dev.outpost.sync.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.Test;

class ResponseGateTest {
  private static Response response(int code, String body, String retryAfter) {
    Response.Builder b = new Response.Builder()
        .request(new Request.Builder().url("http://parent:5000/v2/library/hello/blobs/sha256:ab?sig=SECRET").build())
        .protocol(Protocol.HTTP_1_1).code(code).message("m")
        .body(ResponseBody.create(body, MediaType.get("application/json")));
    if (retryAfter != null) {
      b.header("Retry-After", retryAfter);
    }
    return b.build();
  }

  @Test
  void passesSuccessfulResponsesThrough() {
    Response ok = response(200, "{}", null);
    assertThat(ResponseGate.check(ok, "x")).isSameAs(ok);
  }

  @Test
  void turnsTheDistributionEnvelopeIntoCodeAndMessage() {
    String body = "{\"errors\":[{\"code\":\"BLOB_UNKNOWN\",\"message\":\"blob unknown to registry\",\"detail\":{}}]}";

    ParentException e = catchThrowableOfType(ParentException.class,
        () -> ResponseGate.check(response(404, body, null), "fetch blob sha256:ab of library/hello"));

    assertThat(e.status()).isEqualTo(404);
    assertThat(e.errorCode()).contains("BLOB_UNKNOWN");
    assertThat(e.getMessage()).isEqualTo("Tried to fetch blob sha256:ab of library/hello from "
        + "http://parent:5000/v2/library/hello/blobs/sha256:ab?<redacted>: HTTP 404 BLOB_UNKNOWN (blob unknown to registry)");
  }

  @Test
  void keepsPlainBodiesAsOneCappedLine() {
    String huge = "oops\n".repeat(100_000);

    ParentException e = catchThrowableOfType(ParentException.class,
        () -> ResponseGate.check(response(503, huge, "5"), "list tags of a"));

    assertThat(e.errorCode()).isEmpty();
    assertThat(e.retryAfter()).contains("5");
    assertThat(e.getMessage()).startsWith("Tried to list tags of a from").contains("HTTP 503 oops oops").hasSizeLessThan(600);
  }

  @Test
  void neverEchoesTheQueryOfASignedUrl() {
    assertThatThrownBy(() -> ResponseGate.check(response(403, "", null), "x")).message().doesNotContain("SECRET");
  }
}
