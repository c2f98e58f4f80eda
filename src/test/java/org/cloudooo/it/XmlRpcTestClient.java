package org.cloudooo.it;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A small XML-RPC client that writes what Python's {@code xmlrpc.client} writes (documents as
 * base64 text in strings, {@code <nil/>} for None) and reads responses into plain Java values.
 */
final class XmlRpcTestClient {

  /** A fault answer: faultCode and faultString. */
  static final class Fault extends RuntimeException {
    final int code;

    Fault(int code, String message) {
      super(message);
      this.code = code;
    }
  }

  private final URI endpoint;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  XmlRpcTestClient(int port) {
    this.endpoint = URI.create("http://127.0.0.1:" + port + "/RPC2");
  }

  Object call(String method, Object... params) {
    StringBuilder body = new StringBuilder("<?xml version='1.0'?>\n<methodCall><methodName>")
        .append(escape(method)).append("</methodName><params>");
    for (Object param : params) {
      body.append("<param>");
      write(body, param);
      body.append("</param>");
    }
    body.append("</params></methodCall>");
    return parseResponse(post(body.toString()).body());
  }

  HttpResponse<String> post(String xml) {
    try {
      return http.send(
          HttpRequest.newBuilder(endpoint).timeout(Duration.ofMinutes(10)).header("Content-Type", "text/xml")
              .POST(HttpRequest.BodyPublishers.ofString(xml)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException("HTTP call failed: " + e, e);
    }
  }

  /** Converts a document, sending it and reading it back as base64 text. */
  byte[] convert(byte[] document, String source, String destination, Object... more) {
    Object[] params = new Object[3 + more.length];
    params[0] = b64(document);
    params[1] = source;
    params[2] = destination;
    System.arraycopy(more, 0, params, 3, more.length);
    return Base64.getMimeDecoder().decode((String) call("convertFile", params));
  }

  static String b64(byte[] data) {
    return Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(data) + "\n";
  }

  private static void write(StringBuilder out, Object value) {
    out.append("<value>");
    if (value == null) {
      out.append("<nil/>");
    } else if (value instanceof String s) {
      out.append("<string>").append(escape(s)).append("</string>");
    } else if (value instanceof Boolean b) {
      out.append("<boolean>").append(b ? 1 : 0).append("</boolean>");
    } else if (value instanceof Integer i) {
      out.append("<int>").append(i).append("</int>");
    } else if (value instanceof Long l) {
      out.append("<i8>").append(l).append("</i8>");
    } else if (value instanceof byte[] bytes) {
      out.append("<base64>").append(Base64.getEncoder().encodeToString(bytes)).append("</base64>");
    } else if (value instanceof Map<?, ?> map) {
      out.append("<struct>");
      map.forEach((k, v) -> {
        out.append("<member><name>").append(escape(k.toString())).append("</name>");
        write(out, v);
        out.append("</member>");
      });
      out.append("</struct>");
    } else if (value instanceof List<?> list) {
      out.append("<array><data>");
      list.forEach(v -> write(out, v));
      out.append("</data></array>");
    } else {
      throw new IllegalArgumentException("cannot send " + value.getClass());
    }
    out.append("</value>");
  }

  static Object parseResponse(String xml) {
    Element root;
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      root = factory.newDocumentBuilder()
          .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
    } catch (Exception e) {
      throw new IllegalStateException("not an XML-RPC response: '" + xml + "'", e);
    }
    Element fault = child(root, "fault");
    if (fault != null) {
      @SuppressWarnings("unchecked")
      Map<String, Object> struct = (Map<String, Object>) read(child(fault, "value"));
      throw new Fault((Integer) struct.get("faultCode"), (String) struct.get("faultString"));
    }
    return read(child(child(child(root, "params"), "param"), "value"));
  }

  private static Object read(Element value) {
    Element typed = firstElement(value);
    if (typed == null) {
      return value.getTextContent();
    }
    String text = typed.getTextContent();
    switch (typed.getTagName()) {
      case "string": return text;
      case "nil": return null;
      case "boolean": return text.trim().equals("1");
      case "int": case "i4": return Integer.valueOf(text.trim());
      case "i8": return Long.valueOf(text.trim());
      case "double": return Double.valueOf(text.trim());
      case "base64": return Base64.getMimeDecoder().decode(text);
      case "array": {
        List<Object> list = new ArrayList<>();
        for (Node n = child(typed, "data").getFirstChild(); n != null; n = n.getNextSibling()) {
          if (n instanceof Element e) {
            list.add(read(e));
          }
        }
        return list;
      }
      case "struct": {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Node n = typed.getFirstChild(); n != null; n = n.getNextSibling()) {
          if (n instanceof Element member) {
            map.put(child(member, "name").getTextContent(), read(child(member, "value")));
          }
        }
        return map;
      }
      default: throw new IllegalStateException("unknown type " + typed.getTagName());
    }
  }

  private static Element child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    return null;
  }

  private static Element firstElement(Element parent) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        return e;
      }
    }
    return null;
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
