package dev.outpost.agent.config;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns a failure to bind the YAML onto the configuration records into one line,
 * {@code FILE:LINE: key.path: reason}, with the line of the key the error is about (see
 * {@link KeyLines} for why Jackson's own location is not used) and a reason free of Java type names.
 */
final class BindingErrors {
  private BindingErrors() {}

  static ConfigException describe(String source, String text, JsonMappingException e) {
    String key;
    String reason;
    ConfigValueException refused = refusedValue(e);
    if (refused != null) {
      key = refused.key();
      reason = refused.reason();
    } else {
      key = keyPath(e);
      reason = reason(e);
    }
    int line = KeyLines.of(text).lineOf(key);
    return new ConfigException(source + ":" + line + ": " + (key.isEmpty() ? "" : key + ": ") + reason, e);
  }

  private static String reason(JsonMappingException e) {
    if (e instanceof UnrecognizedPropertyException unknown) {
      List<String> known = unknown.getKnownPropertyIds().stream().map(String::valueOf).toList();
      return KeyHints.unknownKey(unknown.getPropertyName(), known);
    }
    if (e instanceof ScalarDeserializer.Refused refused) {
      return refused.getOriginalMessage();
    }
    if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      String expected = expected(mismatch.getTargetType());
      if (expected != null) {
        return mismatch instanceof InvalidFormatException format && format.getValue() != null
            ? "'" + format.getValue() + "' is not " + expected
            : "expected " + expected;
      }
    }
    Throwable root = rootCause(e);
    return root instanceof IllegalArgumentException && root != e ? root.getMessage() : e.getOriginalMessage();
  }

  /** What a Java type Jackson binds itself means in YAML terms, or null when there are no plain words for it. */
  private static String expected(Class<?> type) {
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a single value";
    }
    if (List.class.isAssignableFrom(type)) {
      return "a list such as [a, b]";
    }
    return type.isRecord() ? "keys (key: value)" : null;
  }

  private static ConfigValueException refusedValue(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConfigValueException refused) {
        return refused;
      }
    }
    return null;
  }

  private static String keyPath(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }

  private static Throwable rootCause(Throwable t) {
    Throwable current = t;
    while (current.getCause() != null && current.getCause() != current) {
      current = current.getCause();
    }
    return current;
  }
}
