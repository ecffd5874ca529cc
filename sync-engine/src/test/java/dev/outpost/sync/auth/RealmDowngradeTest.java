package dev.outpost.sync.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.Test;

/**
 * The realm an {@code https} parent names decides where credentials go: a plain-http realm would
 * carry them in clear, so the interceptor refuses it before any token source is asked.
 */
class RealmDowngradeTest {
  private static final HttpUrl PARENT = HttpUrl.get("https://parent.example/");
  private final List<String> realmsAsked = new ArrayList<>();
  private final TokenSource tokens = (bearer, scope) -> {
    realmsAsked.add(bearer.param("realm").orElseThrow());
    return new BearerToken("t", Instant.now().plusSeconds(300));
  };
  private final RegistryAuthInterceptor interceptor = new RegistryAuthInterceptor(PARENT,
      Optional.of(new ParentCredentials("sync", "pw")), tokens, new TokenCache(Clock.systemUTC()));

  @Test
  void anHttpRealmFromAnHttpsParentIsRefusedWithoutAskingForAToken() {
    Chain chain = new Chain("Bearer realm=\"http://parent.example/oauth2/token\",service=\"parent.example\"");
    assertThatThrownBy(() -> interceptor.intercept(chain)).isInstanceOf(InsecureRealmException.class)
        .hasMessageContaining("over plain http; credentials are not sent in clear");
    assertThat(realmsAsked).isEmpty();
    assertThat(chain.sent).hasSize(1).allSatisfy(r -> assertThat(r.header("Authorization")).isNull());
  }

  @Test
  void anHttpsRealmOnAnotherHostIsUsed() throws Exception {
    Chain chain = new Chain("Bearer realm=\"https://auth.example/token\",service=\"parent.example\"");
    interceptor.intercept(chain).close();
    assertThat(realmsAsked).containsExactly("https://auth.example/token");
    assertThat(chain.sent.get(1).header("Authorization")).isEqualTo("Bearer t");
  }

  /** Answers the first request with a 401 and the given challenge, later ones with 200. */
  private static final class Chain implements Interceptor.Chain {
    private final String challenge;
    final List<Request> sent = new ArrayList<>();

    Chain(String challenge) {
      this.challenge = challenge;
    }

    @Override
    public Request request() {
      return new Request.Builder().url(PARENT.resolve("/v2/library/hello/manifests/1.0")).build();
    }

    @Override
    public Response proceed(Request request) {
      sent.add(request);
      Response.Builder response = new Response.Builder().request(request).protocol(Protocol.HTTP_1_1)
          .body(ResponseBody.create(new byte[0], null));
      return sent.size() == 1
          ? response.code(401).message("Unauthorized").header("WWW-Authenticate", challenge).build()
          : response.code(200).message("OK").build();
    }

    @Override
    public Connection connection() {
      return null;
    }

    @Override
    public Call call() {
      throw new UnsupportedOperationException();
    }

    @Override
    public int connectTimeoutMillis() {
      return 0;
    }

    @Override
    public Interceptor.Chain withConnectTimeout(int timeout, TimeUnit unit) {
      return this;
    }

    @Override
    public int readTimeoutMillis() {
      return 0;
    }

    @Override
    public Interceptor.Chain withReadTimeout(int timeout, TimeUnit unit) {
      return this;
    }

    @Override
    public int writeTimeoutMillis() {
      return 0;
    }

    @Override
    public Interceptor.Chain withWriteTimeout(int timeout, TimeUnit unit) {
      return this;
    }
  }
}
