package dev.outpost.agent.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.outpost.store.auth.RepositoryPattern;
import dev.outpost.store.model.Platform;
import dev.outpost.sync.link.Bandwidth;
import dev.outpost.sync.select.RepositoryRule;
import dev.outpost.sync.select.TagPattern;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the YAML configuration. Every error names the file, the line and the key
 * ({@code config.yaml:7: sync.window: …}); unknown keys are errors, because a misspelt key silently
 * ignored is a sync window silently ignored. {@code ACR_REGISTRY_CONNECTION_STRING} in the
 * environment supplies {@code parent.connectionString} when the file names no parent.
 */
public final class ConfigLoader {
  public static final String CONNECTION_STRING_ENV = "ACR_REGISTRY_CONNECTION_STRING";

  private final ObjectMapper mapper;
  private final Map<String, String> environment;

  public ConfigLoader(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
    this.mapper = newMapper();
  }

  public OutpostConfig load(Path file) {
    String text = read(file);
    OutpostConfig config = parse(file.toString(), text);
    return withEnvironment(config);
  }

  /** Parses configuration text; {@code source} names it in errors. */
  public OutpostConfig parse(String source, String text) {
    if (text.isBlank()) {
      throw new ConfigException(source + ":1: storage.path: required; the file is empty");
    }
    try {
      return mapper.readValue(text, OutpostConfig.class);
    } catch (JsonMappingException e) {
      if (e.getCause() instanceof StreamReadException syntax) {
        throw syntaxError(source, syntax);
      }
      throw BindingErrors.describe(source, text, e);
    } catch (StreamReadException e) {
      throw syntaxError(source, e);
    } catch (JsonProcessingException e) {
      throw new ConfigException(source + lineOf(e.getLocation()) + ": " + e.getOriginalMessage(), e);
    }
  }

  /** SnakeYAML's message is several lines: what it was reading, where, and what it found there. */
  private static ConfigException syntaxError(String source, StreamReadException e) {
    String summary = e.getOriginalMessage().lines()
        .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
        .collect(Collectors.joining(", "));
    return new ConfigException(source + lineOf(e.getLocation()) + ": not valid YAML: "
        + (summary.isEmpty() ? "syntax error" : summary), e);
  }

  private OutpostConfig withEnvironment(OutpostConfig config) {
    String fromEnv = environment.get(CONNECTION_STRING_ENV);
    if (fromEnv == null || fromEnv.isBlank() || config.parentIfConfigured().isPresent()) {
      return config;
    }
    return new OutpostConfig(config.storage(), ParentConfig.ofConnectionString(fromEnv), config.sync(),
        config.serve(), config.admin(), config.store(), config.imports(), config.notifications());
  }

  private static String lineOf(JsonLocation location) {
    return location == null || location.getLineNr() <= 0 ? "" : ":" + location.getLineNr();
  }

  private static String read(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (NoSuchFileException e) {
      throw new ConfigException("config file " + file + " does not exist");
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
    }
  }

  private static ObjectMapper newMapper() {
    SimpleModule values = new SimpleModule("outpost-config-values");
    values.addDeserializer(RepositoryPattern.class,
        new ScalarDeserializer<>(RepositoryPattern.class, RepositoryPattern::parse, "team/* or library/hello"));
    values.addDeserializer(RepositoryRule.class, new RepositoryRuleDeserializer());
    values.addDeserializer(TagPattern.class,
        new ScalarDeserializer<>(TagPattern.class, TagPattern::parse, "v* or regex:^v[0-9]+$"));
    values.addDeserializer(Platform.class, new ScalarDeserializer<>(Platform.class, Platform::parse, "linux/amd64"));
    values.addDeserializer(ListenAddress.class,
        new ScalarDeserializer<>(ListenAddress.class, ListenAddress::parse, "127.0.0.1:8080"));
    values.addDeserializer(Duration.class, new ScalarDeserializer<>(Duration.class, ConfigLoader::duration, "PT4H"));
    values.addDeserializer(Bandwidth.class,
        new ScalarDeserializer<>(Bandwidth.class, Bandwidth::parse, "20Mbit or 2.5MB"));
    values.addDeserializer(ByteSize.class, new ScalarDeserializer<>(ByteSize.class, ByteSize::parse, "200Gi"));
    values.addDeserializer(Path.class, new ScalarDeserializer<>(Path.class, Path::of, "/var/lib/outpost"));
    return new ObjectMapper(new YAMLFactory())
        .registerModule(values)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  private static Duration duration(String text) {
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 duration such as PT4H or PT30M");
    }
  }
}
