package org.cloudooo.it;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.cloudooo.server.CloudoooServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A server started once per test class with only the given registry lines (so no LibreOffice
 * starts); after each test no process of the handler's programs may still run and the job
 * directories must be gone. Register it as a static {@code @RegisterExtension} field.
 */
final class HandlerServer implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {

  private final String registry;
  private final Set<String> programs;
  private CloudoooServer server;
  private XmlRpcTestClient client;

  HandlerServer(String registry, Set<String> programs) {
    this.registry = registry;
    this.programs = Set.copyOf(programs);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    server = start(Map.of());
    client = new XmlRpcTestClient(server.port());
  }

  /** Another server with the same registry and some keys of its own; stop it with TestServers.stop. */
  CloudoooServer start(Map<String, Object> overrides) throws Exception {
    Map<String, Object> all = new HashMap<>(overrides);
    all.put("mimetype_registry", registry);
    return TestServers.start(all);
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    assertNothingLeftBehind(server);
  }

  /** No process of the handler's programs runs any more and the server's job directories are gone. */
  void assertNothingLeftBehind(CloudoooServer someServer) throws Exception {
    MediaFiles.assertNothingLeftBehind(someServer, programs);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    TestServers.stop(server);
  }

  CloudoooServer server() {
    return server;
  }

  XmlRpcTestClient client() {
    return client;
  }
}
