package org.cloudooo.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.cloudooo.server.CloudoooServer;

/** Reads converted media so tests can assert on their content, and checks what a server left. */
final class MediaFiles {

  private MediaFiles() {}

  /**
   * What ffprobe says of a media file: {@code format_name}, {@code duration} and, per stream,
   * its codec under its type ({@code video} = {@code h264}) and, for video, {@code video.size}
   * = WIDTHxHEIGHT.
   */
  static Map<String, String> probe(byte[] media) throws Exception {
    Path file = Files.createTempFile("cloudooo-probe", ".media");
    try {
      Files.write(file, media);
      Process ffprobe = new ProcessBuilder(
              "ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams", file.toString())
          .redirectErrorStream(true).start();
      String output = new String(ffprobe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(ffprobe.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(ffprobe.exitValue()).as("ffprobe: %s", output).isZero();
      Config json = ConfigFactory.parseString(output, ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON));
      Map<String, String> facts = new LinkedHashMap<>();
      facts.put("format_name", json.getString("format.format_name"));
      facts.put("duration", json.getString("format.duration"));
      for (Config stream : json.getConfigList("streams")) {
        String type = stream.getString("codec_type");
        facts.put(type, stream.getString("codec_name"));
        if (stream.hasPath("width")) {
          facts.put(type + ".size", stream.getInt("width") + "x" + stream.getInt("height"));
        }
      }
      return facts;
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** An image's width x height as the JDK decodes it. */
  static String imageSize(byte[] image) throws IOException {
    var decoded = ImageIO.read(new ByteArrayInputStream(image));
    assertThat(decoded).as("a decodable image").isNotNull();
    return decoded.getWidth() + "x" + decoded.getHeight();
  }

  /** An image's format by its magic bytes: png, jpg, gif, tiff, webp, bmp, or "unknown". */
  static String imageFormat(byte[] data) {
    String head = new String(data, 0, Math.min(data.length, 12), StandardCharsets.ISO_8859_1);
    if (head.startsWith("\u0089PNG")) {
      return "png";
    }
    if (head.startsWith("\u00ff\u00d8\u00ff")) {
      return "jpg";
    }
    if (head.startsWith("GIF8")) {
      return "gif";
    }
    if (head.startsWith("II*\0") || head.startsWith("MM\0*")) {
      return "tiff";
    }
    if (head.startsWith("RIFF") && head.endsWith("WEBP")) {
      return "webp";
    }
    return head.startsWith("BM") ? "bmp" : "unknown";
  }

  /** No process of {@code programs} runs any more and the server's job directories are gone. */
  static void assertNothingLeftBehind(CloudoooServer server, Set<String> programs) throws IOException {
    assertThat(running(programs)).isEmpty();
    assertThat(leftInJobRoot(server)).isEmpty();
  }

  /**
   * The running processes whose executable is one of {@code programs}, also under Debian's
   * alternatives names ({@code convert-im6.q16}).
   */
  static List<String> running(Set<String> programs) {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().command().map(c -> isOneOf(Path.of(c).getFileName().toString(), programs)).orElse(false))
        .map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
        .toList();
  }

  private static boolean isOneOf(String executable, Set<String> programs) {
    return programs.stream().anyMatch(name -> executable.equals(name) || executable.startsWith(name + "-"));
  }

  static List<Path> leftInJobRoot(CloudoooServer server) throws IOException {
    try (Stream<Path> left = Files.list(server.config().jobRoot())) {
      return left.toList();
    }
  }
}
