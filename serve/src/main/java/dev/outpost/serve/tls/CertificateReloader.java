package dev.outpost.serve.tls;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves new certificate files without a restart. While started, it reads both files every
 * {@link TlsSettings#pollInterval()} and compares their contents with what is being served. Polling
 * the contents, rather than watching for file events, follows every way the files change: an
 * in-place write, a rename, and the symlink swap of a Kubernetes Secret volume (where the files'
 * own paths never see an event). Changed and usable files are handed to Jetty's
 * {@link SslContextFactory#reload}: connections already open keep the SSL context they shook hands
 * with, and every new connection gets the new certificate. Changed but unusable files (say the
 * certificate was written and the key not yet) are logged once and the previous pair stays in
 * service until a later poll finds a usable pair.
 */
public final class CertificateReloader extends AbstractLifeCycle {
  private static final Logger LOG = LoggerFactory.getLogger(CertificateReloader.class);

  private final SslContextFactory.Server factory;
  private final TlsSettings settings;
  private final char[] keyStorePassword;
  private ServerCredentials served;
  private byte[] servedFiles;
  private byte[] refusedFiles;
  /** Why the files could not be read at the last poll, if they could not: warned once per reason. */
  private String unreadable;
  private ScheduledExecutorService poller;

  CertificateReloader(SslContextFactory.Server factory, TlsSettings settings, char[] keyStorePassword,
      TlsFileContents initialFiles, ServerCredentials initial) {
    this.factory = factory;
    this.settings = settings;
    this.keyStorePassword = keyStorePassword.clone();
    this.served = initial;
    this.servedFiles = initialFiles.fingerprint();
  }

  /** The pair new connections get now. */
  public synchronized ServerCredentials served() {
    return served;
  }

  /**
   * Reads the files once and, if they changed and are usable, reloads. Returns whether the served
   * pair changed. Never throws for bad files: serving continues with the previous pair.
   */
  public synchronized boolean checkNow() {
    TlsFileContents files;
    try {
      files = TlsFileContents.read(settings);
    } catch (TlsMaterialException e) {
      // Warned once per reason, not on every poll while the files stay unreadable.
      if (!Objects.equals(e.getMessage(), unreadable)) {
        LOG.warn("the TLS files cannot be read, still serving {}: {}", served, e.getMessage());
      }
      unreadable = e.getMessage();
      refusedFiles = null;
      return false;
    }
    unreadable = null;
    byte[] fingerprint = files.fingerprint();
    if (MessageDigest.isEqual(fingerprint, servedFiles) || MessageDigest.isEqual(fingerprint, refusedFiles)) {
      return false;
    }
    ServerCredentials next;
    try {
      next = ServerCredentials.parse(files, settings);
      factory.reload(f -> f.setKeyStore(next.toKeyStore(keyStorePassword)));
    } catch (Exception e) {
      LOG.warn("the TLS files changed but cannot be served yet, still serving {}: {}", served, e.getMessage());
      refusedFiles = fingerprint;
      return false;
    }
    LOG.info("serving the new TLS certificate from {}: {}, expires {} (connections already open keep the previous one)",
        settings.certFile(), next, Instant.ofEpochMilli(next.certificate().getNotAfter().getTime()));
    served = next;
    servedFiles = fingerprint;
    refusedFiles = null;
    return true;
  }

  @Override
  protected void doStart() {
    poller = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().daemon().name("outpost-tls-reload").factory());
    long interval = settings.pollInterval().toMillis();
    poller.scheduleWithFixedDelay(this::pollQuietly, interval, interval, TimeUnit.MILLISECONDS);
  }

  @Override
  protected void doStop() {
    poller.shutdownNow();
  }

  private void pollQuietly() {
    try {
      checkNow();
    } catch (RuntimeException e) {
      // A throw would cancel every later poll: log it and try again next time.
      LOG.warn("checking the TLS files failed: {}", e.toString());
    }
  }
}
