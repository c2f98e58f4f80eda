package org.cloudooo.handler.office;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pass-through's pure logic: connection strings and the client address list. */
class UnoPassThroughLogicTest {

  @Test
  void socketConnectionStringsAreParsedWithLoopbackAsTheDefaultHost() {
    assertThat(UnoAccept.parse("socket,host=127.0.0.1,port=2202;urp;")).isEqualTo(new UnoAccept.Socket("127.0.0.1", 2202));
    assertThat(UnoAccept.parse(" socket,port=2203;urp;StarOffice.ComponentContext ")).isEqualTo(new UnoAccept.Socket("127.0.0.1", 2203));
    assertThat(UnoAccept.parse("socket,host=localhost,port=2204,tcpNoDelay=1;urp")).isEqualTo(new UnoAccept.Socket("127.0.0.1", 2204));
    assertThat(UnoAccept.parse("socket,host=0.0.0.0,port=2205;urp;").describe()).isEqualTo("socket,host=0.0.0.0,port=2205;urp;");
  }

  @Test
  void aPipeIsTheSocketFileLibreOfficeWouldCreate() {
    UnoAccept.Pipe pipe = (UnoAccept.Pipe) UnoAccept.parse("pipe,name=cloudooo;urp;");
    assertThat(pipe.name()).isEqualTo("cloudooo");
    assertThat(pipe.socketFile(1000)).isEqualTo(Path.of("/tmp/OSL_PIPE_1000_cloudooo"));
  }

  @Test
  void badConnectionStringsAreRefusedByKeyWithTheAcceptedForms() {
    for (String bad : List.of("socket,host=127.0.0.1,port=2202", "socket,host=h;iiop;", "socket,port=x;urp;",
        "socket,port=70000;urp;", "pipe;urp;", "pipe,name=../etc;urp;", "websocket,port=1;urp;", "socket,port;urp;")) {
      assertThatThrownBy(() -> UnoAccept.parse(bad)).as(bad)
          .hasMessageContaining("uno_accept '" + bad + "'")
          .hasMessageContaining("socket,host=127.0.0.1,port=2202;urp;");
    }
  }

  @Test
  void clientsMatchAddressesAndCidrRanges() throws Exception {
    AllowedClients allowed = AllowedClients.parse(List.of("127.0.0.0/8", "::1", "192.168.10.7", "10.20.0.0/14", "fd00:1::/32"));
    assertThat(allowed.allows(InetAddress.getByName("127.5.6.7"))).isTrue();
    assertThat(allowed.allows(InetAddress.getByName("::1"))).isTrue();
    assertThat(allowed.allows(InetAddress.getByName("192.168.10.7"))).isTrue();
    assertThat(allowed.allows(InetAddress.getByName("192.168.10.8"))).isFalse();
    assertThat(allowed.allows(InetAddress.getByName("10.23.255.255"))).isTrue();
    assertThat(allowed.allows(InetAddress.getByName("10.24.0.0"))).isFalse();
    assertThat(allowed.allows(InetAddress.getByName("fd00:1:ffff::9"))).isTrue();
    assertThat(allowed.allows(InetAddress.getByName("fd00:2::9"))).isFalse();
    // An IPv4 client on an IPv6 socket.
    assertThat(allowed.allows(InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, 10, 21, 0, 1}))).isTrue();
    assertThat(allowed.allows(InetAddress.getByName("8.8.8.8"))).isFalse();
    assertThat(AllowedClients.parse(List.of("0.0.0.0/0")).allows(InetAddress.getByName("8.8.8.8"))).isTrue();
    assertThat(AllowedClients.parse(List.of("0.0.0.0/0")).allows(InetAddress.getByName("::2"))).isFalse();
  }

  @Test
  void badClientEntriesAreRefusedByName() {
    for (String bad : List.of("example.org", "10.0.0.0/33", "10.0.0.0/x", "::1/129", "1.2.3")) {
      assertThatThrownBy(() -> AllowedClients.parse(List.of(bad))).as(bad)
          .hasMessageContaining("uno_allowed_clients entry '" + bad + "'");
    }
  }
}
