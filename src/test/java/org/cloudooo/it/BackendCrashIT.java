package org.cloudooo.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given a server with the ffmpeg, imagemagick and pdf handlers, a program killed with SIGKILL
 * in the middle of a conversion is replaced and the document sent once more: the client gets
 * the converted document, not a fault, and the restart shows in /metrics; every pool shows in
 * /status and /health.
 */
class BackendCrashIT {

  private static final String REGISTRY = "video/* * ffmpeg\nimage/* image/* imagemagick\napplication/pdf * pdf";

  @RegisterExtension
  static final HandlerServer SERVER = new HandlerServer(REGISTRY, Set.of("ffmpeg", "ffprobe", "convert", "identify", "magick"));

  @TempDir static Path inputs;

  @Test
  void anFfmpegKilledMidConversionIsRunAgain() throws Exception {
    // 20 s of video: about a second of ffmpeg's time, long enough to be caught running.
    Path video = make(List.of("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-f", "lavfi",
        "-i", "sine=frequency=440", "-t", "20", "-c:v", "mpeg4", "-c:a", "aac", "long.mp4"), "long.mp4");
    byte[] mkv = convertWhileKillingOnce(video, "mp4", "mkv", "ffmpeg", "out.mkv");
    Map<String, String> probe = MediaFiles.probe(mkv);
    assertThat(probe).containsEntry("video", "h264").containsEntry("audio", "vorbis");
    assertThat(Double.parseDouble(probe.get("duration"))).isBetween(19.5, 20.5);
    assertThat(restarts("ffmpeg")).isEqualTo(1);
  }

  @Test
  void anImageMagickKilledMidConversionIsRunAgain() throws Exception {
    // Quantising a 16-megapixel gradient to a GIF palette takes ImageMagick a few seconds.
    Path image = make(List.of("convert", "-size", "4000x4000", "gradient:red-blue", "big.png"), "big.png");
    byte[] gif = convertWhileKillingOnce(image, "png", "gif", "convert", "out.gif");
    var decoded = ImageIO.read(new ByteArrayInputStream(gif));
    assertThat(decoded.getWidth()).isEqualTo(4000);
    assertThat(decoded.getHeight()).isEqualTo(4000);
    assertThat(restarts("imagemagick")).isEqualTo(1);
  }

  @Test
  void everyPoolShowsInStatusAndHealth() {
    var http = new OpsHttp(SERVER.server().port());
    List<String> pools = http.json("/status").getAsJsonArray("pools").asList().stream()
        .map(pool -> pool.getAsJsonObject().get("name").getAsString()).toList();
    assertThat(pools).containsExactlyInAnyOrder("ffmpeg", "imagemagick", "pdf");
    var health = http.get("/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"ffmpeg\"", "\"imagemagick\"", "\"pdf\"");
    String metrics = http.get("/metrics").body();
    for (String pool : pools) {
      assertThat(metrics).contains("cloudooo_pool_workers{pool=\"" + pool + "\"} 2.0");
    }
  }

  private static double restarts(String pool) {
    return new OpsHttp(SERVER.server().port()).metric("cloudooo_worker_restarts_total", Map.of("pool", pool, "reason", "crash"));
  }

  /** Converts on another thread, kills the first run of {@code program} writing {@code output}, waits for the answer. */
  private static byte[] convertWhileKillingOnce(Path input, String from, String to, String program, String output)
      throws Exception {
    byte[] document = Files.readAllBytes(input);
    var answer = CompletableFuture.supplyAsync(() -> {
      try {
        return SERVER.client().convert(document, from, to);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    ProcessHandle victim = awaitRun(program, output, Duration.ofSeconds(20)).orElseThrow(
        () -> new AssertionError(program + " writing " + output + " never ran"));
    victim.destroyForcibly();
    byte[] converted = answer.get(60, TimeUnit.SECONDS);
    assertThat(victim.isAlive()).isFalse();
    return converted;
  }

  private static Optional<ProcessHandle> awaitRun(String program, String output, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<ProcessHandle> run = ProcessHandle.allProcesses()
          // Debian's convert is an alternative: the process runs /usr/bin/convert-im6.q16.
          .filter(p -> p.info().command().filter(command -> Path.of(command).getFileName().toString().startsWith(program)).isPresent())
          .filter(p -> p.info().arguments().filter(args -> List.of(args).contains(output)
              || List.of(args).stream().anyMatch(arg -> arg.endsWith(":" + output))).isPresent())
          .findFirst();
      if (run.isPresent()) {
        return run;
      }
      Thread.sleep(10);
    }
    return Optional.empty();
  }

  private static Path make(List<String> command, String name) throws Exception {
    Process process = new ProcessBuilder(command).directory(inputs.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return inputs.resolve(name);
  }
}
