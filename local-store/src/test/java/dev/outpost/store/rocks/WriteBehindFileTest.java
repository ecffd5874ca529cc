package dev.outpost.store.rocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.store.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WriteBehindFileTest {
  @TempDir
  Path directory;

  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final DirectBuffers buffers = new DirectBuffers(WriteBehindFile.BUFFER_BYTES, 4);

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
    WriteBehindFile file = new WriteBehindFile(open(path), path, executor, buffers);
    for (int i = 0; i < content.length; i += sliceSize) {
      file.append(content, i, Math.min(sliceSize, content.length - i));
    }
    file.drain();
    file.force(false);
    assertThat(Files.readAllBytes(path)).isEqualTo(content);
    file.close();
  }

  @Test
  void aFailedBackgroundWriteIsReportedByTheNextCall() throws Exception {
    Path path = directory.resolve("f");
    FileChannel channel = open(path);
    WriteBehindFile file = new WriteBehindFile(channel, path, executor, buffers);
    channel.close();
    byte[] content = new byte[WriteBehindFile.BUFFER_BYTES];

    file.append(content, 0, content.length);

    assertThatThrownBy(file::drain).isInstanceOf(StoreException.class).hasMessageContaining(path.toString());
    file.close();
  }

  @Test
  void closeWaitsForTheFsyncBehindEvenWhenAWriteFailed() throws Exception {
    Path path = directory.resolve("f");
    ScriptedChannel channel = new ScriptedChannel(open(path));
    WriteBehindFile file = new WriteBehindFile(channel, path, executor, buffers);
    file.append(new byte[10], 0, 10);
    file.drain();
    file.forceBehind();
    assertThat(channel.forceStarted.await(10, TimeUnit.SECONDS)).isTrue();
    channel.failWrites = true;
    byte[] full = new byte[WriteBehindFile.BUFFER_BYTES];
    file.append(full, 0, full.length);

    Thread closing = Thread.ofPlatform().start(file::close);
    closing.join(300);
    channel.releaseForce.countDown();
    closing.join(10_000);

    assertThat(closing.isAlive()).isFalse();
    assertThat(channel.closedDuringForce).isFalse();
    assertThat(channel.isOpen()).isFalse();
  }

  /**
   * Fails writes on demand and holds every fsync until released, noting whether the channel was
   * closed while one was still running.
   */
  private static final class ScriptedChannel extends FileChannel {
    private final FileChannel file;
    final CountDownLatch forceStarted = new CountDownLatch(1);
    final CountDownLatch releaseForce = new CountDownLatch(1);
    volatile boolean failWrites;
    volatile boolean forcing;
    volatile boolean closedDuringForce;

    ScriptedChannel(FileChannel file) {
      this.file = file;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      if (failWrites) {
        throw new IOException("scripted write failure");
      }
      return file.write(src);
    }

    @Override
    public void force(boolean metaData) throws IOException {
      forcing = true;
      forceStarted.countDown();
      try {
        releaseForce.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      } finally {
        forcing = false;
      }
      file.force(metaData);
    }

    @Override
    protected void implCloseChannel() throws IOException {
      closedDuringForce |= forcing;
      file.close();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      return file.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
      return file.read(dsts, offset, length);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
      throw new UnsupportedOperationException();
    }

    @Override
    public long position() throws IOException {
      return file.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
      file.position(newPosition);
      return this;
    }

    @Override
    public long size() throws IOException {
      return file.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
      file.truncate(size);
      return this;
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) {
      throw new UnsupportedOperationException();
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      return file.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src, long position) {
      throw new UnsupportedOperationException();
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) {
      throw new UnsupportedOperationException();
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) {
      throw new UnsupportedOperationException();
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) {
      throw new UnsupportedOperationException();
    }
  }

  private static FileChannel open(Path path) throws Exception {
    return FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
  }

  @Test
  void closeHandsBothBuffersBackOnceAndTheNextFileReusesThem() throws Exception {
    Path path = directory.resolve("f");
    WriteBehindFile first = new WriteBehindFile(open(path), path, executor, buffers);
    first.append(new byte[WriteBehindFile.BUFFER_BYTES + 10], 0, WriteBehindFile.BUFFER_BYTES + 10);
    first.close();
    first.close();
    assertThat(buffers.idleCount()).isEqualTo(2);

    Path other = directory.resolve("g");
    WriteBehindFile second = new WriteBehindFile(open(other), other, executor, buffers);
    assertThat(buffers.idleCount()).isZero();
    second.append(new byte[] {1, 2, 3}, 0, 3);
    second.drain();
    second.close();
    // A reused buffer starts empty: the new file has only its own bytes.
    assertThat(Files.readAllBytes(other)).containsExactly(1, 2, 3);
  }
}
