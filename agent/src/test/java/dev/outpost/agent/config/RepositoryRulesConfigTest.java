package dev.outpost.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.sync.engine.SyncSettings;
import dev.outpost.sync.select.RepositoryRule;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** sync.repositories entries as strings or maps (tag rules), sync.deleteGrace, and their errors. */
class RepositoryRulesConfigTest {
  private final ConfigLoader loader = new ConfigLoader(Map.of());

  @Test
  void stringsAndMapsMixInOneList() {
    OutpostConfig config = loader.parse("outpost.yaml", """
        storage: {path: /data}
        sync:
          deleteGrace: PT0S
          platforms: [linux/amd64]
          repositories:
            - "library/hello"
            - name: "team/*"
              tags: {include: ["v*", "latest"], exclude: ["*-rc*", "regex:.*-debug$"]}
              keepLatest: 5
              platforms: ["linux/arm64"]
              pinned: true
              keepDeleted: true
              priority: 10
              referrers: true
        """);

    SyncSettings settings = config.sync().settings();
    RepositoryRule team = settings.ruleFor(RepositoryName.of("team/app")).orElseThrow();
    RepositoryRule hello = settings.ruleFor(RepositoryName.of("library/hello")).orElseThrow();

    assertThat(settings.deleteGrace()).isZero();
    assertThat(config.sync().repositories()).extracting(Object::toString).containsExactly("library/hello", "team/*");
    assertThat(hello).isEqualTo(RepositoryRule.all(hello.name()));
    assertThat(team.keepLatest()).isEqualTo(OptionalInt.of(5));
    assertThat(team.pinned()).isTrue();
    assertThat(team.keepDeleted()).isTrue();
    assertThat(team.priority()).isEqualTo(10);
    assertThat(hello.priority()).isZero();
    assertThat(team.referrers()).isTrue();
    assertThat(hello.referrers()).as("off unless asked for").isFalse();
    assertThat(Stream.of("v1", "latest", "v2-rc1", "v2-debug", "edge").filter(t -> team.tags().selects(Tag.of(t))))
        .containsExactly("v1", "latest");
    assertThat(team.platforms()).extracting(Object::toString).containsExactly("linux/arm64");
    assertThat(config.sync().pinnedPatterns()).extracting(Object::toString).containsExactly("team/*");
  }

  @Test
  void deleteGraceDefaultsToADay() {
    OutpostConfig config = loader.parse("outpost.yaml", "storage: {path: /data}\nsync: {repositories: [a]}\n");

    assertThat(config.sync().deleteGrace()).isEqualTo(Duration.ofHours(24));
    assertThat(config.sync().pinnedPatterns()).isEmpty();
  }

  static Stream<Arguments> malformedRules() {
    return Stream.of(
        Arguments.of("keepLatest zero", """
            storage: {path: /x}
            sync:
              repositories:
                - a
                - name: team/*
                  keepLatest: 0
            """, "outpost.yaml:6: sync.repositories[1].keepLatest: must be 1 or more (got 0);"
                + " leave it out to keep every selected tag"),
        Arguments.of("map without a name", """
            storage: {path: /x}
            sync:
              repositories:
                - tags: {include: [v*]}
            """, "outpost.yaml:4: sync.repositories[0].name: required: the repositories this rule is about, such as team/*"),
        Arguments.of("unknown key in a rule", """
            storage: {path: /x}
            sync:
              repositories:
                - name: team/*
                  keeplatest: 3
            """, "outpost.yaml:5: sync.repositories[0].keeplatest: unknown key; did you mean keepLatest?"),
        Arguments.of("bad regex", """
            storage: {path: /x}
            sync:
              repositories:
                - name: team/*
                  tags:
                    include: ["v*", "regex:v[0-9"]
            """, "outpost.yaml:6: sync.repositories[0].tags.include[1]: 'regex:v[0-9' is not a valid regular expression:"
                + " Unclosed character class near index 4"),
        Arguments.of("bad name in a rule", """
            storage: {path: /x}
            sync:
              repositories:
                - name: Team*
            """, "outpost.yaml:4: sync.repositories[0].name: repository pattern 'Team*' may only end in /* (a prefix wildcard)"),
        Arguments.of("a rule listed twice", """
            storage: {path: /x}
            sync:
              repositories:
                - team/*
                - name: team/*
            """, "outpost.yaml:5: sync.repositories[1]: 'team/*' is listed twice; merge the two entries into one"),
        Arguments.of("negative grace", """
            storage: {path: /x}
            sync:
              repositories: [a]
              deleteGrace: -PT1H
            """, "outpost.yaml:4: sync.deleteGrace: must be zero (PT0S, at once) or more (got PT-1H)"),
        Arguments.of("a list as an entry", """
            storage: {path: /x}
            sync:
              repositories:
                - [a, b]
            """, "outpost.yaml:4: sync.repositories[0]: expected " + RepositoryRuleDeserializer.EXAMPLE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedRules")
  void aRefusedRuleNamesItsKeyAndLine(String name, String yaml, String expected) {
    assertThatThrownBy(() -> loader.parse("outpost.yaml", yaml)).isInstanceOf(ConfigException.class).hasMessage(expected);
  }
}
