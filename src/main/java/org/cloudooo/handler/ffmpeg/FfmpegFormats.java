package org.cloudooo.handler.ffmpeg;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cloudooo.format.MediaTypes;
import org.cloudooo.format.FormatEntry;

/** The output formats of this server: the table's formats that its ffmpeg can write. */
final class FfmpegFormats {

  private final Map<String, OutputFormat> byExtension;
  private final MediaTypes mediaTypes;

  private FfmpegFormats(Map<String, OutputFormat> byExtension, MediaTypes mediaTypes) {
    this.byExtension = byExtension;
    this.mediaTypes = mediaTypes;
  }

  /**
   * Keeps each table format whose muxer this ffmpeg has, that has an encoder for each kind of
   * stream it lists, and whose extension has a mimetype; takes the first such encoder.
   */
  static FfmpegFormats build(FfmpegTables tables, FfmpegCapabilities capabilities, MediaTypes mediaTypes) {
    Map<String, OutputFormat> formats = new LinkedHashMap<>();
    for (FfmpegTables.FormatSpec spec : tables.formats()) {
      Optional<String> mimetype = mediaTypes.typeOfExtension(spec.extension());
      Optional<String> video = firstAvailable(spec.videoEncoders(), capabilities);
      Optional<String> audio = firstAvailable(spec.audioEncoders(), capabilities);
      if (mimetype.isEmpty() || !capabilities.muxers().contains(spec.muxer()) || audio.isEmpty()
          || (!spec.audioOnly() && video.isEmpty())) {
        continue;
      }
      List<String> options = new ArrayList<>(spec.options());
      video.ifPresent(encoder -> options.addAll(tables.encoderOptions().getOrDefault(encoder, List.of())));
      options.addAll(tables.encoderOptions().getOrDefault(audio.get(), List.of()));
      formats.put(
          spec.extension(),
          new OutputFormat(spec.extension(), mimetype.get(), spec.title(), spec.muxer(), video, audio.get(), options));
    }
    return new FfmpegFormats(formats, mediaTypes);
  }

  private static Optional<String> firstAvailable(List<String> encoders, FfmpegCapabilities capabilities) {
    return encoders.stream().filter(capabilities.encoders()::contains).findFirst();
  }

  List<OutputFormat> all() {
    return List.copyOf(byExtension.values());
  }

  /**
   * The format for a destination extension: the table's extension, or another extension of
   * the same mimetype ({@code mpg} for {@code mpeg}, {@code mpga} for {@code mp3}).
   */
  Optional<OutputFormat> forExtension(String extension) {
    OutputFormat exact = byExtension.get(extension);
    if (exact != null) {
      return Optional.of(exact);
    }
    Optional<String> mimetype = mediaTypes.typeOfExtension(extension);
    return byExtension.values().stream().filter(f -> mimetype.filter(f.mimetype()::equals).isPresent()).findFirst();
  }

  /**
   * The {@code (mimetype, title)} targets of a source given as a mimetype or an extension:
   * audio formats for audio, every format for anything else the registry sends here (video,
   * {@code application/ogg}, ...).
   */
  List<FormatEntry> targetsOf(String sourceMimetypeOrExtension) {
    String source =
        sourceMimetypeOrExtension.contains("/")
            ? MediaTypes.bareType(sourceMimetypeOrExtension)
            : mediaTypes.typeOfExtension(sourceMimetypeOrExtension).orElse("");
    if (source.isEmpty()) {
      return List.of();
    }
    boolean audioSource = source.startsWith("audio/");
    return byExtension.values().stream()
        .filter(format -> !audioSource || format.audioOnly())
        .map(format -> new FormatEntry(format.mimetype(), format.title()))
        .toList();
  }
}
