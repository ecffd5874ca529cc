package dev.outpost.sync.http;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.HttpUrl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OriginsTest {
  @ParameterizedTest
  @CsvSource({
      "http://parent:5000/v2/, http://parent:5000/v2/r/blobs/x?sig=1, true",
      "http://PARENT:5000/v2/, http://parent:5000/token, true",
      "https://parent/v2/, https://parent:443/v2/, true",
      "http://parent:5000/v2/, http://parent:5001/v2/, false",
      "http://parent/v2/, https://parent/v2/, false",
      "https://parent/v2/, https://storage.parent/v2/, false",
  })
  void sameSchemeHostAndPort(String a, String b, boolean same) {
    assertThat(Origins.same(HttpUrl.get(a), HttpUrl.get(b))).isEqualTo(same);
  }
}
