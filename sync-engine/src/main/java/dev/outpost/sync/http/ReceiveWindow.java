package dev.outpost.sync.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The receive buffer of a capped sync's connections: one second of one transfer's share of the
 * cap (the cap divided among the transfers that run at once), at least 64 KiB.
 *
 * <p>Why: the bandwidth budget paces the engine's reads, but the link carries what the parent
 * sends, and TCP lets the parent send as much as the receiver's buffer holds. Left to the kernel,
 * a connection's buffer grows to megabytes (measured over a veth link: 1.2 MB per connection in
 * the first second of a 10 Mbit/s sync, sent at full link speed) and is later resized, so the rate
 * the parent sent at swung between −84% and +37% of the cap from one second to the next while the
 * reads stayed on it. A buffer set before the socket connects is left alone by the kernel: what the link carries
 * beyond the cap is then bounded by the buffers, and after they fill the parent sends at the rate
 * the engine reads at ({@code CapAtTheParentTest}).
 *
 * <p>One second of the share: Linux gives the socket twice what is asked (half for its own
 * bookkeeping), so each transfer may have about a second of its share in flight, enough to keep its
 * share over a geostationary satellite's 0.6 s round trip. A larger buffer would make the parent's
 * rate coarser: the kernel opens a window in steps that grow with the buffer. The 64 KiB floor keeps
 * room for several dozen packets at the lowest caps, so a window never shrinks to a packet or two
 * at a time, each waiting for a delayed acknowledgement.
 *
 * <p>Not set when that is more than the system lets a socket have ({@code net.core.rmem_max}): the
 * kernel would cut it, and a cut buffer can hold a long link below the cap. A cap that high is left
 * to the kernel's tuning.
 */
public final class ReceiveWindow {
  static final int MINIMUM = 64 * 1024;
  private static final Path RMEM_MAX = Path.of("/proc/sys/net/core/rmem_max");

  private ReceiveWindow() {}

  /** The buffer for a sync capped at {@code bytesPerSecond} over {@code transfers} at once, on this machine. */
  public static OptionalInt forCap(long bytesPerSecond, int transfers) {
    return forCap(bytesPerSecond, transfers, systemMaximum());
  }

  /** As {@link #forCap(long, int)} where a socket may have at most {@code systemMax} (empty: unknown). */
  static OptionalInt forCap(long bytesPerSecond, int transfers, OptionalLong systemMax) {
    long wanted = Math.max(MINIMUM, bytesPerSecond / Math.max(1, transfers));
    if (wanted > Integer.MAX_VALUE || systemMax.isEmpty() || wanted > systemMax.getAsLong()) {
      return OptionalInt.empty();
    }
    return OptionalInt.of((int) wanted);
  }

  static OptionalLong systemMaximum() {
    // Read as a stream: a /proc file reports size 0, and Files.readString then returned only its
    // first byte (JDK 25), which silently left every buffer to the kernel.
    try (InputStream in = Files.newInputStream(RMEM_MAX)) {
      return OptionalLong.of(Long.parseLong(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim()));
    } catch (IOException | NumberFormatException | SecurityException e) {
      return OptionalLong.empty(); // not Linux, or hidden: leave the buffer to the system
    }
  }
}
