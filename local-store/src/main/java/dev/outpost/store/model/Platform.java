package dev.outpost.store.model;

import java.util.Objects;

/**
 * An image platform, {@code os/arch[/variant]}. Used both for the platform of an index entry and
 * for the configured platform filter, where a filter without a variant matches every variant.
 */
public record Platform(String os, String architecture, String variant) {
  public Platform {
    if (os == null || os.isBlank() || architecture == null || architecture.isBlank()) {
      throw new InvalidValueException(InvalidValueException.Kind.PLATFORM, "platform needs os and architecture");
    }
    variant = variant == null || variant.isBlank() ? null : variant;
  }

  /** Parses {@code os/arch} or {@code os/arch/variant}. */
  public static Platform parse(String value) {
    String[] parts = value == null ? new String[0] : value.split("/", -1);
    if (parts.length < 2 || parts.length > 3) {
      throw new InvalidValueException(InvalidValueException.Kind.PLATFORM,
          "platform '" + value + "' is not of the form os/arch[/variant]");
    }
    return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
  }

  /** True when this filter admits {@code candidate}: same os and arch, and same variant if this names one. */
  public boolean admits(Platform candidate) {
    return os.equals(candidate.os) && architecture.equals(candidate.architecture)
        && (variant == null || Objects.equals(variant, candidate.variant));
  }

  @Override
  public String toString() {
    return variant == null ? os + "/" + architecture : os + "/" + architecture + "/" + variant;
  }
}
