package org.cloudooo.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything read from {@code cloudooo.conf}, once, at start.
 *
 * @param server listen address and HTTP limits
 * @param workingPath root of job directories ({@code tmp/}) and backend profiles
 * @param debug DEBUG logging when true
 * @param queue how long and how many requests may wait for any pool's workers
 * @param registryLines the {@code mimetype_registry} lines, in order
 * @param backendEnvironment the {@code env-*} entries given to every backend process
 * @param ops logging and health check settings
 * @param keys every key, for the handlers: each builds its own settings record from them
 */
public record CloudoooConfig(
    ServerSettings server,
    Path workingPath,
    boolean debug,
    QueueSettings queue,
    List<String> registryLines,
    Map<String, String> backendEnvironment,
    OpsSettings ops,
    SettingsReader keys) {

  /** {@code working_path} when the configuration names none. */
  public static final String DEFAULT_WORKING_PATH = "/tmp/cloudooo";

  /** Directory holding one sub-directory per request; emptied as each request ends. */
  public Path jobRoot() {
    return workingPath.resolve("tmp");
  }

  /**
   * @param host listen address ({@code server.host})
   * @param port listen port, 0 for any free one ({@code server.port})
   * @param maxRequestBytes largest request body accepted ({@code max_request_size})
   * @param shutdownGrace how long a shutdown waits for in-flight requests ({@code shutdown_grace_period})
   * @param drainAdmit how long a draining server still admits new work when /health is polled
   *     ({@code drain_admit_period})
   * @param basicAuth the credentials every request must carry, if required
   * @param tls the keystore to serve HTTPS with, if any
   */
  public record ServerSettings(
      String host, int port, long maxRequestBytes, Duration shutdownGrace, Duration drainAdmit, Optional<BasicAuth> basicAuth, Optional<Tls> tls) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8011;
    public static final long DEFAULT_MAX_REQUEST_BYTES = 256L << 20;
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(60);
    /** HAProxy's checks in packaging/haproxy.cfg take an instance out within about 2 s. */
    public static final Duration DEFAULT_DRAIN_ADMIT = Duration.ofSeconds(3);
  }

  /** HTTP basic authentication credentials ({@code server.auth_user}, {@code server.auth_password}). */
  public record BasicAuth(String user, String password) {
    @Override
    public String toString() {
      return "BasicAuth[user=" + user + ", password=***]";
    }
  }

  /** A keystore (PKCS12 or JKS) holding the server's key and certificate ({@code server.tls_keystore}). */
  public record Tls(Path keystore, String password) {
    @Override
    public String toString() {
      return "Tls[keystore=" + keystore + ", password=***]";
    }
  }
}
