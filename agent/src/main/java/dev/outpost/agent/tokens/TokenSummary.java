package dev.outpost.agent.tokens;

import java.util.List;

/**
 * A token as listed and shown: everything but its password hashes. {@code status} is
 * {@code enabled}, {@code disabled}, or {@code expired} (enabled, but every password has expired).
 */
public record TokenSummary(String name, List<String> scopes, String status, boolean enabled, SlotSummary password1,
    SlotSummary password2) {}
