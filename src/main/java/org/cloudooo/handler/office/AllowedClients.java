package org.cloudooo.handler.office;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.cloudooo.config.ConfigurationException;

/**
 * The client addresses the UNO pass-through serves ({@code uno_allowed_clients}): single
 * addresses and CIDR ranges, IPv4 and IPv6. An IPv4 client reached over an IPv6 socket
 * ({@code ::ffff:10.0.0.5}) is matched as the IPv4 address it is. Host names are refused: a
 * check at accept time must not wait for DNS.
 */
final class AllowedClients {

  private record Range(byte[] network, int prefixBits, String text) {
    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int whole = prefixBits / 8;
      for (int i = 0; i < whole; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = prefixBits % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (address[whole] & mask) == (network[whole] & mask);
    }
  }

  private final List<Range> ranges;

  private AllowedClients(List<Range> ranges) {
    this.ranges = ranges;
  }

  /** Parses each entry ({@code 127.0.0.1}, {@code 10.0.0.0/8}, {@code ::1}, {@code fd00::/8}). */
  static AllowedClients parse(List<String> entries) {
    return new AllowedClients(entries.stream().map(AllowedClients::range).toList());
  }

  boolean allows(InetAddress client) {
    byte[] address = unmapped(client.getAddress());
    return ranges.stream().anyMatch(range -> range.contains(address));
  }

  private static Range range(String entry) {
    String text = entry.trim();
    int slash = text.indexOf('/');
    String host = slash < 0 ? text : text.substring(0, slash);
    if (!host.matches("\\d{1,3}(\\.\\d{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
      throw refused(entry, "not an IP address (host names are not accepted)");
    }
    byte[] network;
    try {
      network = unmapped(InetAddress.getByName(host).getAddress());
    } catch (UnknownHostException e) {
      throw refused(entry, "not an IP address");
    }
    int bits = network.length * 8;
    if (slash >= 0) {
      try {
        bits = Integer.parseInt(text.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw refused(entry, "the prefix length after / is not a number");
      }
      if (bits < 0 || bits > network.length * 8) {
        throw refused(entry, "the prefix length must be between 0 and " + network.length * 8);
      }
    }
    return new Range(network, bits, text);
  }

  /** {@code ::ffff:a.b.c.d} as the four bytes of a.b.c.d. */
  private static byte[] unmapped(byte[] address) {
    if (address.length != 16) {
      return address;
    }
    for (int i = 0; i < 10; i++) {
      if (address[i] != 0) {
        return address;
      }
    }
    if (address[10] != (byte) 0xff || address[11] != (byte) 0xff) {
      return address;
    }
    return new byte[] {address[12], address[13], address[14], address[15]};
  }

  private static ConfigurationException refused(String entry, String why) {
    return new ConfigurationException("uno_allowed_clients entry '" + entry + "': " + why
        + "; give addresses or CIDR ranges such as 127.0.0.1, 10.0.0.0/8, ::1");
  }

  @Override
  public String toString() {
    return String.join(", ", ranges.stream().map(Range::text).toList());
  }
}
