package dev.outpost.agent.config;

import dev.outpost.serve.audit.AccessLogFormat;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code serve.accessLog:} one line per request of the registry endpoint (time, client address,
 * token name, method, route, repository, reference, status, bytes, duration; never a secret).
 * {@code format} is {@code json} (default) or {@code logfmt}; without {@code file} the lines go to
 * stdout, with it to that file, rotated when it reaches {@code maxSize} (default {@code 100Mi}),
 * keeping {@code maxFiles} (default 5) old files beside it ({@code FILE.1} … {@code FILE.N}).
 * Leaving {@code serve.accessLog} out writes no access log.
 */
public record AccessLogConfig(String format, Path file, ByteSize maxSize, Integer maxFiles) {
  static final int MAX_FILES_LIMIT = 20; // logback's fixed window refuses more

  public AccessLogConfig {
    format = format == null ? "json" : format.trim().toLowerCase(Locale.ROOT);
    formatOf(format);
    maxSize = maxSize == null ? ByteSize.parse("100Mi") : maxSize;
    maxFiles = maxFiles == null ? 5 : maxFiles;
    if (maxSize.bytes() < 1024) {
      throw new ConfigValueException("serve.accessLog.maxSize", "must be at least 1Ki, such as 100Mi");
    }
    if (maxFiles < 1 || maxFiles > MAX_FILES_LIMIT) {
      throw new ConfigValueException("serve.accessLog.maxFiles", "must be 1 to " + MAX_FILES_LIMIT + ", such as 5");
    }
  }

  /** The format the serve module writes. */
  public AccessLogFormat formatValue() {
    return formatOf(format);
  }

  /** The file to write, or empty for stdout. */
  public Optional<Path> fileValue() {
    return Optional.ofNullable(file);
  }

  private static AccessLogFormat formatOf(String text) {
    return Arrays.stream(AccessLogFormat.values()).filter(f -> f.configName().equals(text)).findFirst()
        .orElseThrow(() -> new ConfigValueException("serve.accessLog.format", "'" + text + "' is not json or logfmt"));
  }
}
