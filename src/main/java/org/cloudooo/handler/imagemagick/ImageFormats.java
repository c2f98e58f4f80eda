package org.cloudooo.handler.imagemagick;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.cloudooo.format.MediaTypes;
import org.cloudooo.format.FormatEntry;

/** The image formats of this server: the table's formats that its ImageMagick reads and writes. */
final class ImageFormats {

  static final String RESOURCE = "handlers/imagemagick/imagemagick.conf";

  private final List<ImageFormat> formats;
  private final MediaTypes mediaTypes;

  private ImageFormats(List<ImageFormat> formats, MediaTypes mediaTypes) {
    this.formats = List.copyOf(formats);
    this.mediaTypes = mediaTypes;
  }

  static List<ImageFormat> loadTable() {
    Config c =
        ConfigFactory.parseResources(
            ImageFormats.class.getClassLoader(), RESOURCE, ConfigParseOptions.defaults().setAllowMissing(false));
    return c.getConfigList("formats").stream()
        .map(f -> new ImageFormat(
            f.getString("extension"),
            f.hasPath("aliases") ? f.getStringList("aliases") : List.of(),
            f.getString("coder"),
            f.getString("title"),
            f.hasPath("all_frames") && f.getBoolean("all_frames")))
        .toList();
  }

  /** Keeps the table's formats whose coder {@code convert -list format} shows readable and writable. */
  static ImageFormats build(List<ImageFormat> table, String formatListing, MediaTypes mediaTypes) {
    Set<String> readWrite = readWriteCoders(formatListing);
    return new ImageFormats(table.stream().filter(f -> readWrite.contains(f.coder())).toList(), mediaTypes);
  }

  /** Coders of lines such as {@code "      PNG* PNG       rw-   Portable Network Graphics"}. */
  static Set<String> readWriteCoders(String formatListing) {
    Set<String> coders = new HashSet<>();
    for (String line : formatListing.split("\n")) {
      String[] fields = line.strip().split("\\s+");
      if (fields.length >= 3 && fields[2].length() == 3 && fields[2].startsWith("rw")) {
        coders.add(fields[0].replace("*", "").toUpperCase(Locale.ROOT));
      }
    }
    return coders;
  }

  List<ImageFormat> all() {
    return formats;
  }

  /** The format of an extension, an alias, or another extension of the same mimetype. */
  Optional<ImageFormat> forExtension(String extension) {
    Optional<ImageFormat> exact = formats.stream().filter(f -> f.answersTo(extension)).findFirst();
    if (exact.isPresent()) {
      return exact;
    }
    Optional<String> mimetype = mediaTypes.typeOfExtension(extension);
    return formats.stream().filter(f -> mimetype.isPresent() && mimetype.equals(mediaTypes.typeOfExtension(f.extension()))).findFirst();
  }

  /** Every format as {@code (mimetype, title)}, whatever the source image. */
  List<FormatEntry> targets() {
    return formats.stream()
        .flatMap(f -> mediaTypes.typeOfExtension(f.extension()).map(type -> new FormatEntry(type, f.title())).stream())
        .toList();
  }
}
