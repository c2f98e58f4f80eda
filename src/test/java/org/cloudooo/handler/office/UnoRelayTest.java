package org.cloudooo.handler.office;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The relay over loopback sockets: bytes both ways, either side's close, the session limit, a cut. */
class UnoRelayTest {

  /** Two connected ends of a loopback TCP connection. */
  private record Pair(SocketChannel near, SocketChannel far) {}

  private static Pair pair() throws IOException {
    try (ServerSocketChannel server = ServerSocketChannel.open()) {
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      SocketChannel near = SocketChannel.open(server.getLocalAddress());
      return new Pair(near, server.accept());
    }
  }

  @Test
  void bytesGoBothWaysUntilOneSideCloses() throws Exception {
    Pair client = pair();
    Pair office = pair();
    var relay = new UnoRelay(client.far(), office.near(), "test");
    CompletableFuture<UnoRelay.End> end = CompletableFuture.supplyAsync(() -> run(relay, Duration.ofMinutes(1)));
    write(client.near(), "hello office");
    assertThat(read(office.far(), 12)).isEqualTo("hello office");
    write(office.far(), "hello client");
    assertThat(read(client.near(), 12)).isEqualTo("hello client");
    client.near().close();
    assertThat(end.get(30, TimeUnit.SECONDS)).isEqualTo(UnoRelay.End.CLOSED);
    assertThat(office.far().read(ByteBuffer.allocate(1))).as("the office side is closed too").isEqualTo(-1);
    office.far().close();
  }

  @Test
  void aSessionPastItsLimitIsCut() throws Exception {
    Pair client = pair();
    Pair office = pair();
    var relay = new UnoRelay(client.far(), office.near(), "test");
    assertThat(run(relay, Duration.ofMillis(200))).isEqualTo(UnoRelay.End.TIMED_OUT);
    assertThat(client.near().read(ByteBuffer.allocate(1))).isEqualTo(-1);
    client.near().close();
    office.far().close();
  }

  @Test
  void closingTheRelayCutsIt() throws Exception {
    Pair client = pair();
    Pair office = pair();
    var relay = new UnoRelay(client.far(), office.near(), "test");
    CompletableFuture<UnoRelay.End> end = CompletableFuture.supplyAsync(() -> run(relay, Duration.ofMinutes(1)));
    write(client.near(), "x");
    assertThat(read(office.far(), 1)).isEqualTo("x");
    relay.close();
    assertThat(end.get(30, TimeUnit.SECONDS)).isEqualTo(UnoRelay.End.CUT);
    client.near().close();
    office.far().close();
  }

  private static UnoRelay.End run(UnoRelay relay, Duration limit) {
    try {
      return relay.run(limit);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void write(SocketChannel channel, String text) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  private static String read(SocketChannel channel, int bytes) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(bytes);
    while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
      // Until the expected bytes are in.
    }
    return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
  }
}
