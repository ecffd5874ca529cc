package dev.outpost.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.agent.config.ConfigLoader;
import dev.outpost.agent.config.OutpostConfig;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Warm-up runs only for commands that go on to do real work, and always ends. */
class WarmupTest {
  @ParameterizedTest
  @ValueSource(strings = {"", "--version", "--help", "snyc", "sync --help", "token create -h", "status -V", "help sync"})
  void commandsThatEndAtOnceStartNoWarmup(String commandLine) {
    assertThat(Warmup.start(commandLine.isEmpty() ? new String[0] : commandLine.split(" "))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sync --once --config x.yaml", "status --config x.yaml", "run --config x.yaml",
      "verify --config x.yaml"})
  void commandsThatWorkStartAWarmupThatFinishes(String commandLine) throws InterruptedException {
    Optional<Thread> warmup = Warmup.start(commandLine.split(" "));

    assertThat(warmup).isPresent();
    Warmup.awaitQuietly(warmup);
    assertThat(warmup.get().isAlive()).isFalse();
  }

  @Test
  void verifyWarmsNoHttpClientSinceItsHashingNeedsTheSecondCore() {
    assertThat(Warmup.warmsHttp("verify --config x.yaml".split(" "))).isFalse();
    assertThat(Warmup.warmsHttp("sync --once --config x.yaml".split(" "))).isTrue();
    assertThat(Warmup.warmsHttp("run --config x.yaml".split(" "))).isTrue();
  }

  @Test
  void theSampleConfigurationParses() {
    // Warmup.run swallows errors, so a sample that stopped parsing would only silently warm less.
    OutpostConfig config = new ConfigLoader(Map.of()).parse("warm-up", Warmup.SAMPLE_CONFIG);

    assertThat(config.sync().repositories()).hasSize(1);
    assertThat(config.sync().platforms()).hasSize(1);
    assertThat(config.parentIfConfigured()).isPresent();
  }
}
