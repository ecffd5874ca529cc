package dev.outpost.serve.tls;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.bouncycastle.util.IPAddress;

/**
 * The names a server certificate is valid for: DNS names (a leading {@code *.} allowed) and IP
 * address literals. Validated here so a typo fails before a certificate is made; an IP is never
 * looked up, only parsed.
 */
public record SubjectNames(List<String> dns, List<String> ips) {
  private static final Pattern DNS_NAME = Pattern.compile(
      "(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

  public SubjectNames {
    dns = dns.stream().map(d -> d.toLowerCase(Locale.ROOT)).toList();
    ips = List.copyOf(ips);
    if (dns.isEmpty() && ips.isEmpty()) {
      throw new IllegalArgumentException("give at least one --dns NAME or --ip ADDR: the names clients use to reach Outpost");
    }
    for (String name : dns) {
      if (name.length() > 253 || !DNS_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("--dns '" + name + "' is not a DNS name such as outpost.factory.example");
      }
    }
    for (String ip : ips) {
      if (!IPAddress.isValid(ip)) {
        throw new IllegalArgumentException("--ip '" + ip + "' is not an IPv4 or IPv6 address");
      }
    }
  }

  /** The name to show first: the first DNS name, else the first IP. */
  public String primary() {
    return dns.isEmpty() ? ips.getFirst() : dns.getFirst();
  }
}
