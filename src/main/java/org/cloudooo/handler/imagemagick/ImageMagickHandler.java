package org.cloudooo.handler.imagemagick;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cloudooo.core.CloudoooException;
import org.cloudooo.core.ErrorKind;
import org.cloudooo.handler.ConversionRequest;
import org.cloudooo.handler.DocumentRequest;
import org.cloudooo.format.FormatEntry;
import org.cloudooo.handler.Handler;
import org.cloudooo.handler.process.JobFiles;
import org.cloudooo.supervision.ProcessResult;
import org.cloudooo.supervision.ProcessSupervisor;

/**
 * Images through ImageMagick's {@code convert} and {@code identify -verbose} (the original's
 * {@code imagemagick} handler), under a resource policy and a {@link ProcessSupervisor} of
 * their own. Writing metadata is not supported, as in the original.
 */
final class ImageMagickHandler implements Handler {

  static final String NAME = "imagemagick";
  private static final String LIMIT_HINT =
      "the image may be damaged, or larger than this server's limits (imagemagick_dimension_limit,"
          + " imagemagick_area_limit, imagemagick_memory_limit, imagemagick_disk_limit)";

  private final ProcessSupervisor supervisor;
  private final ImageFormats formats;
  private final ImageLimits limits;

  ImageMagickHandler(ProcessSupervisor supervisor, ImageFormats formats, ImageLimits limits) {
    this.supervisor = supervisor;
    this.formats = formats;
    this.limits = limits;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Path convert(ConversionRequest request) {
    request.requireNoOptions(NAME);
    String destination = request.requireDestination(NAME, allowedExtensions());
    ImageFormat target = formats.forExtension(destination).orElseThrow(() -> request.unsupportedDestination(allowedExtensions()));
    ImageFormat source = sourceFormat(request.sourceFormat());
    String task = "converting " + request.sourceFormat() + " to " + destination;
    String input = stage(request.jobDirectory(), request.document(), source);
    String output = "out." + target.extension();
    List<String> command = new ArrayList<>(List.of("convert"));
    command.addAll(limits.arguments());
    command.add(source.file(input, !target.allFrames()));
    command.add(target.file(output, false));
    ProcessResult result = checked(task, command, request.jobDirectory());
    return JobFiles.requireOutput(request.jobDirectory(), output, "ImageMagick", task, LIMIT_HINT, result);
  }

  @Override
  public Map<String, Object> getMetadata(DocumentRequest document, boolean baseDocument) {
    ImageFormat source = sourceFormat(document.sourceFormat());
    String input = stage(document.jobDirectory(), document.document(), source);
    List<String> command = new ArrayList<>(List.of("identify"));
    command.addAll(limits.arguments());
    command.addAll(List.of("-verbose", source.file(input, true)));
    ProcessResult result = checked("reading the metadata of " + document.sourceFormat(), command, document.jobDirectory());
    return document.withSelfAsBaseDocument(IdentifyOutput.parse(result.stdoutText()), baseDocument);
  }

  /** Not supported, as in the original (whose handler raised NotImplementedError). */
  @Override
  public Path setMetadata(DocumentRequest document, Map<String, Object> metadata) {
    throw new CloudoooException(ErrorKind.NOT_IMPLEMENTED, "the imagemagick handler cannot write metadata; it reads them only (getFileMetadataItemList)");
  }

  private ProcessResult checked(String task, List<String> command, Path directory) {
    ProcessResult result = supervisor.run(task, command, directory);
    if (!result.succeeded()) {
      throw CloudoooException.failed(
          "ImageMagick failed " + task + " (exit code " + result.exitCode() + "); " + LIMIT_HINT + result.lastOutput(), null);
    }
    return result;
  }

  private ImageFormat sourceFormat(String sourceFormat) {
    return formats.forExtension(sourceFormat).orElseThrow(() -> CloudoooException.unsupported(
        "the imagemagick handler does not read " + sourceFormat + " images; it reads " + String.join(", ", allowedExtensions())));
  }

  /** Copies the image as {@code in.<ext>} into the job directory; returns that relative name. */
  private static String stage(Path jobDirectory, Path document, ImageFormat format) {
    return JobFiles.stage(jobDirectory, "in." + format.extension(), document);
  }

  private List<String> allowedExtensions() {
    return formats.all().stream().map(ImageFormat::extension).toList();
  }

  @Override
  public List<FormatEntry> allowedConversionFormats(String sourceMimetypeOrExtension) {
    return formats.targets();
  }

  @Override
  public void close() {
    supervisor.close();
  }
}
