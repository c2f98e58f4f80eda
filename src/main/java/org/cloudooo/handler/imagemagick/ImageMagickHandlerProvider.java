package org.cloudooo.handler.imagemagick;

import java.nio.file.Path;
import java.util.List;
import org.cloudooo.handler.Handler;
import org.cloudooo.handler.HandlerContext;
import org.cloudooo.handler.HandlerProvider;
import org.cloudooo.supervision.ProcessLimits;
import org.cloudooo.supervision.ProcessSupervisor;
import org.cloudooo.handler.process.ScratchDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the imagemagick handler: reads its keys ({@code imagemagick_pool_size},
 * {@code imagemagick_timeout}, the {@code imagemagick_*_limit} policy) and asks ImageMagick
 * once which of the table's formats it reads and writes.
 */
public final class ImageMagickHandlerProvider implements HandlerProvider {

  private static final Logger LOG = LoggerFactory.getLogger(ImageMagickHandlerProvider.class);

  @Override
  public String name() {
    return ImageMagickHandler.NAME;
  }

  @Override
  public Handler start(HandlerContext context) {
    var raw = context.config().raw();
    ImageLimits limits = ImageLimits.fromConfig(raw);
    var supervisor =
        new ProcessSupervisor(ProcessLimits.fromConfig(raw, ImageMagickHandler.NAME), context.config().backendEnvironment());
    try {
      ImageFormats formats = ImageFormats.build(ImageFormats.loadTable(), formatListing(supervisor, context.config().jobRoot()), context.mediaTypes());
      LOG.info("ImageMagick reads and writes {}; limits {}", formats.all().stream().map(ImageFormat::extension).toList(), limits);
      return new ImageMagickHandler(supervisor, formats, limits);
    } catch (RuntimeException e) {
      supervisor.close();
      throw new IllegalStateException(
          "the imagemagick handler could not start: " + e.getMessage()
              + "; install ImageMagick (apt-get install imagemagick) or put convert and identify on the server's PATH", e);
    }
  }

  private static String formatListing(ProcessSupervisor supervisor, Path jobRoot) {
    try (var scratch = ScratchDirectory.create(jobRoot, "imagemagick-start")) {
      supervisor.runChecked("checking identify", List.of("identify", "-version"), scratch.path());
      return supervisor.runChecked("listing formats", List.of("convert", "-list", "format"), scratch.path()).stdoutText();
    }
  }
}
