package dev.outpost.agent.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outpost.agent.json.Json;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The small JSON files the import side keeps under the storage path. A file is replaced whole (a
 * synced temporary file renamed over it), so a reader, or a crash, never sees half of one.
 */
final class JsonFiles {
  static final ObjectMapper JSON = Json.newMapper();

  private JsonFiles() {}

  static void write(Path file, Object value) throws IOException {
    Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.write(temporary, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(value));
    try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
