package org.cloudooo.handler.ffmpeg;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cloudooo.core.CloudoooException;
import org.cloudooo.handler.MetadataKeys;

/**
 * A media file's metadata from {@code ffprobe -print_format json -show_format -show_streams}:
 * the tags under the original's capitalised keys ({@code Encoder}, {@code Title},
 * {@code Major_brand}), then {@code Duration} (seconds), {@code Bit_rate} (bits/s),
 * {@code Format_name}, {@code Format_long_name} and {@code Streams}, one struct per stream.
 * Every value is a string.
 */
final class FfprobeMetadata {

  /** Keys this handler computes; they are not tags, so metadata writes skip them. */
  static final Set<String> TECHNICAL_KEYS = Set.of("Duration", "Bit_rate", "Format_name", "Format_long_name", "Streams");

  private static final List<String> FORMAT_FIELDS = List.of("duration", "bit_rate", "format_name", "format_long_name");
  private static final List<String> STREAM_FIELDS =
      List.of(
          "index", "codec_type", "codec_name", "codec_long_name", "profile", "width", "height", "pix_fmt",
          "frame_rate", "sample_rate", "channels", "channel_layout", "bit_rate", "duration");

  private FfprobeMetadata() {}

  static Map<String, Object> fromJson(String json) {
    Map<String, Object> probe;
    try {
      probe = ConfigFactory.parseString(json, ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON)).root().unwrapped();
    } catch (ConfigException e) {
      throw CloudoooException.failed("ffprobe answered something that is not JSON: " + e.getMessage(), e);
    }
    Map<String, Object> format = object(probe.get("format"));
    List<Map<String, Object>> streams = objects(probe.get("streams"));
    Map<String, Object> metadata = new LinkedHashMap<>();
    // Ogg and others keep their tags on the streams: the first stream's tag is taken, and the
    // container's own tags win over every stream's, as the original read all of ffprobe's
    // "Metadata:" blocks.
    Map<String, Object> streamTags = new LinkedHashMap<>();
    for (Map<String, Object> stream : streams) {
      object(stream.get("tags")).forEach((key, value) -> streamTags.putIfAbsent(MetadataKeys.capitalize(key), text(value)));
    }
    metadata.putAll(streamTags);
    object(format.get("tags")).forEach((key, value) -> metadata.put(MetadataKeys.capitalize(key), text(value)));
    for (String field : FORMAT_FIELDS) {
      if (format.get(field) != null) {
        metadata.put(MetadataKeys.capitalize(field), text(format.get(field)));
      }
    }
    metadata.put("Streams", streams.stream().map(FfprobeMetadata::describe).toList());
    return metadata;
  }

  private static Map<String, Object> describe(Map<String, Object> stream) {
    Map<String, Object> description = new LinkedHashMap<>();
    for (String field : STREAM_FIELDS) {
      Object value = field.equals("frame_rate") ? frameRate(stream) : stream.get(field);
      if (value != null) {
        description.put(MetadataKeys.capitalize(field), text(value));
      }
    }
    return description;
  }

  /** The average frame rate, else the base one (Ogg has no average); none for audio ({@code 0/0}). */
  private static Object frameRate(Map<String, Object> stream) {
    for (String field : List.of("avg_frame_rate", "r_frame_rate")) {
      Object rate = stream.get(field);
      if (rate != null && !"0/0".equals(rate)) {
        return rate;
      }
    }
    return null;
  }

  private static String text(Object value) {
    return String.valueOf(value);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object value) {
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  private static List<Map<String, Object>> objects(Object value) {
    return value instanceof List<?> list ? list.stream().map(FfprobeMetadata::object).toList() : List.of();
  }
}
