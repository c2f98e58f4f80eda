package org.cloudooo.handler.ffmpeg;

import java.nio.file.Path;
import java.util.List;
import org.cloudooo.config.ConfigurationException;
import org.cloudooo.handler.Handler;
import org.cloudooo.handler.HandlerContext;
import org.cloudooo.handler.HandlerProvider;
import org.cloudooo.supervision.ProcessLimits;
import org.cloudooo.supervision.ProcessSupervisor;
import org.cloudooo.handler.process.ScratchDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the ffmpeg handler: reads its keys ({@code ffmpeg_pool_size}, {@code ffmpeg_timeout},
 * {@code ffmpeg_max_output_size}), asks ffmpeg once which muxers and encoders it has, and
 * keeps the table's formats it can really write.
 */
public final class FfmpegHandlerProvider implements HandlerProvider {

  private static final Logger LOG = LoggerFactory.getLogger(FfmpegHandlerProvider.class);
  private static final String INSTALL_HINT = "install it (apt-get install ffmpeg) or put it on the server's PATH";

  @Override
  public String name() {
    return FfmpegHandler.NAME;
  }

  @Override
  public Handler start(HandlerContext context) {
    var raw = context.config().raw();
    long maxOutputBytes = raw.getBytes("ffmpeg_max_output_size");
    if (maxOutputBytes <= 0) {
      throw new ConfigurationException("ffmpeg_max_output_size must be greater than 0, not " + maxOutputBytes);
    }
    var supervisor = new ProcessSupervisor(ProcessLimits.fromConfig(raw, FfmpegHandler.NAME), context.config().backendEnvironment());
    try {
      FfmpegTables tables = FfmpegTables.load();
      FfmpegFormats formats = FfmpegFormats.build(tables, probe(supervisor, context.config().jobRoot()), context.mediaTypes());
      LOG.info("ffmpeg writes {} of the {} formats of its table: {}", formats.all().size(), tables.formats().size(),
          formats.all().stream().map(f -> f.extension() + " (" + f.videoEncoder().map(v -> v + ", ").orElse("") + f.audioEncoder() + ")").toList());
      return new FfmpegHandler(supervisor, formats, tables.inputDemuxers(), maxOutputBytes);
    } catch (RuntimeException e) {
      supervisor.close();
      throw new IllegalStateException("the ffmpeg handler could not start: " + e.getMessage() + "; " + INSTALL_HINT, e);
    }
  }

  /** Runs ffmpeg's listings (and ffprobe once, to know it is there) in a scratch directory. */
  private static FfmpegCapabilities probe(ProcessSupervisor supervisor, Path jobRoot) {
    try (var scratch = ScratchDirectory.create(jobRoot, "ffmpeg-start")) {
      String muxers = supervisor.runChecked("listing muxers", List.of("ffmpeg", "-hide_banner", "-muxers"), scratch.path()).stdoutText();
      String encoders =
          supervisor.runChecked("listing encoders", List.of("ffmpeg", "-hide_banner", "-encoders"), scratch.path()).stdoutText();
      supervisor.runChecked("checking ffprobe", List.of("ffprobe", "-hide_banner", "-version"), scratch.path());
      return FfmpegCapabilities.parse(muxers, encoders);
    }
  }
}
