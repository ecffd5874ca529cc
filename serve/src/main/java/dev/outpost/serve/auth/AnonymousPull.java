package dev.outpost.serve.auth;

import dev.outpost.store.auth.Action;
import dev.outpost.store.auth.ClientToken;
import dev.outpost.store.auth.RepositoryPattern;
import dev.outpost.store.auth.ScopeRule;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Repositories anyone may pull without credentials ({@code serve.anonymous}), off when empty.
 * Anonymous callers get {@code content/read} only: manifests and blobs (GET and HEAD). Tag lists and
 * the catalog still need a client token, so an anonymous caller learns no name it was not given, and
 * nothing of the repositories outside the list (their replies are the usual 401 challenge).
 *
 * <p>The rights are expressed as a client token that is never stored and holds no password, so the
 * scope-map rules decide for anonymous callers exactly as they do for everyone else.
 */
public record AnonymousPull(List<RepositoryPattern> repositories) {
  public static final AnonymousPull NONE = new AnonymousPull(List.of());
  /** Subject of access tokens issued without credentials: not a valid token name, so never confused with one. */
  static final String SUBJECT = "(anonymous)";
  private static final String NAME = "anonymous";

  public AnonymousPull {
    repositories = List.copyOf(repositories);
  }

  public boolean enabled() {
    return !repositories.isEmpty();
  }

  /** The rights of an anonymous caller as a scope map (named {@code anonymous}, never stored, no password). */
  ClientToken asToken() {
    List<ScopeRule> rules = repositories.stream().map(p -> new ScopeRule(p, Set.of(Action.CONTENT_READ))).toList();
    return new ClientToken(NAME, rules, Optional.empty(), Optional.empty(), true);
  }
}
