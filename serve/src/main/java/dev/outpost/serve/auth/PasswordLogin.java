package dev.outpost.serve.auth;

import dev.outpost.store.auth.ClientToken;

/**
 * A client token authenticated by the password in one of its slots. Access tokens issued for it
 * record the slot and the password's stamp, so they end when that slot is rotated.
 */
public record PasswordLogin(ClientToken token, int slot) {
  public PasswordLogin {
    token.slot(slot).orElseThrow(() -> new IllegalArgumentException("slot " + slot + " of this token holds no password"));
  }

  /** What an access token issued now must carry to be honoured later. */
  public IssuedFrom issuedFrom() {
    return new IssuedFrom(slot, token.slot(slot).orElseThrow().stamp());
  }
}
