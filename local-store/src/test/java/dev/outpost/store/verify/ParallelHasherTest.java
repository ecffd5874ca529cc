package dev.outpost.store.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.store.StoreException;
import dev.outpost.store.model.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parallel hashing behind {@code verify}: every kind of bad file is found, results come back
 * in submission order whatever the threads' timing, and no more than {@code 2 x threads} files
 * are ever pending.
 */
class ParallelHasherTest {
  @TempDir
  Path dir;

  private record File(Path path, Digest digest, long size) {}

  private File write(String name, int size, long seed) throws IOException {
    byte[] content = new byte[size];
    new Random(seed).nextBytes(content);
    Path path = Files.write(dir.resolve(name), content);
    return new File(path, Digest.sha256(content), size);
  }

  @Test
  void findsEachKindOfBadFileAndCountsTheBytesHashed() throws IOException {
    File good = write("good", 3 * ParallelHasher.BUFFER_BYTES + 17, 1);
    File flipped = write("flipped", 1000, 2);
    byte[] bytes = Files.readAllBytes(flipped.path());
    bytes[500] ^= 1;
    Files.write(flipped.path(), bytes);
    File truncated = write("truncated", 1000, 3);
    Files.write(truncated.path(), new byte[10]);
    File missing = write("missing", 1000, 4);
    Files.delete(missing.path());

    List<ParallelHasher.Result> results = new ArrayList<>();
    try (ParallelHasher hasher = new ParallelHasher(2)) {
      for (File file : List.of(good, flipped, truncated, missing)) {
        hasher.submit(file.path(), file.digest(), file.size(), results::add);
      }
      hasher.finish();
    }

    assertThat(results).extracting(ParallelHasher.Result::bytesHashed).containsExactly(good.size(), 1000L, 0L, 0L);
    assertThat(results.get(0).problem()).isEmpty();
    assertThat(results.get(1).problem()).hasValueSatisfying(p -> assertThat(p).contains("hash to"));
    assertThat(results.get(2).problem()).hasValue("index: 1000 bytes, file: 10");
    assertThat(results.get(3).problem()).hasValue("no file " + missing.path());
  }

  @Test
  void handsResultsBackInSubmissionOrderWhenALaterSmallFileFinishesFirst() throws IOException {
    List<File> files = new ArrayList<>();
    files.add(write("big", 8 << 20, 5)); // takes its thread far longer than the small ones take the other
    for (int i = 0; i < 20; i++) {
      files.add(write("small" + i, 100 + i, 10 + i));
    }
    List<Long> sizes = new ArrayList<>();
    try (ParallelHasher hasher = new ParallelHasher(2)) {
      for (File file : files) {
        hasher.submit(file.path(), file.digest(), file.size(), result -> sizes.add(result.bytesHashed()));
      }
      hasher.finish();
    }
    assertThat(sizes).containsExactlyElementsOf(files.stream().map(File::size).toList());
  }

  @Test
  void keepsNoMoreThanTwoFilesPerThreadPending() throws IOException {
    List<Optional<String>> handled = new ArrayList<>();
    try (ParallelHasher hasher = new ParallelHasher(1)) {
      for (int i = 0; i < 5; i++) {
        File file = write("f" + i, 100, i);
        hasher.submit(file.path(), file.digest(), file.size(), result -> handled.add(result.problem()));
      }
      assertThat(handled).hasSize(3); // 5 submitted, at most 2 still pending
      hasher.finish();
    }
    assertThat(handled).hasSize(5).allMatch(Optional::isEmpty);
  }

  @Test
  void aFileThatCannotBeReadFailsTheRunNamingIt() throws IOException {
    Path directory = Files.createDirectory(dir.resolve("not-a-file"));
    try (ParallelHasher hasher = new ParallelHasher(2)) {
      hasher.submit(directory, Digest.sha256(new byte[0]), Files.size(directory), result -> {});
      assertThatThrownBy(hasher::finish).isInstanceOf(StoreException.class).hasMessageContaining(directory.toString());
    }
  }

  @Test
  void refusesZeroThreads() {
    assertThatThrownBy(() -> new ParallelHasher(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
