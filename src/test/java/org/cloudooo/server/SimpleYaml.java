package org.cloudooo.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the block YAML that our Kubernetes manifests are written in (no YAML parser is on the
 * test classpath): documents split by {@code ---}, nested maps and lists by indentation, plain
 * or quoted scalars, flow lists of scalars ({@code ["sleep", "5"]}) and {@code {}}. Anything
 * else (anchors, multi-line strings, flow maps) is refused rather than misread.
 */
final class SimpleYaml {

  private record Line(int number, int indent, String text) {}

  private final List<Line> lines;
  private int position;

  private SimpleYaml(List<Line> lines) {
    this.lines = lines;
  }

  /** The documents of a file, each a map. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> documents(Path file) throws IOException {
    List<Map<String, Object>> documents = new ArrayList<>();
    List<Line> current = new ArrayList<>();
    List<String> text = Files.readAllLines(file);
    for (int i = 0; i <= text.size(); i++) {
      String line = i < text.size() ? text.get(i) : "---";
      if (line.strip().equals("---")) {
        if (!current.isEmpty()) {
          documents.add((Map<String, Object>) new SimpleYaml(current).block(file));
        }
        current = new ArrayList<>();
        continue;
      }
      String content = withoutComment(line);
      if (!content.isBlank()) {
        current.add(new Line(i + 1, content.length() - content.stripLeading().length(), content.strip()));
      }
    }
    return documents;
  }

  private static String withoutComment(String line) {
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '#' && !quoted && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        return line.substring(0, i);
      }
    }
    return line;
  }

  private Object block(Path file) {
    Object value = block();
    if (position < lines.size()) {
      throw new IllegalArgumentException(file + ":" + lines.get(position).number() + ": unexpected indentation");
    }
    return value;
  }

  private Object block() {
    Line first = lines.get(position);
    return isItem(first) ? list(first.indent()) : map(first.indent());
  }

  private static boolean isItem(Line line) {
    return line.text().equals("-") || line.text().startsWith("- ");
  }

  private Map<String, Object> map(int indent) {
    Map<String, Object> map = new LinkedHashMap<>();
    while (position < lines.size() && lines.get(position).indent() == indent && !isItem(lines.get(position))) {
      Line line = lines.get(position++);
      int colon = line.text().indexOf(':');
      if (colon <= 0 || (colon + 1 < line.text().length() && line.text().charAt(colon + 1) != ' ')) {
        throw new IllegalArgumentException("line " + line.number() + ": not 'key: value': " + line.text());
      }
      String key = line.text().substring(0, colon).strip();
      String rest = line.text().substring(colon + 1).strip();
      Object value;
      if (!rest.isEmpty()) {
        value = scalar(rest, line);
      } else if (position < lines.size() && (lines.get(position).indent() > indent
          || (lines.get(position).indent() == indent && isItem(lines.get(position))))) {
        value = block();
      } else {
        value = "";
      }
      map.put(key, value);
    }
    return map;
  }

  private List<Object> list(int indent) {
    List<Object> list = new ArrayList<>();
    while (position < lines.size() && lines.get(position).indent() == indent && isItem(lines.get(position))) {
      Line line = lines.get(position);
      String rest = line.text().substring(1).strip();
      if (rest.isEmpty()) {
        position++;
        list.add(block());
      } else if (rest.matches("[A-Za-z0-9_.-]+:( .*)?")) {
        // "- key: value" opens a map whose keys line up with "key".
        lines.set(position, new Line(line.number(), indent + 2, rest));
        list.add(map(indent + 2));
      } else {
        position++;
        list.add(scalar(rest, line));
      }
    }
    return list;
  }

  private static Object scalar(String text, Line line) {
    if (text.equals("{}")) {
      return Map.of();
    }
    if (text.startsWith("[") && text.endsWith("]")) {
      String inner = text.substring(1, text.length() - 1).strip();
      return inner.isEmpty() ? List.of()
          : Arrays.stream(inner.split(",")).map(item -> (Object) unquote(item.strip(), line)).toList();
    }
    if (text.startsWith("&") || text.startsWith("*") || text.startsWith("|") || text.startsWith(">") || text.startsWith("{")) {
      throw new IllegalArgumentException("line " + line.number() + ": not supported here: " + text);
    }
    return unquote(text, line);
  }

  private static String unquote(String text, Line line) {
    if (text.length() >= 2 && (text.startsWith("\"") && text.endsWith("\"") || text.startsWith("'") && text.endsWith("'"))) {
      return text.substring(1, text.length() - 1);
    }
    if (text.startsWith("\"") || text.startsWith("'")) {
      throw new IllegalArgumentException("line " + line.number() + ": unclosed quote: " + text);
    }
    return text;
  }
}
