package dev.outpost.store.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.store.model.InvalidValueException;
import dev.outpost.store.model.RepositoryName;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClientTokenTest {
  private static final ClientToken TEAM_READER = new ClientToken("team-reader",
      List.of(new ScopeRule(RepositoryPattern.parse("team/*"), Set.of(Action.CONTENT_READ, Action.METADATA_READ)),
          new ScopeRule(RepositoryPattern.parse("library/hello"), Set.of(Action.CONTENT_READ))),
      Optional.of(PasswordHash.of("one")), Optional.of(PasswordHash.of("two")), Optional.empty(), true);

  @ParameterizedTest
  @CsvSource({
      "team/a, CONTENT_READ, true",
      "team/a/b, METADATA_READ, true",
      "library/hello, CONTENT_READ, true",
      "library/hello, METADATA_READ, false",
      "other/x, CONTENT_READ, false",
      "other/x, METADATA_READ, false",
      "teamx/a, CONTENT_READ, false",
      "team, CONTENT_READ, false",
  })
  void grantsExactlyItsScopeMap(String repository, Action action, boolean granted) {
    assertThat(TEAM_READER.grants(RepositoryName.of(repository), action)).isEqualTo(granted);
  }

  @Test
  void eitherPasswordSlotAuthenticates() {
    assertThat(TEAM_READER.passwordMatches("one")).isTrue();
    assertThat(TEAM_READER.passwordMatches("two")).isTrue();
    assertThat(TEAM_READER.passwordMatches("three")).isFalse();
    assertThat(TEAM_READER.passwordMatches(null)).isFalse();
  }

  @Test
  void usableOnlyWhenEnabledAndNotExpired() {
    Instant now = Instant.parse("2026-11-22T12:00:00Z");
    assertThat(TEAM_READER.isUsableAt(now)).isTrue();
    ClientToken expiring = new ClientToken("t", List.of(), Optional.of(PasswordHash.of("p")), Optional.empty(),
        Optional.of(now), true);
    assertThat(expiring.isUsableAt(now.minusSeconds(1))).isTrue();
    assertThat(expiring.isUsableAt(now)).isFalse();
    assertThat(expiring.statusAt(now)).isEqualTo(ClientToken.Status.EXPIRED);
    ClientToken disabled = TEAM_READER.withEnabled(false);
    assertThat(disabled.isUsableAt(now)).isFalse();
    assertThat(disabled.statusAt(now)).isEqualTo(ClientToken.Status.DISABLED);
    assertThat(disabled.authenticate("one", now)).isEmpty();
    assertThat(disabled.withEnabled(true).authenticate("one", now)).hasValue(1);
  }

  @Test
  void eachSlotExpiresOnItsOwn() {
    Instant now = Instant.parse("2026-11-22T12:00:00Z");
    ClientToken token = new ClientToken("t", List.of(), Optional.of(PasswordSlot.of("one", Optional.of(now))),
        Optional.of(PasswordSlot.of("two", Optional.of(now.plusSeconds(60)))), true);

    assertThat(token.authenticate("one", now.minusSeconds(1))).hasValue(1);
    assertThat(token.authenticate("two", now.minusSeconds(1))).hasValue(2);
    assertThat(token.authenticate("one", now)).isEmpty();
    assertThat(token.authenticate("two", now)).hasValue(2);
    assertThat(token.statusAt(now)).isEqualTo(ClientToken.Status.ENABLED);
    assertThat(token.statusAt(now.plusSeconds(60))).isEqualTo(ClientToken.Status.EXPIRED);
  }

  @Test
  void rotatingASlotEndsWhatWasIssuedFromItAndNothingElse() {
    Instant now = Instant.parse("2026-11-22T12:00:00Z");
    String stamp1 = TEAM_READER.password1().orElseThrow().stamp();
    String stamp2 = TEAM_READER.password2().orElseThrow().stamp();
    assertThat(TEAM_READER.stillHonours(1, stamp1, now)).isTrue();
    assertThat(TEAM_READER.stillHonours(2, stamp1, now)).isFalse();

    ClientToken rotated = TEAM_READER.withSlot(1, PasswordSlot.of("one", Optional.empty()));

    assertThat(rotated.stillHonours(1, stamp1, now)).as("same password text, new salt: a new password").isFalse();
    assertThat(rotated.stillHonours(2, stamp2, now)).isTrue();
    assertThat(rotated.withEnabled(false).stillHonours(2, stamp2, now)).isFalse();
    assertThat(rotated.stillHonours(3, stamp2, now)).isFalse();
    assertThatThrownBy(() -> TEAM_READER.withSlot(3, PasswordSlot.of("x", Optional.empty())))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("1 or 2");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-x", "a b", "a/b", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
  void rejectsInvalidNames(String name) {
    assertThatThrownBy(() -> new ClientToken(name, List.of(), Optional.empty(), Optional.empty(), Optional.empty(), true))
        .isInstanceOf(InvalidValueException.class);
  }
}
