package dev.outpost.store.rocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.store.StoreException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WriteBehindFileTest {
  @TempDir
  Path directory;

  private final ExecutorService executor = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 1000, 4096, WriteBehindFile.BUFFER_BYTES - 1, WriteBehindFile.BUFFER_BYTES,
      WriteBehindFile.BUFFER_BYTES + 1, 3 * WriteBehindFile.BUFFER_BYTES + 7})
  void fileHoldsEveryByteInOrderAfterDrain(int sliceSize) throws Exception {
    byte[] content = TestContent.randomBytes(sliceSize, 5 * WriteBehindFile.BUFFER_BYTES + 12345);
    Path path = directory.resolve("f");
    WriteBehindFile file = new WriteBehindFile(open(path), path, executor);
    for (int i = 0; i < content.length; i += sliceSize) {
      file.append(content, i, Math.min(sliceSize, content.length - i));
    }
    file.force(false);
    assertThat(Files.readAllBytes(path)).isEqualTo(content);
    file.close();
  }

  @Test
  void aFailedBackgroundWriteIsReportedByTheNextCall() throws Exception {
    Path path = directory.resolve("f");
    FileChannel channel = open(path);
    WriteBehindFile file = new WriteBehindFile(channel, path, executor);
    channel.close();
    byte[] content = new byte[WriteBehindFile.BUFFER_BYTES];

    file.append(content, 0, content.length);

    assertThatThrownBy(file::drain).isInstanceOf(StoreException.class).hasMessageContaining(path.toString());
    file.close();
  }

  private static FileChannel open(Path path) throws Exception {
    return FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
  }
}
