package org.cloudooo.handler.ffmpeg;

import java.util.List;
import org.cloudooo.handler.Handler;
import org.cloudooo.handler.HandlerContext;
import org.cloudooo.handler.HandlerProvider;
import org.cloudooo.handler.process.ProcessBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the ffmpeg handler: reads its settings, asks ffmpeg once which muxers and encoders it
 * has, and keeps the table's formats it can really write.
 */
public final class FfmpegHandlerProvider implements HandlerProvider {

  private static final Logger LOG = LoggerFactory.getLogger(FfmpegHandlerProvider.class);

  @Override
  public String name() {
    return FfmpegHandler.NAME;
  }

  @Override
  public Handler start(HandlerContext context) {
    FfmpegSettings settings = FfmpegSettings.from(context.config().keys());
    return ProcessBackend.start(context, FfmpegHandler.NAME, settings.poolSize(), settings.timeout(),
        "install it (apt-get install ffmpeg) or put it on the server's PATH", (supervisor, probe) -> {
          String muxers = probe.run("listing muxers", List.of("ffmpeg", "-hide_banner", "-muxers"));
          String encoders = probe.run("listing encoders", List.of("ffmpeg", "-hide_banner", "-encoders"));
          probe.run("checking ffprobe", List.of("ffprobe", "-hide_banner", "-version"));
          FfmpegTables tables = FfmpegTables.load();
          FfmpegFormats formats = FfmpegFormats.build(tables, FfmpegCapabilities.parse(muxers, encoders), context.mediaTypes());
          LOG.info("ffmpeg writes {} of the {} formats of its table: {}", formats.all().size(), tables.formats().size(),
              formats.all().stream().map(f -> f.extension() + " (" + f.videoEncoder().map(v -> v + ", ").orElse("") + f.audioEncoder() + ")").toList());
          return new FfmpegHandler(supervisor, formats, tables.inputDemuxers(), settings);
        });
  }
}
