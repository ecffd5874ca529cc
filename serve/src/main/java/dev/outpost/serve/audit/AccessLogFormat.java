package dev.outpost.serve.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** How an {@link AccessRecord} is written: one JSON object per line, or logfmt ({@code key=value …}). */
public enum AccessLogFormat {
  JSON {
    @Override
    public String format(AccessRecord record) {
      try {
        return MAPPER.writeValueAsString(fields(record));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot write an access record", e);
      }
    }
  },
  LOGFMT {
    @Override
    public String format(AccessRecord record) {
      StringBuilder line = new StringBuilder();
      fields(record).forEach((key, value) -> {
        if (!line.isEmpty()) {
          line.append(' ');
        }
        line.append(key).append('=').append(logfmtValue(String.valueOf(value)));
      });
      return line.toString();
    }
  };

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern BARE = Pattern.compile("[A-Za-z0-9._:/@+*-]+");

  public abstract String format(AccessRecord record);

  /** The name as the configuration writes it ({@code json}, {@code logfmt}). */
  public String configName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  private static Map<String, Object> fields(AccessRecord r) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("time", DateTimeFormatter.ISO_INSTANT.format(r.time()));
    fields.put("client", r.client());
    fields.put("token", r.token());
    fields.put("method", r.method());
    fields.put("route", r.route());
    fields.put("repository", r.repository());
    fields.put("reference", r.reference());
    fields.put("status", r.status());
    fields.put("bytes", r.bytes());
    fields.put("duration_ms", r.durationMillis());
    return fields;
  }

  /** Values that are not a plain token are quoted, with quotes, backslashes and controls escaped. */
  private static String logfmtValue(String value) {
    if (BARE.matcher(value).matches()) {
      return value;
    }
    StringBuilder quoted = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        case '\n' -> quoted.append("\\n");
        default -> quoted.append(c < 0x20 ? ' ' : c);
      }
    }
    return quoted.append('"').toString();
  }
}
