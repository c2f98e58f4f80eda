package org.cloudooo.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One TCP connection spoken to by hand, as a keep-alive client speaks: requests written byte for
 * byte (a body may be cut short), answers read by their Content-Length, and a look at whether
 * the server has closed its side. HTTP clients hide exactly these moments.
 */
final class RawHttpConnection implements AutoCloseable {

  /** A response: status, headers (names in lower case) and body. */
  record Answer(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private final Socket socket;
  private final InputStream in;

  RawHttpConnection(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    // Every read below waits at most this long: a hung server fails the test, never blocks it.
    socket.setSoTimeout(10_000);
    in = socket.getInputStream();
  }

  /** Writes request text as is: head, blank line and as much of the body as the test wants sent. */
  void send(String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    socket.getOutputStream().flush();
  }

  /** A POST of text/xml with its whole body. */
  void post(String path, String xml) throws IOException {
    send("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\nContent-Length: "
        + xml.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + xml);
  }

  Answer read() throws IOException {
    String[] head = readHead().split("\r\n");
    int status = Integer.parseInt(head[0].split(" ")[1]);
    Map<String, String> headers = new TreeMap<>();
    for (int i = 1; i < head.length; i++) {
      int colon = head[i].indexOf(':');
      headers.put(head[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), head[i].substring(colon + 1).strip());
    }
    String length = headers.get("content-length");
    if (length == null) {
      throw new IOException("answer without Content-Length, which this reader does not decode: " + headers);
    }
    return new Answer(status, headers, new String(in.readNBytes(Integer.parseInt(length)), StandardCharsets.UTF_8));
  }

  private String readHead() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the server closed the connection instead of answering (after '" + head + "')");
      }
      head.write(b);
    }
    return head.toString(StandardCharsets.ISO_8859_1).strip();
  }

  /** Whether the server closes its side (rather than keeping the connection) within a few seconds. */
  boolean closedByServer() throws IOException {
    socket.setSoTimeout(3_000);
    try {
      return in.read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } finally {
      socket.setSoTimeout(10_000);
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
