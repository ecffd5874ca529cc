package dev.outpost.sync.engine;

/**
 * A sync setting has a value the engine cannot work with. {@link #setting()} is the setting's name
 * as the configuration spells it ({@code chunkSizeMb}, {@code schedule}), so whoever read the value
 * can point at where it was written; {@link #reason()} says what is wrong without the name.
 */
public final class InvalidSettingException extends IllegalArgumentException {
  private final String setting;
  private final String reason;

  public InvalidSettingException(String setting, String reason) {
    super(setting + ": " + reason);
    this.setting = setting;
    this.reason = reason;
  }

  public InvalidSettingException(String setting, String reason, Throwable cause) {
    this(setting, reason);
    initCause(cause);
  }

  public String setting() {
    return setting;
  }

  public String reason() {
    return reason;
  }
}
