package org.cloudooo.handler.ffmpeg;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An output format this server's ffmpeg can really write, with the encoders chosen for it.
 *
 * @param videoEncoder empty for an audio-only format
 * @param options the format's output options followed by those of its encoders
 */
record OutputFormat(
    String extension, String mimetype, String title, String muxer, Optional<String> videoEncoder, String audioEncoder,
    List<String> options) {

  OutputFormat {
    options = List.copyOf(options);
  }

  boolean audioOnly() {
    return videoEncoder.isEmpty();
  }

  /** The output part of the ffmpeg command line, up to (not including) the output file. */
  List<String> outputArguments() {
    List<String> arguments = new ArrayList<>(List.of("-sn", "-dn"));
    videoEncoder.ifPresentOrElse(encoder -> arguments.addAll(List.of("-c:v", encoder)), () -> arguments.add("-vn"));
    arguments.addAll(List.of("-c:a", audioEncoder));
    arguments.addAll(options);
    arguments.addAll(List.of("-f", muxer));
    return arguments;
  }
}
