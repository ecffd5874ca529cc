import java.io.InputStream;
import java.net.URI;
import java.net.HttpURLConnection;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The floor Outpost's sync is compared with: one serial GET of a blob, sha256 and write of each
 * 1 MiB, one fsync at the end. No chunks, no resume, no index. Run as a single-file program:
 * {@code java ReferenceLoop.java URL OUTPUT_FILE}; prints the digest it computed.
 */
public final class ReferenceLoop {
  public static void main(String[] args) throws Exception {
    HttpURLConnection connection = (HttpURLConnection) URI.create(args[0]).toURL().openConnection();
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    try (InputStream in = connection.getInputStream();
        FileChannel out = FileChannel.open(Path.of(args[1]), StandardOpenOption.CREATE,
            StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      byte[] buffer = new byte[1 << 20];
      for (int n; (n = in.readNBytes(buffer, 0, buffer.length)) > 0; ) {
        sha256.update(buffer, 0, n);
        out.write(ByteBuffer.wrap(buffer, 0, n));
      }
      out.force(true);
    }
    System.out.println("sha256:" + HexFormat.of().formatHex(sha256.digest()));
  }
}
