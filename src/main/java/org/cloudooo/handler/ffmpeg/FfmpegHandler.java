package org.cloudooo.handler.ffmpeg;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cloudooo.core.CloudoooException;
import org.cloudooo.handler.ConversionRequest;
import org.cloudooo.handler.DocumentRequest;
import org.cloudooo.format.FormatEntry;
import org.cloudooo.handler.Handler;
import org.cloudooo.handler.MetadataKeys;
import org.cloudooo.handler.process.JobFiles;
import org.cloudooo.supervision.ProcessResult;
import org.cloudooo.supervision.ProcessSupervisor;

/**
 * Audio and video through ffmpeg and ffprobe (the original's {@code ffmpeg} handler): every
 * run supervised by a {@link ProcessSupervisor} of its own, so that video work has its own
 * concurrency limit and cannot take the office pool's turns.
 */
final class FfmpegHandler implements Handler {

  static final String NAME = "ffmpeg";

  private final ProcessSupervisor supervisor;
  private final FfmpegFormats formats;
  private final String inputDemuxers;
  private final long maxOutputBytes;

  /**
   * @param inputDemuxers the demuxers ffmpeg may read with ({@code -format_whitelist})
   * @param maxOutputBytes the largest file ffmpeg may write ({@code ffmpeg_max_output_size})
   */
  FfmpegHandler(ProcessSupervisor supervisor, FfmpegFormats formats, List<String> inputDemuxers, long maxOutputBytes) {
    this.supervisor = supervisor;
    this.formats = formats;
    this.inputDemuxers = String.join(",", inputDemuxers);
    this.maxOutputBytes = maxOutputBytes;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Path convert(ConversionRequest request) {
    request.requireNoOptions(NAME);
    String destination = request.requireDestination(NAME, allowedExtensions());
    OutputFormat format = formats.forExtension(destination).orElseThrow(() -> request.unsupportedDestination(allowedExtensions()));
    String task = "converting " + request.sourceFormat() + " to " + destination;
    String input = stage(request.jobDirectory(), request.document(), request.sourceFormat());
    String output = "out." + format.extension();
    List<String> command = readingCommand("ffmpeg", input);
    command.addAll(format.outputArguments());
    command.addAll(List.of("-fs", Long.toString(maxOutputBytes), "-y", output));
    ProcessResult result = supervisor.runChecked(task, command, request.jobDirectory());
    return readOutput(request.jobDirectory(), output, task, result);
  }

  @Override
  public Map<String, Object> getMetadata(DocumentRequest document, boolean baseDocument) {
    String input = stage(document.jobDirectory(), document.document(), document.sourceFormat());
    List<String> command = readingCommand("ffprobe", input);
    command.addAll(List.of("-print_format", "json", "-show_format", "-show_streams"));
    ProcessResult result =
        supervisor.runChecked("reading the metadata of " + document.sourceFormat(), command, document.jobDirectory());
    return document.withSelfAsBaseDocument(FfprobeMetadata.fromJson(result.stdoutText()), baseDocument);
  }

  /**
   * Copies every stream as it is ({@code -map 0 -c copy}) with the tags set both on the file
   * and on each stream (Ogg keeps its tags on the streams). {@code Data} and the computed keys
   * ({@code Duration}, {@code Streams}, ...) are not tags and are skipped; a list value is
   * written space-separated.
   */
  @Override
  public Path setMetadata(DocumentRequest document, Map<String, Object> metadata) {
    String task = "writing the metadata of " + document.sourceFormat();
    String input = stage(document.jobDirectory(), document.document(), document.sourceFormat());
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
    ProcessResult result = supervisor.runChecked(task, command, document.jobDirectory());
    return readOutput(document.jobDirectory(), output, task, result);
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

  /** Copies the document as {@code in.<ext>} into the job directory; returns that relative name. */
  private static String stage(Path jobDirectory, Path document, String sourceFormat) {
    return JobFiles.stage(jobDirectory, "in." + fileExtension(sourceFormat), document);
  }

  /** The client's extension reduced to letters and digits, for a file name ffmpeg reads well. */
  private static String fileExtension(String format) {
    String safe = format.replaceAll("[^A-Za-z0-9]", "");
    return safe.isEmpty() ? "media" : safe;
  }

  private Path readOutput(Path jobDirectory, String output, String task, ProcessResult result) {
    Path written = JobFiles.requireOutput(jobDirectory, output, "ffmpeg", task, "the input may hold no stream this format can take", result);
    if (written.toFile().length() >= maxOutputBytes) {
      throw CloudoooException.failed(
          "the result of " + task + " is larger than ffmpeg_max_output_size (" + maxOutputBytes + " bytes)", null);
    }
    return written;
  }

  private List<String> allowedExtensions() {
    return formats.all().stream().map(OutputFormat::extension).toList();
  }

  @Override
  public List<FormatEntry> allowedConversionFormats(String sourceMimetypeOrExtension) {
    return formats.targetsOf(sourceMimetypeOrExtension);
  }

  @Override
  public void close() {
    supervisor.close();
  }
}
