package dev.outpost.agent.tls;

import dev.outpost.serve.tls.ServerCredentials;
import dev.outpost.serve.tls.SiteCa;
import dev.outpost.serve.tls.SubjectNames;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code outpost tls init}: a site CA (kept and reused on later runs unless a new one is asked
 * for, so clients that trust it keep working) and a new server certificate for the given names.
 */
public final class TlsInit {
  /** Long enough that a site does not have to touch its clients' trust again. */
  public static final Duration CA_VALIDITY = Duration.ofDays(3650);
  /** 397 days: the most public CAs may issue, which clients' policies are modelled on. */
  public static final Duration SERVER_VALIDITY = Duration.ofDays(397);

  private final Clock clock;

  public TlsInit(Clock clock) {
    this.clock = clock;
  }

  /** What was made: the CA (new or reused) and the server certificate. */
  public record Result(SiteTlsFiles files, SiteCa ca, boolean caReused, ServerCredentials server) {}

  public Result run(SiteTlsFiles files, SubjectNames names, boolean newCa) {
    Optional<SiteCa> existing = newCa ? Optional.empty() : files.existingCa();
    if (existing.isPresent() && !existing.get().validAt(clock.instant().plus(Duration.ofDays(1)))) {
      throw new IllegalArgumentException("the site CA in " + files.caCert() + " has expired (or expires within a day): "
          + "pass --new-ca and give clients the new ca.crt");
    }
    SiteCa ca = existing.orElseGet(() -> SiteCa.create(clock, CA_VALIDITY));
    if (existing.isEmpty()) {
      files.writeCa(ca);
    }
    ServerCredentials server = ca.issueServer(names, clock, SERVER_VALIDITY);
    files.writeServer(server);
    return new Result(files, ca, existing.isPresent(), server);
  }
}
