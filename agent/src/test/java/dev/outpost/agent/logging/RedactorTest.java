package dev.outpost.agent.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactorTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      ConnectedRegistryName=x;SyncTokenName=t;SyncTokenPassword=hunter2;ParentGatewayEndpoint=h | hunter2   | SyncTokenPassword=***;
      Authorization: Basic dXNlcjpodW50ZXIy                                                       | dXNlcjpodW50ZXIy | Authorization: Basic ***
      Authorization: Bearer eyJhbGciOi.abc.def                                                    | eyJhbGciOi | Authorization: Bearer ***
      {"name":"n","password":"hunter2"}                                                           | hunter2   | "password":"***"
      login with password=hunter2 failed                                                          | hunter2   | password=***
      """)
  void masksSecretValues(String line, String secret, String expected) {
    String redacted = Redactor.redact(line);

    assertThat(redacted).doesNotContain(secret).contains(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      synced library/hello (3 tags)
      fetched sha256:abc in 2 chunks
      """)
  void leavesOrdinaryTextAlone(String line) {
    assertThat(Redactor.redact(line)).isEqualTo(line);
  }
}
