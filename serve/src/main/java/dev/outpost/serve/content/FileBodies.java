package dev.outpost.serve.content;

import java.nio.file.Path;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** How a blob's bytes reach the socket. Two strategies, chosen by measurement (see {@link #DEFAULT}). */
public enum FileBodies {
  /** Memory-mapped segments written directly ({@link MappedFileWriter}). */
  MAPPED {
    @Override
    public void write(Path file, long offset, long length, Response response, Callback callback) {
      MappedFileWriter.write(file, offset, length, response, callback);
    }
  },
  /** Jetty's own path source: reads into pooled direct buffers and writes them. */
  POOLED {
    @Override
    public void write(Path file, long offset, long length, Response response, Callback callback) {
      ByteBufferPool pool = response.getRequest().getComponents().getByteBufferPool();
      Content.Source source = Content.Source.from(new ByteBufferPool.Sized(pool, true, 256 * 1024), file, offset, length);
      Content.copy(source, response, callback);
    }
  };

  public static final FileBodies DEFAULT = MAPPED;

  public abstract void write(Path file, long offset, long length, Response response, Callback callback);
}
