package dev.outpost.sync.registry;

import java.net.Socket;
import java.util.Optional;
import okhttp3.Connection;
import okhttp3.Interceptor;

/**
 * The socket one blob response arrives on, recorded by {@link #RECORDER} for a request tagged with
 * a holder: {@link RangeStream#readReceived} reads with a short timeout on it what was already
 * received when a stop came. OkHttp does not expose a response's connection; a network interceptor
 * sees it, and sees each hop of a redirect, so the holder ends with the socket of the last one, the
 * one the body comes on.
 */
final class BodySocket {
  /** Records, for a request tagged with a {@link BodySocket}, the socket of its connection. */
  static final Interceptor RECORDER = chain -> {
    BodySocket holder = chain.request().tag(BodySocket.class);
    Connection connection = chain.connection();
    if (holder != null && connection != null) {
      holder.socket = connection.socket();
    }
    return chain.proceed(chain.request());
  };

  private volatile Socket socket;

  Optional<Socket> socket() {
    return Optional.ofNullable(socket);
  }
}
