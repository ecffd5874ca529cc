package dev.outpost.sync.registry;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.HttpUrl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LinkHeaderTest {
  private static final HttpUrl REQUEST = HttpUrl.get("http://parent:5000/v2/_catalog?n=2");

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "NONE", value = {
      "</v2/_catalog?last=b&n=2>; rel=\"next\"                      | http://parent:5000/v2/_catalog?last=b&n=2",
      "<http://other:1/v2/_catalog?last=b>; rel=\"next\"            | http://other:1/v2/_catalog?last=b",
      "<_catalog?last=c>; rel=next                                  | http://parent:5000/v2/_catalog?last=c",
      "</a>; rel=\"prev\", </b?x=1,2>; title=\"a, b\"; rel=\"next\" | http://parent:5000/b?x=1,2",
      "</a>; REL=\"NEXT\"                                           | http://parent:5000/a",
      "</a>; rel=\"prev\"                                           | NONE",
      "garbage                                                      | NONE",
  })
  void findsTheNextPage(String header, String expected) {
    assertThat(LinkHeader.next(header.trim(), REQUEST).map(HttpUrl::toString).orElse(null)).isEqualTo(expected);
  }
}
