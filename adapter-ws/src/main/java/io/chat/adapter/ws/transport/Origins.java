package io.chat.adapter.ws.transport;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The browser origins allowed to connect, for CORS on polling and for WebSocket upgrades. A request
 * without {@code Origin} is not from a browser page and is let through (its token still decides);
 * neither is a page of this very server (same origin), whatever port it was given.
 */
public final class Origins {
  private final Set<String> allowed;
  private final boolean any;

  public Origins(List<String> allowed) {
    this.allowed = allowed.stream().map(Origins::normalise).collect(Collectors.toUnmodifiableSet());
    this.any = allowed.contains("*");
  }

  private boolean listed(String origin) {
    return origin == null || any || allowed.contains(normalise(origin));
  }

  /**
   * Whether {@code request}, from {@code origin} (null when it sent none), may connect: no origin,
   * a listed one, or a page of this server (scheme and host as asked).
   */
  public boolean allows(String origin, HttpServletRequest request) {
    if (listed(origin)) {
      return true;
    }
    String host = request.getHeader("Host");
    return host != null && normalise(origin).equals(normalise(request.getScheme() + "://" + host));
  }

  private static String normalise(String origin) {
    String trimmed = origin.strip().toLowerCase(Locale.ROOT);
    return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
  }
}
