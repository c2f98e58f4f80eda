package org.cloudooo.handler.ffmpeg;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ffmpeg handler's declarative tables ({@code handlers/ffmpeg/ffmpeg.conf}): the demuxers
 * it may read with, the output formats it knows and the options of each encoder.
 */
record FfmpegTables(List<String> inputDemuxers, List<FormatSpec> formats, Map<String, List<String>> encoderOptions) {

  static final String RESOURCE = "handlers/ffmpeg/ffmpeg.conf";

  /**
   * One output format as the table describes it.
   *
   * @param videoEncoders by preference; empty for an audio-only format
   * @param audioEncoders by preference
   */
  record FormatSpec(
      String extension, String muxer, String title, List<String> videoEncoders, List<String> audioEncoders, List<String> options) {

    boolean audioOnly() {
      return videoEncoders.isEmpty();
    }
  }

  FfmpegTables {
    inputDemuxers = List.copyOf(inputDemuxers);
    formats = List.copyOf(formats);
    encoderOptions = Map.copyOf(encoderOptions);
  }

  static FfmpegTables load() {
    Config c =
        ConfigFactory.parseResources(
            FfmpegTables.class.getClassLoader(), RESOURCE, ConfigParseOptions.defaults().setAllowMissing(false));
    List<FormatSpec> formats =
        c.getConfigList("formats").stream()
            .map(f -> new FormatSpec(
                f.getString("extension"),
                f.getString("muxer"),
                f.getString("title"),
                f.hasPath("video") ? f.getStringList("video") : List.of(),
                f.getStringList("audio"),
                f.hasPath("options") ? f.getStringList("options") : List.of()))
            .toList();
    Map<String, List<String>> encoderOptions = new LinkedHashMap<>();
    Config options = c.getConfig("encoder_options");
    c.getObject("encoder_options").keySet().forEach(encoder -> encoderOptions.put(encoder, options.getStringList("\"" + encoder + "\"")));
    return new FfmpegTables(c.getStringList("input_demuxers"), formats, encoderOptions);
  }
}
