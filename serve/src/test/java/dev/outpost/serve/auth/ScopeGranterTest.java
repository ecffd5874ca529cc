package dev.outpost.serve.auth;

import static dev.outpost.serve.auth.TokenFixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.store.auth.Action;
import dev.outpost.store.auth.ClientToken;
import dev.outpost.store.model.RepositoryName;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScopeGranterTest {
  private final ClientToken team = TokenFixtures.token("team", List.of(
      rule("team/*", Action.CONTENT_READ, Action.METADATA_READ),
      rule("shared/base", Action.CONTENT_READ),
      rule("shared/index", Action.METADATA_READ)), Optional.empty(), true);

  @Test
  void pullGrantsTheReadActionsOfTheScopeMapOnly() {
    GrantedAccess access = ScopeGranter.grant(team, Scope.parseAll(List.of(
        "repository:team/app:pull,push", "repository:shared/base:pull", "repository:shared/index:pull",
        "repository:library/hello:pull")));
    assertThat(access.repositories()).isEqualTo(Map.of(
        RepositoryName.of("team/app"), Set.of(Action.CONTENT_READ, Action.METADATA_READ),
        RepositoryName.of("shared/base"), Set.of(Action.CONTENT_READ),
        RepositoryName.of("shared/index"), Set.of(Action.METADATA_READ)));
    assertThat(access.catalog()).isFalse();
  }

  @Test
  void writeOnlyUnknownAndMalformedScopesAreDropped() {
    GrantedAccess access = ScopeGranter.grant(team, Scope.parseAll(List.of(
        "repository:team/app:push", "repository:team/app:delete,*", "repository:Team/App:pull",
        "repository(plugin):team/app:pull", "registry:catalog:list", "garbage")));
    assertThat(access).isEqualTo(GrantedAccess.NONE);
  }

  @Test
  void catalogNeedsMetadataReadSomewhere() {
    assertThat(ScopeGranter.grant(team, List.of(Scope.catalog())).catalog()).isTrue();
    ClientToken pullOnly = TokenFixtures.token("pullonly", "library/*", Set.of(Action.CONTENT_READ));
    assertThat(ScopeGranter.grant(pullOnly, List.of(Scope.catalog())).catalog()).isFalse();
  }
}
