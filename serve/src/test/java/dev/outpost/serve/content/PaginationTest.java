package dev.outpost.serve.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.serve.error.ErrorCode;
import dev.outpost.serve.error.RegistryException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.util.Fields;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PaginationTest {
  private static final List<String> TAGS = List.of("a", "b", "c", "d", "e");

  @ParameterizedTest(name = "n={0} last={1}")
  @CsvSource(nullValues = "none", value = {
      "none, none, a b c d e, none",
      "2, none, a b, </x?n=2&last=b>; rel=\"next\"",
      "2, b, c d, </x?n=2&last=d>; rel=\"next\"",
      "2, c, d e, none",
      "5, none, a b c d e, none",
      "9, none, a b c d e, none",
      "0, none, '', none",
      "0, e, '', none",
      "none, c, d e, none",
      "1, e, '', none",
      "3, zz, '', none",
  })
  void pages(String n, String last, String expected, String link) {
    Fields query = new Fields();
    if (n != null) {
      query.add("n", n);
    }
    if (last != null) {
      query.add("last", last);
    }
    Pagination.Page page = Pagination.from(query).apply(TAGS, "/x");
    List<String> want = expected.isEmpty() ? List.of() : Arrays.asList(expected.split(" "));
    assertThat(page.entries()).isEqualTo(want);
    assertThat(page.nextLink()).isEqualTo(Optional.ofNullable(link));
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "x", "1.5", "99999999999"})
  void invalidNumbersAreRejected(String n) {
    Fields query = new Fields();
    query.add("n", n);
    assertThatThrownBy(() -> Pagination.from(query)).isInstanceOfSatisfying(RegistryException.class,
        e -> assertThat(e.error().code()).isEqualTo(ErrorCode.PAGINATION_NUMBER_INVALID));
  }
}
