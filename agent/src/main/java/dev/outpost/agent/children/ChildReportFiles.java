package dev.outpost.agent.children;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outpost.agent.json.Json;
import dev.outpost.serve.children.ChildReports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest report of each child Outpost, one JSON file per client token under
 * {@code <storage>/children/}, replaced atomically: readable by {@code outpost status --children}
 * whether or not {@code run} holds the store. Keyed by the token the child authenticated with, so a
 * child cannot overwrite another's report by claiming its name.
 */
public final class ChildReportFiles implements ChildReports {
  private static final Logger LOG = LoggerFactory.getLogger(ChildReportFiles.class);
  static final String FOLDER = "children";
  private static final ObjectMapper JSON = Json.newMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path folder;
  private final Clock clock;

  private ChildReportFiles(Path folder, Clock clock) {
    this.folder = folder;
    this.clock = clock;
  }

  public static ChildReportFiles at(Path storage, Clock clock) {
    return new ChildReportFiles(storage.resolve(FOLDER), clock);
  }

  @Override
  public void accept(String token, byte[] body) {
    ChildReport report;
    try {
      report = JSON.readValue(body, ChildReport.class).received(token, clock.instant());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      Files.createDirectories(folder);
      // Token names are [a-zA-Z0-9-] (ClientToken.requireName): safe as a file name.
      Path file = folder.resolve(token + ".json");
      Path temporary = Files.createTempFile(folder, token, ".tmp");
      Files.write(temporary, JSON.writeValueAsBytes(report));
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the report of child " + token + " under " + folder, e);
    }
  }

  /** Every child's latest report, by name; a file that cannot be read is skipped with a warning. */
  public List<ChildReport> all() {
    List<ChildReport> reports = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      return reports;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.json")) {
      for (Path file : files) {
        try {
          reports.add(JSON.readValue(file.toFile(), ChildReport.class));
        } catch (IOException e) {
          LOG.warn("skipping the child report {}: {}", file, e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
    reports.sort(Comparator.comparing(ChildReport::name).thenComparing(ChildReport::token));
    return reports;
  }
}
