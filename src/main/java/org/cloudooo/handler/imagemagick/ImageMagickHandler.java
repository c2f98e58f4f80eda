package org.cloudooo.handler.imagemagick;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cloudooo.core.CloudoooException;
import org.cloudooo.core.ErrorKind;
import org.cloudooo.format.FormatEntry;
import org.cloudooo.handler.ConversionRequest;
import org.cloudooo.handler.DocumentRequest;
import org.cloudooo.handler.process.ProcessHandler;
import org.cloudooo.supervision.ProcessSupervisor;

/**
 * Images through ImageMagick's {@code convert} and {@code identify -verbose} (the original's
 * {@code imagemagick} handler), under a resource policy and a {@link ProcessSupervisor} of
 * their own. Writing metadata is not supported, as in the original.
 */
final class ImageMagickHandler extends ProcessHandler {

  static final String NAME = "imagemagick";

  private final ImageFormats formats;
  private final ImageLimits limits;

  ImageMagickHandler(ProcessSupervisor supervisor, ImageFormats formats, ImageLimits limits) {
    super(supervisor);
    this.formats = formats;
    this.limits = limits;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  protected String program() {
    return "ImageMagick";
  }

  @Override
  protected String failureHint() {
    return "the image may be damaged, or larger than this server's limits (imagemagick_dimension_limit,"
        + " imagemagick_area_limit, imagemagick_memory_limit, imagemagick_disk_limit)";
  }

  @Override
  protected List<String> destinations() {
    return formats.all().stream().map(ImageFormat::extension).toList();
  }

  @Override
  protected Run conversion(ConversionRequest request, String destination) {
    ImageFormat target = formats.forExtension(destination).orElseThrow(() -> request.unsupportedDestination(destinations()));
    ImageFormat source = sourceFormat(request.sourceFormat());
    String input = "in." + source.extension();
    String output = "out." + target.extension();
    List<String> command = new ArrayList<>(List.of("convert"));
    command.addAll(limits.arguments());
    command.add(source.file(input, !target.allFrames()));
    command.add(target.file(output, false));
    return new Run(input, output, command);
  }

  @Override
  public Map<String, Object> getMetadata(DocumentRequest document, boolean baseDocument) {
    ImageFormat source = sourceFormat(document.sourceFormat());
    String input = "in." + source.extension();
    List<String> command = new ArrayList<>(List.of("identify"));
    command.addAll(limits.arguments());
    command.addAll(List.of("-verbose", source.file(input, true)));
    return document.withSelfAsBaseDocument(IdentifyOutput.parse(printed(document, input, command)), baseDocument);
  }

  /** Not supported, as in the original (whose handler raised NotImplementedError). */
  @Override
  public Path setMetadata(DocumentRequest document, Map<String, Object> metadata) {
    throw new CloudoooException(
        ErrorKind.NOT_IMPLEMENTED, "the imagemagick handler cannot write metadata; it reads them only (getFileMetadataItemList)");
  }

  private ImageFormat sourceFormat(String sourceFormat) {
    return formats.forExtension(sourceFormat).orElseThrow(() -> CloudoooException.unsupported(
        "the imagemagick handler does not read " + sourceFormat + " images; it reads " + String.join(", ", destinations())));
  }

  @Override
  public List<FormatEntry> allowedConversionFormats(String sourceMimetypeOrExtension) {
    return formats.targets();
  }
}
