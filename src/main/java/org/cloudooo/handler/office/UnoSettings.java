package org.cloudooo.handler.office;

import java.time.Duration;
import java.util.List;
import org.cloudooo.config.SettingsReader;

/**
 * The UNO pass-through: UNO clients (pyuno, Java, C++ scripts) connect to the server as to a
 * plain LibreOffice and are relayed to one worker of the office pool for as long as their
 * bridge lives, as the original office daemon did. Off unless {@code uno_accept} is set.
 *
 * @param accept where to listen ({@code uno_accept}); empty when the pass-through is off
 * @param maxSessions sessions served at once ({@code uno_max_sessions}); default one less than
 *     {@code pool_size} (at least 1), so that XML-RPC conversions always find a worker
 * @param sessionTimeout longest session; a longer one is cut and its worker restarted
 *     ({@code uno_session_timeout})
 * @param allowedClients addresses and CIDR ranges served over TCP ({@code uno_allowed_clients}); loopback when
 *     none is given
 */
public record UnoSettings(String accept, int maxSessions, Duration sessionTimeout, List<String> allowedClients) {

  public static final String DEFAULT_ACCEPT = "";
  public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(600);
  /** Loopback only. */
  public static final List<String> DEFAULT_ALLOWED_CLIENTS = List.of("127.0.0.0/8", "::1");

  /** {@code uno_max_sessions} when unset: all workers but one, at least one. */
  public static int defaultMaxSessions(int poolSize) {
    return Math.max(1, poolSize - 1);
  }

  public boolean enabled() {
    return !accept.isBlank();
  }

  /** Reads the pass-through keys; checks the connection string and the client list at once. */
  public static UnoSettings from(SettingsReader keys, int poolSize) {
    List<String> allowed = keys.lines("uno_allowed_clients");
    var settings = new UnoSettings(
        keys.string("uno_accept", DEFAULT_ACCEPT).trim(),
        keys.integer("uno_max_sessions", 1, 64, defaultMaxSessions(poolSize)),
        keys.positiveSeconds("uno_session_timeout", DEFAULT_SESSION_TIMEOUT),
        allowed.isEmpty() ? DEFAULT_ALLOWED_CLIENTS : allowed);
    if (settings.enabled()) {
      UnoAccept.parse(settings.accept());
    }
    AllowedClients.parse(settings.allowedClients());
    return settings;
  }
}
