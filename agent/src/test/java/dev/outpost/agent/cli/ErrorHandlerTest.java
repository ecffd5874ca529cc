package dev.outpost.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.agent.config.ConfigException;
import dev.outpost.store.StoreLockedException;
import dev.outpost.sync.http.ParentException;
import dev.outpost.sync.http.UnusableResponseException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The one mapping from failures to exit codes. */
class ErrorHandlerTest {
  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(new ConfigException("x.yaml:3: sync.window: bad"), ExitCodes.CONFIG),
        Arguments.of(new StoreLockedException("in use", null), ExitCodes.STORE_BUSY),
        Arguments.of(new ParentException("401", 401, Optional.empty(), Optional.empty()), ExitCodes.CREDENTIALS_REFUSED),
        Arguments.of(new ParentException("403", 403, Optional.empty(), Optional.empty()), ExitCodes.CREDENTIALS_REFUSED),
        Arguments.of(new ParentException("expired URL", 403, Optional.empty(), Optional.empty(), true), ExitCodes.PARENT_UNREACHABLE),
        Arguments.of(new ParentException("503", 503, Optional.empty(), Optional.empty()), ExitCodes.PARENT_UNREACHABLE),
        Arguments.of(new ConnectException("refused"), ExitCodes.PARENT_UNREACHABLE),
        Arguments.of(new UnusableResponseException("manifest over 4 MiB"), ExitCodes.PARENT_UNREACHABLE),
        Arguments.of(new IllegalArgumentException("bad name"), ExitCodes.USAGE),
        Arguments.of(new IOException("disk"), ExitCodes.INTERNAL));
  }

  @ParameterizedTest
  @MethodSource("failures")
  void mapsEachFailureToItsExitCode(Exception failure, int expected) {
    assertThat(ErrorHandler.exitCodeFor(failure)).isEqualTo(expected);
  }
}
