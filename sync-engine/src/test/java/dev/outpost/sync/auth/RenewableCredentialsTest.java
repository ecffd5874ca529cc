package dev.outpost.sync.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A rejection has the credentials read once more; only different ones are worth another try. */
class RenewableCredentialsTest {
  private static final ParentCredentials OLD = new ParentCredentials("sync", "old");
  private static final ParentCredentials NEW = new ParentCredentials("sync", "new");
  private final AtomicReference<ParentCredentials> file = new AtomicReference<>(OLD);
  private final AtomicInteger reads = new AtomicInteger();
  private final RenewableCredentials credentials = new RenewableCredentials(Optional.of(OLD), () -> {
    reads.incrementAndGet();
    return Optional.of(file.get());
  });

  @Test
  void unchangedCredentialsLetTheRejectionStand() {
    assertThat(credentials.renewAfterRejection(OLD)).isEmpty();
    assertThat(credentials.current()).contains(OLD);
    assertThat(reads).hasValue(1);
  }

  @Test
  void rotatedCredentialsAreReadOnceAndBecomeCurrent() {
    file.set(NEW);

    assertThat(credentials.renewAfterRejection(OLD)).contains(NEW);
    assertThat(credentials.renewAfterRejection(OLD)).contains(NEW); // another request that sent the old ones
    assertThat(credentials.current()).contains(NEW);
    assertThat(reads).hasValue(1);
  }

  @Test
  void anUnreadableFileLetsTheRejectionStand() {
    RenewableCredentials unreadable = new RenewableCredentials(Optional.of(OLD), () -> {
      throw new IllegalStateException("parent.passwordFile: /run/secrets/password does not exist");
    });

    assertThat(unreadable.renewAfterRejection(OLD)).isEmpty();
    assertThat(unreadable.current()).contains(OLD);
  }

  @Test
  void credentialsGivenOnceAreNeverRenewed() {
    assertThat(RenewableCredentials.fixed(Optional.of(OLD)).renewAfterRejection(OLD)).isEmpty();
  }
}
