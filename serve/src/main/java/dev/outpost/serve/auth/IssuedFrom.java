package dev.outpost.serve.auth;

/**
 * Which password an access token was obtained with: the slot and that password's stamp (see
 * {@link dev.outpost.store.auth.PasswordSlot#stamp()}). Carried in the token as claims, checked
 * against the live client token on every request.
 */
public record IssuedFrom(int slot, String stamp) {}
