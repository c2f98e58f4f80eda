package org.cloudooo.ops;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web page: the files of {@code webapp/} (copied into the jar), by name at the top level,
 * {@code index.html} at {@code /}. Only plain names with a known type are looked up, so no
 * path can leave the directory.
 */
final class WebAssets {

  private static final Pattern NAME = Pattern.compile("/([A-Za-z0-9_-]+\\.(html|css|js|svg|png|ico))");
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "svg", "image/svg+xml",
      "png", "image/png",
      "ico", "image/x-icon");

  /** A file to send. */
  record Asset(String contentType, byte[] content) {}

  /** The file at a request path, if the page has one there. */
  Optional<Asset> find(String path) throws IOException {
    String name;
    String extension;
    if (path.equals("/")) {
      name = "index.html";
      extension = "html";
    } else {
      Matcher m = NAME.matcher(path);
      if (!m.matches()) {
        return Optional.empty();
      }
      name = m.group(1);
      extension = m.group(2);
    }
    try (InputStream in = WebAssets.class.getClassLoader().getResourceAsStream("webapp/" + name)) {
      if (in == null) {
        return Optional.empty();
      }
      return Optional.of(new Asset(TYPES.get(extension), in.readAllBytes()));
    }
  }
}
