package dev.outpost.sync.select;

/**
 * A repository rule has a value it cannot work with. {@link #setting()} is the rule's key as the
 * configuration spells it ({@code keepLatest}), so whoever read the rule can point at where it was
 * written; {@link #reason()} says what is wrong without the key.
 */
public final class InvalidRuleException extends IllegalArgumentException {
  private final String setting;
  private final String reason;

  public InvalidRuleException(String setting, String reason) {
    super(setting + ": " + reason);
    this.setting = setting;
    this.reason = reason;
  }

  public String setting() {
    return setting;
  }

  public String reason() {
    return reason;
  }
}
