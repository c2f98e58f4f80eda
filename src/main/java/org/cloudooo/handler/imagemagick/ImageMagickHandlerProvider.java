package org.cloudooo.handler.imagemagick;

import java.util.List;
import org.cloudooo.handler.Handler;
import org.cloudooo.handler.HandlerContext;
import org.cloudooo.handler.HandlerProvider;
import org.cloudooo.handler.process.ProcessBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the imagemagick handler: reads its settings (the {@code imagemagick_*_limit} policy
 * included) and asks ImageMagick once which of the table's formats it reads and writes.
 */
public final class ImageMagickHandlerProvider implements HandlerProvider {

  private static final Logger LOG = LoggerFactory.getLogger(ImageMagickHandlerProvider.class);

  @Override
  public String name() {
    return ImageMagickHandler.NAME;
  }

  @Override
  public Handler start(HandlerContext context) {
    ImageMagickSettings settings = ImageMagickSettings.from(context.config().keys());
    return ProcessBackend.start(context, ImageMagickHandler.NAME, settings.poolSize(), settings.timeout(),
        "install ImageMagick (apt-get install imagemagick) or put convert and identify on the server's PATH",
        (supervisor, probe) -> {
          probe.run("checking identify", List.of("identify", "-version"));
          String listing = probe.run("listing formats", List.of("convert", "-list", "format"));
          ImageFormats formats = ImageFormats.build(ImageFormats.loadTable(), listing, context.mediaTypes());
          LOG.info("ImageMagick reads and writes {}; limits {}", formats.all().stream().map(ImageFormat::extension).toList(),
              settings.limits());
          return new ImageMagickHandler(supervisor, formats, settings.limits());
        });
  }
}
