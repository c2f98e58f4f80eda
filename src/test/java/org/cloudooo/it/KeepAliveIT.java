package org.cloudooo.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.cloudooo.server.CloudoooServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Given a client that keeps its connection open between calls, when the server answers before
 * the request's body has arrived whole, then the answer says {@code Connection: close} and the
 * server closes, so that the client's next call goes on a new connection and is answered.
 */
@SuppressWarnings("unchecked")
class KeepAliveIT {

  private static final int LIMIT = 100_000;
  private static final String LIST_METHODS =
      "<?xml version='1.0'?><methodCall><methodName>system.listMethods</methodName><params></params></methodCall>";
  private static final String HELP_START =
      "<?xml version='1.0'?><methodCall><methodName>system.methodHelp</methodName><params><param><value><string>";

  private static CloudoooServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServers.wireOnly(Map.of("max_request_size", LIMIT));
  }

  @AfterAll
  static void stop() {
    TestServers.stop(server);
  }

  @Test
  void answeredCallsKeepTheConnection() throws Exception {
    try (var connection = new RawHttpConnection(server.port())) {
      for (int call = 0; call < 3; call++) {
        connection.post("/RPC2", LIST_METHODS);
        var answer = connection.read();
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Connection")).isNull();
        assertThat((List<Object>) XmlRpcTestClient.parseResponse(answer.body())).contains("convertFile");
      }
      assertThat(connection.closedByServer()).isFalse();
    }
  }

  @Test
  void aCallDeclaredOverTheLimitIsAnsweredThenTheConnectionCloses() throws Exception {
    // The fault goes out before the body is read: the declared length alone is over the limit.
    String head = "POST /RPC2 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\nContent-Length: "
        + (2 * LIMIT) + "\r\n\r\n";
    assertAnsweredThenClosed(head + HELP_START, "RequestTooLarge:", "max_request_size");
  }

  @Test
  void aChunkedCallGrowingOverTheLimitIsAnsweredThenTheConnectionCloses() throws Exception {
    // More than the limit is sent, but not the end of the body: the server stops reading at the limit.
    String chunk = HELP_START + "x".repeat(LIMIT + 10_000);
    String head = "POST /RPC2 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\nTransfer-Encoding: chunked\r\n\r\n";
    assertAnsweredThenClosed(head + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n",
        "RequestTooLarge:", "max_request_size");
  }

  @Test
  void aCallMalformedBeforeItsEndIsAnsweredThenTheConnectionCloses() throws Exception {
    // The parser gives up at the stray end tag, long before the declared end of the body.
    String malformed = "<?xml version='1.0'?><methodCall><methodName>x</wrong>" + " ".repeat(30_000);
    String head = "POST /RPC2 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\nContent-Length: "
        + (LIMIT - 1) + "\r\n\r\n";
    assertAnsweredThenClosed(head + malformed, "ParseError:", "methodName");
  }

  @Test
  void aRefusedStopWithABodyIsAnsweredThenTheConnectionCloses() throws Exception {
    try (var connection = new RawHttpConnection(server.port())) {
      connection.send("POST /admin/stop HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n{\"please\":");
      var answer = connection.read();
      assertThat(answer.status()).isEqualTo(403);
      assertThat(answer.header("Connection")).isEqualTo("close");
      assertThat(connection.closedByServer()).isTrue();
    }
    assertANewConnectionIsAnswered();
  }

  private static void assertAnsweredThenClosed(String request, String faultStart, String faultMentions) throws Exception {
    try (var connection = new RawHttpConnection(server.port())) {
      connection.send(request);
      var answer = connection.read();
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.header("Connection")).isEqualTo("close");
      assertThat(answer.body()).contains("<fault>", faultStart, faultMentions);
      assertThat(connection.closedByServer()).isTrue();
    }
    assertANewConnectionIsAnswered();
  }

  private static void assertANewConnectionIsAnswered() throws Exception {
    try (var connection = new RawHttpConnection(server.port())) {
      connection.post("/RPC2", LIST_METHODS);
      var answer = connection.read();
      assertThat(answer.status()).isEqualTo(200);
      assertThat((List<Object>) XmlRpcTestClient.parseResponse(answer.body())).contains("convertFile");
    }
  }
}
