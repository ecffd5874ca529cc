package dev.outpost.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NotifyConfigTest {
  private final ConfigLoader loader = new ConfigLoader(Map.of());

  @Test
  void webhooksAreReadWithTheirEventsAndSecretFromAFile(@TempDir Path dir) throws Exception {
    Path secret = Files.writeString(dir.resolve("hook.secret"), "from-file\n");
    OutpostConfig config = loader.parse("outpost.yaml", """
        storage: {path: /x}
        notify:
          webhooks:
            - url: https://hooks.example/outpost
              events: [pass.completed, pass.failed]
              secret: inline
            - url: http://127.0.0.1:9000/h
              events: [image.synced, image.deleted]
              secretFile: %s
        """.formatted(secret));

    assertThat(config.notifications().webhooks()).hasSize(2);
    assertThat(config.notifications().webhooks().get(0).events()).containsExactly("pass.completed", "pass.failed");
    assertThat(config.notifications().webhooks().get(1).secretValue("k")).contains("from-file");
    assertThat(config.notifications().webhooks().get(0).toString()).doesNotContain("inline");
  }

  @Test
  void withoutANotifySectionNothingIsSent() {
    assertThat(loader.parse("outpost.yaml", "storage: {path: /x}\n").notifications().webhooks()).isEmpty();
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of("an unknown event", """
            storage: {path: /x}
            notify:
              webhooks:
                - url: https://h.example/
                  events: [pass.completed]
                - url: https://h.example/
                  events: [image.pushed]
            """, "outpost.yaml:7: notify.webhooks[1].events: 'image.pushed' is not one of "
            + "image.deleted, image.synced, pass.completed, pass.failed"),
        Arguments.of("no url", """
            storage: {path: /x}
            notify:
              webhooks:
                - events: [pass.failed]
            """, "outpost.yaml:4: notify.webhooks[0].url: required: where to POST events, such as "
            + "https://hooks.example/outpost"),
        Arguments.of("not http", """
            storage: {path: /x}
            notify:
              webhooks:
                - url: ftp://h.example/
                  events: [pass.failed]
            """, "outpost.yaml:4: notify.webhooks[0].url: 'ftp://h.example/' is not an http or https URL"),
        Arguments.of("both secrets", """
            storage: {path: /x}
            notify:
              webhooks:
                - url: https://h.example/
                  events: [pass.failed]
                  secret: topsecret
                  secretFile: /s
            """, "outpost.yaml:7: notify.webhooks[0].secretFile: give secret or secretFile, not both"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void badWebhooksNameTheKeyAndLineAndNeverTheSecret(String name, String yaml, String expected) {
    assertThatThrownBy(() -> loader.parse("outpost.yaml", yaml)).isInstanceOf(ConfigException.class)
        .hasMessage(expected).message().doesNotContain("topsecret");
  }
}
