package dev.outpost.agent.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.agent.config.ConfigLoader;
import dev.outpost.agent.config.OutpostConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The quota is given the patterns of the rules marked pinned, and only those. */
class PinnedRepositoriesTest {
  @Test
  void rulesMarkedPinnedArePinned() {
    OutpostConfig config = new ConfigLoader(Map.of()).parse("outpost.yaml", """
        storage: {path: /data}
        sync:
          repositories:
            - library/hello
            - {name: "team/*", pinned: true}
            - {name: "base/os", pinned: false, keepLatest: 2}
        """);

    assertThat(PinnedRepositories.of(config)).extracting(Object::toString).containsExactly("team/*");
  }
}
