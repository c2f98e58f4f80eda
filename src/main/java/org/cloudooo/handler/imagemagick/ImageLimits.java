package org.cloudooo.handler.imagemagick;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.cloudooo.config.ConfigurationException;
import org.cloudooo.config.SettingsReader;

/**
 * ImageMagick's resource policy for every run ({@code -limit}), so that a decompression bomb
 * fails at its header instead of filling memory and disk. These can only lower the limits of
 * the system's {@code policy.xml}, never raise them.
 *
 * @param memory pixel cache in memory ({@code imagemagick_memory_limit}, e.g. {@code 256MiB})
 * @param map pixel cache memory-mapped ({@code imagemagick_map_limit})
 * @param disk pixel cache on disk ({@code imagemagick_disk_limit})
 * @param area largest image area ({@code imagemagick_area_limit}, e.g. {@code 128MP})
 * @param dimension largest width and height ({@code imagemagick_dimension_limit}, e.g. {@code 16KP})
 * @param timeSeconds ImageMagick's own time limit ({@code imagemagick_time_limit})
 */
public record ImageLimits(String memory, String map, String disk, String area, String dimension, long timeSeconds) {

  /** A number with an optional binary or decimal unit, as ImageMagick reads it. */
  private static final Pattern QUANTITY = Pattern.compile("[0-9]+(\\.[0-9]+)?([KMGTPE]i?)?[BP]?");

  public ImageLimits {
    check("imagemagick_memory_limit", memory);
    check("imagemagick_map_limit", map);
    check("imagemagick_disk_limit", disk);
    check("imagemagick_area_limit", area);
    check("imagemagick_dimension_limit", dimension);
    if (timeSeconds <= 0) {
      throw new ConfigurationException("imagemagick_time_limit must be greater than 0, not " + timeSeconds);
    }
  }

  public static final String DEFAULT_MEMORY = "256MiB";
  public static final String DEFAULT_MAP = "512MiB";
  public static final String DEFAULT_DISK = "1GiB";
  public static final String DEFAULT_AREA = "128MP";
  public static final String DEFAULT_DIMENSION = "16KP";
  public static final long DEFAULT_TIME_SECONDS = 30;

  static ImageLimits from(SettingsReader keys) {
    return new ImageLimits(
        keys.string("imagemagick_memory_limit", DEFAULT_MEMORY),
        keys.string("imagemagick_map_limit", DEFAULT_MAP),
        keys.string("imagemagick_disk_limit", DEFAULT_DISK),
        keys.string("imagemagick_area_limit", DEFAULT_AREA),
        keys.string("imagemagick_dimension_limit", DEFAULT_DIMENSION),
        keys.positive("imagemagick_time_limit", DEFAULT_TIME_SECONDS));
  }

  private static void check(String key, String value) {
    if (!QUANTITY.matcher(value).matches()) {
      throw new ConfigurationException(key + " must be a quantity such as 256MiB, 128MP or 16KP, not '" + value + "'");
    }
  }

  /** The {@code -limit} options, given before the input is read. */
  List<String> arguments() {
    List<String> arguments = new ArrayList<>();
    limit(arguments, "memory", memory);
    limit(arguments, "map", map);
    limit(arguments, "disk", disk);
    limit(arguments, "area", area);
    limit(arguments, "width", dimension);
    limit(arguments, "height", dimension);
    limit(arguments, "time", Long.toString(timeSeconds));
    return arguments;
  }

  private static void limit(List<String> arguments, String resource, String value) {
    arguments.add("-limit");
    arguments.add(resource);
    arguments.add(value);
  }
}
