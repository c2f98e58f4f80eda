package org.cloudooo.handler.office;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.cloudooo.config.ConfigurationException;

/**
 * Where the UNO pass-through listens, parsed from a UNO connection string ({@code uno_accept}):
 * {@code socket,host=127.0.0.1,port=2202;urp;} or {@code pipe,name=cloudooo;urp;}. The same
 * string, prefixed with {@code uno:} and followed by {@code StarOffice.ComponentContext}, is what
 * clients resolve.
 */
sealed interface UnoAccept {

  /** A TCP listener; {@code host} defaults to loopback, as the security notes ask. */
  record Socket(String host, int port) implements UnoAccept {
    @Override
    public String describe() {
      return "socket,host=" + host + ",port=" + port + ";urp;";
    }

    @Override
    public ServerSocketChannel open() throws IOException {
      ServerSocketChannel server = ServerSocketChannel.open();
      server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      server.bind(new InetSocketAddress(InetAddress.getByName(host), port));
      return server;
    }
  }

  /**
   * LibreOffice's named pipe, which on Unix is a Unix-domain socket named {@code
   * OSL_PIPE_<uid>_<name>} in {@code /tmp} (or {@code /var/tmp} when /tmp is not writable),
   * where a client's {@code uno:pipe,name=...} looks for it.
   */
  record Pipe(String name) implements UnoAccept {
    @Override
    public String describe() {
      return "pipe,name=" + name + ";urp;";
    }

    /** The socket file of this process's user. */
    Path socketFile() {
      return socketFile(new com.sun.security.auth.module.UnixSystem().getUid());
    }

    /** The socket file for a user id, in the first of the directories LibreOffice would use. */
    Path socketFile(long uid) {
      Path directory = Files.isWritable(Path.of("/tmp")) ? Path.of("/tmp") : Path.of("/var/tmp");
      return directory.resolve("OSL_PIPE_" + uid + "_" + name);
    }

    /** A Unix-domain socket where LibreOffice's pipe would be; a stale file (nobody listening) is replaced. */
    @Override
    public ServerSocketChannel open() throws IOException {
      Path file = socketFile();
      if (Files.exists(file)) {
        if (someoneListens(file)) {
          throw new IOException(file + " is served by another process");
        }
        Files.delete(file);
      }
      ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      server.bind(UnixDomainSocketAddress.of(file));
      // Only this server's user may connect (connecting needs write permission on the socket).
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      return server;
    }

    private static boolean someoneListens(Path file) {
      try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(file))) {
        return true;
      } catch (IOException e) {
        return false;
      }
    }
  }

  /** The connection string, normalised, for logs. */
  String describe();

  /** A listening channel at this place. */
  ServerSocketChannel open() throws IOException;

  /** Parses a connection string; every refusal names {@code uno_accept} and shows the accepted forms. */
  static UnoAccept parse(String text) {
    String[] parts = text.trim().split(";");
    if (parts.length < 2 || !parts[1].trim().toLowerCase(Locale.ROOT).startsWith("urp")) {
      throw refused(text, "it must name a connection and the urp protocol");
    }
    String[] connection = parts[0].trim().split(",");
    Map<String, String> parameters = new LinkedHashMap<>();
    for (int i = 1; i < connection.length; i++) {
      String[] pair = connection[i].split("=", 2);
      if (pair.length != 2 || pair[0].isBlank()) {
        throw refused(text, "'" + connection[i] + "' is not name=value");
      }
      parameters.put(pair[0].trim().toLowerCase(Locale.ROOT), pair[1].trim());
    }
    switch (connection[0].trim().toLowerCase(Locale.ROOT)) {
      case "socket" -> {
        String host = parameters.getOrDefault("host", "127.0.0.1");
        String port = parameters.get("port");
        if (port == null) {
          throw refused(text, "a socket needs port=<number>");
        }
        int number;
        try {
          number = Integer.parseInt(port);
        } catch (NumberFormatException e) {
          throw refused(text, "port '" + port + "' is not a number");
        }
        if (number < 1 || number > 65535) {
          throw refused(text, "port " + number + " is not a TCP port");
        }
        return new Socket(host.isEmpty() || host.equals("localhost") ? "127.0.0.1" : host, number);
      }
      case "pipe" -> {
        String name = parameters.get("name");
        if (name == null || name.isEmpty() || !name.matches("[A-Za-z0-9._-]+")) {
          throw refused(text, "a pipe needs name=<letters, digits, . _ ->");
        }
        return new Pipe(name);
      }
      default -> throw refused(text, "the connection must be socket or pipe, not '" + connection[0].trim() + "'");
    }
  }

  private static ConfigurationException refused(String text, String why) {
    return new ConfigurationException("uno_accept '" + text + "' is not a UNO connection string: " + why
        + "; use e.g. socket,host=127.0.0.1,port=2202;urp; or pipe,name=cloudooo;urp; (empty: off)");
  }
}
