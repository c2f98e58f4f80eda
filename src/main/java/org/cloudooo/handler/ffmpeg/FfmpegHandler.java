package org.cloudooo.handler.ffmpeg;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cloudooo.core.CloudoooException;
import org.cloudooo.format.FormatEntry;
import org.cloudooo.handler.ConversionRequest;
import org.cloudooo.handler.DocumentRequest;
import org.cloudooo.handler.MetadataKeys;
import org.cloudooo.handler.process.ProcessHandler;
import org.cloudooo.supervision.ProcessSupervisor;

/**
 * Audio and video through ffmpeg and ffprobe (the original's {@code ffmpeg} handler): every
 * run supervised by a {@link ProcessSupervisor} of its own, so that video work has its own
 * concurrency limit and cannot take the office pool's turns.
 */
final class FfmpegHandler extends ProcessHandler {

  static final String NAME = "ffmpeg";

  private final FfmpegFormats formats;
  private final String inputDemuxers;
  private final long maxOutputBytes;

  /** @param inputDemuxers the demuxers ffmpeg may read with ({@code -format_whitelist}) */
  FfmpegHandler(ProcessSupervisor supervisor, FfmpegFormats formats, List<String> inputDemuxers, FfmpegSettings settings) {
    super(supervisor);
    this.formats = formats;
    this.inputDemuxers = String.join(",", inputDemuxers);
    this.maxOutputBytes = settings.maxOutputBytes();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  protected String program() {
    return "ffmpeg";
  }

  @Override
  protected String failureHint() {
    return "the input may hold no stream this format can take";
  }

  @Override
  protected List<String> destinations() {
    return formats.all().stream().map(OutputFormat::extension).toList();
  }

  @Override
  protected Run conversion(ConversionRequest request, String destination) {
    OutputFormat format = formats.forExtension(destination).orElseThrow(() -> request.unsupportedDestination(destinations()));
    String input = inputName(request.sourceFormat());
    String output = "out." + format.extension();
    List<String> command = readingCommand("ffmpeg", input);
    command.addAll(format.outputArguments());
    command.addAll(List.of("-fs", Long.toString(maxOutputBytes), "-y", output));
    return new Run(input, output, command);
  }

  @Override
  protected void checkOutput(Path output, String task) {
    if (output.toFile().length() >= maxOutputBytes) {
      throw CloudoooException.failed(
          "the result of " + task + " is larger than ffmpeg_max_output_size (" + maxOutputBytes + " bytes)", null);
    }
  }

  @Override
  public Map<String, Object> getMetadata(DocumentRequest document, boolean baseDocument) {
    String input = inputName(document.sourceFormat());
    List<String> command = readingCommand("ffprobe", input);
    command.addAll(List.of("-print_format", "json", "-show_format", "-show_streams"));
    return document.withSelfAsBaseDocument(FfprobeMetadata.fromJson(printed(document, input, command)), baseDocument);
  }

  /**
   * Copies every stream as it is ({@code -map 0 -c copy}) with the tags set both on the file
   * and on each stream (Ogg keeps its tags on the streams). {@code Data} and the computed keys
   * ({@code Duration}, {@code Streams}, ...) are not tags and are skipped; a list value is
   * written space-separated.
   */
  @Override
  public Path setMetadata(DocumentRequest document, Map<String, Object> metadata) {
    String input = inputName(document.sourceFormat());
    String output = "out." + fileExtension(document.sourceFormat());
    List<String> command = readingCommand("ffmpeg", input);
    command.addAll(List.of("-map", "0", "-c", "copy"));
    metadata.forEach(
        (key, value) -> {
          if (!key.equals(MetadataKeys.DATA) && !FfprobeMetadata.TECHNICAL_KEYS.contains(key)) {
            String tag = tag(key, value);
            command.addAll(List.of("-metadata", tag, "-metadata:s", tag));
          }
        });
    formats.forExtension(document.sourceFormat()).ifPresent(format -> command.addAll(List.of("-f", format.muxer())));
    command.addAll(List.of("-fs", Long.toString(maxOutputBytes), "-y", output));
    return produce(document.jobDirectory(), document.document(), "writing the metadata of " + document.sourceFormat(),
        new Run(input, output, command));
  }

  private static String tag(String key, Object value) {
    if (key.isBlank() || key.contains("=") || key.chars().anyMatch(Character::isISOControl)) {
      throw CloudoooException.badInput("'" + key + "' cannot be a metadata key: it must be a non-empty word without '='");
    }
    String text = value instanceof List<?> list ? String.join(" ", list.stream().map(String::valueOf).toList()) : String.valueOf(value);
    return key + "=" + text;
  }

  /** The start of an ffmpeg or ffprobe command that reads {@code input} from local media only. */
  private List<String> readingCommand(String program, String input) {
    List<String> command = new ArrayList<>(List.of(program, "-hide_banner", "-loglevel", "error"));
    if (program.equals("ffmpeg")) {
      command.add("-nostdin");
    }
    command.addAll(List.of("-protocol_whitelist", "file", "-format_whitelist", inputDemuxers, "-i", input));
    return command;
  }

  /** The document's name in the job directory: {@code in.<ext>}. */
  private static String inputName(String sourceFormat) {
    return "in." + fileExtension(sourceFormat);
  }

  /** The client's extension reduced to letters and digits, for a file name ffmpeg reads well. */
  private static String fileExtension(String format) {
    String safe = format.replaceAll("[^A-Za-z0-9]", "");
    return safe.isEmpty() ? "media" : safe;
  }

  @Override
  public List<FormatEntry> allowedConversionFormats(String sourceMimetypeOrExtension) {
    return formats.targetsOf(sourceMimetypeOrExtension);
  }
}
