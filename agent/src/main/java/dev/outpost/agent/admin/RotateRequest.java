package dev.outpost.agent.admin;

import java.time.Instant;

/** The wire form of {@code POST /tokens/<name>/rotate}: the slot (1 or 2) and the new password's expiry (null: none). */
public record RotateRequest(int slot, Instant expiry) {}
