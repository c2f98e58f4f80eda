package org.cloudooo.handler.office;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.cloudooo.core.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LibreOffice's filter tables kept beside the profile templates, under the same {@link
 * TemplateStamp}: read over UNO they take some 400 round trips (about 260 ms) of every start,
 * and they change only with the installation, which the stamp covers. A file of another stamp,
 * or one that cannot be read, is replaced by a fresh read.
 */
final class FilterTableCache {

  private static final Logger LOG = LoggerFactory.getLogger(FilterTableCache.class);
  private static final String PREFIX = "filter-tables-";
  private static final Gson GSON = new Gson();
  /** The properties kept of each element: a file that kept others is read again. */
  private static final String PROPERTIES =
      "filters " + new TreeSet<>(FilterTableTask.FILTER_KEYS) + " types " + new TreeSet<>(FilterTableTask.TYPE_KEYS);

  private final Path officeDirectory;
  private final TemplateStamp stamp;
  private final Path file;

  FilterTableCache(Path officeDirectory, TemplateStamp stamp) {
    this.officeDirectory = officeDirectory;
    this.stamp = stamp;
    this.file = officeDirectory.resolve(PREFIX + stamp.id() + ".json");
  }

  Path file() {
    return file;
  }

  /** The tables kept under this stamp, if a readable file holds them. */
  Optional<FilterTables> read() {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonObject kept = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), JsonObject.class);
      // Another installation, or a file of a server that read other properties.
      if (!kept.get("stamp").getAsString().equals(stamp.text()) || !kept.get("properties").getAsString().equals(PROPERTIES)) {
        return Optional.empty();
      }
      return Optional.of(new FilterTables(elements(kept.getAsJsonObject("filters")), elements(kept.getAsJsonObject("types"))));
    } catch (IOException | RuntimeException e) {
      // Damaged JSON, or a layout from another version of this server: a fresh read puts it right.
      LOG.warn("LibreOffice's filter tables in {} cannot be read ({}); they are read from LibreOffice again", file, e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Keeps the tables for the next start; the files of other stamps go. Empty tables (a read
   * that went wrong) are not kept. A failure only costs the next start the read.
   */
  void write(FilterTables tables) {
    if (tables.filters().isEmpty() || tables.types().isEmpty()) {
      return;
    }
    JsonObject kept = new JsonObject();
    kept.addProperty("stamp", stamp.text());
    kept.addProperty("properties", PROPERTIES);
    kept.add("filters", GSON.toJsonTree(tables.filters()));
    kept.add("types", GSON.toJsonTree(tables.types()));
    try {
      AtomicFiles.write(file, GSON.toJson(kept).getBytes(StandardCharsets.UTF_8), false);
      try (Stream<Path> entries = Files.list(officeDirectory)) {
        for (Path other : entries.filter(this::isOtherStampsFile).toList()) {
          Files.deleteIfExists(other);
        }
      }
    } catch (IOException e) {
      LOG.warn("LibreOffice's filter tables could not be kept in {}: {}", file, e.getMessage());
    }
  }

  private boolean isOtherStampsFile(Path path) {
    String name = path.getFileName().toString();
    return name.startsWith(PREFIX) && name.endsWith(".json") && !path.equals(file);
  }

  /** Back to the types UNO gave: JSON has only numbers, arrays and booleans. */
  private static Map<String, Map<String, Object>> elements(JsonObject json) {
    Map<String, Map<String, Object>> elements = new LinkedHashMap<>();
    json.entrySet().forEach(element -> {
      Map<String, Object> properties = new LinkedHashMap<>();
      element.getValue().getAsJsonObject().entrySet().forEach(property -> properties.put(property.getKey(), value(property.getValue())));
      elements.put(element.getKey(), properties);
    });
    return elements;
  }

  private static Object value(JsonElement json) {
    if (json.isJsonArray()) {
      List<String> strings = json.getAsJsonArray().asList().stream().map(JsonElement::getAsString).toList();
      return strings.toArray(String[]::new);
    }
    JsonPrimitive primitive = json.getAsJsonPrimitive();
    if (primitive.isBoolean()) {
      return primitive.getAsBoolean();
    }
    return primitive.isNumber() ? (Object) primitive.getAsInt() : primitive.getAsString();
  }
}
