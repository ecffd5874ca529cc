package dev.outpost.agent.tokens;

import java.time.Instant;
import java.util.List;

/** A token as listed: everything but its password hashes. */
public record TokenSummary(String name, List<String> scopes, Instant expiry, boolean enabled) {}
