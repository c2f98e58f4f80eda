package org.cloudooo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cloudooo.it.TestServers.testData;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cloudooo.server.CloudoooServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Given small images made by tests-data/make-media.sh, a server with only the imagemagick
 * handler converts them, reads their metadata, and refuses a pixel flood at once.
 */
class ImageConversionIT {

  private static final String REGISTRY = "image/png image/jpeg imagemagick\nimage/* image/* imagemagick";
  private static final Set<String> IMAGEMAGICK = Set.of("convert", "identify", "magick");

  @RegisterExtension
  static final HandlerServer SERVER = new HandlerServer(REGISTRY, IMAGEMAGICK);

  private final XmlRpcTestClient client = SERVER.client();

  @ParameterizedTest(name = "{0} becomes {2}")
  @CsvSource({"picture.png, png, jpg", "picture.jpg, jpg, png", "animation.gif, gif, png"})
  void imagesBecomeTheAskedFormatAtTheSameSize(String file, String source, String target) throws Exception {
    // An animated GIF gives its first frame.
    byte[] converted = client.convert(testData(file), source, target);
    assertThat(MediaFiles.imageFormat(converted)).isEqualTo(target);
    assertThat(MediaFiles.imageSize(converted)).isEqualTo("32x24");
  }

  @Test
  void everyOfferedFormatIsWritten() throws Exception {
    byte[] png = testData("picture.png");
    for (String target : List.of("gif", "bmp", "tiff", "webp", "jpg")) {
      assertThat(MediaFiles.imageFormat(client.convert(png, "png", target))).as(target).isEqualTo(target);
    }
    assertThat(MediaFiles.imageFormat(client.convert(png, "png", "jpeg"))).isEqualTo("jpg");
  }

  @Test
  void metadataAreIdentifysVerboseKeys() throws Exception {
    @SuppressWarnings("unchecked")
    Map<String, Object> metadata =
        (Map<String, Object>) client.call("getFileMetadataItemList", XmlRpcTestClient.b64(testData("picture.png")), "png");
    assertThat(metadata)
        .containsEntry("Compression", "Zip")
        .containsEntry("Geometry", "32x24+0+0")
        .containsEntry("Mime type", "image/png")
        .containsEntry("Colorspace", "sRGB")
        .containsEntry("Data", "");
    assertThat((String) metadata.get("Format")).startsWith("PNG");
    @SuppressWarnings("unchecked")
    Map<String, Object> jpeg =
        (Map<String, Object>) client.call("getFileMetadataItemList", XmlRpcTestClient.b64(testData("picture.jpg")), "jpg");
    assertThat(jpeg).containsEntry("Compression", "JPEG").containsEntry("Mime type", "image/jpeg");
  }

  @Test
  void writingMetadataIsNotSupportedAsInTheOriginal() {
    assertThatThrownBy(() -> client.call("updateFileMetadata", XmlRpcTestClient.b64(testData("picture.png")), "png", Map.of("title", "x")))
        .isInstanceOf(XmlRpcTestClient.Fault.class)
        .hasMessageStartingWith("NotImplementedError:the imagemagick handler cannot write metadata");
  }

  @Test
  void aPixelFloodFailsAtOnceWithAFault() throws Exception {
    for (String method : List.of("convertFile", "getFileMetadataItemList")) {
      long started = System.nanoTime();
      Object[] params = method.equals("convertFile")
          ? new Object[] {XmlRpcTestClient.b64(testData("flood.png")), "png", "jpg"}
          : new Object[] {XmlRpcTestClient.b64(testData("flood.png")), "png"};
      assertThatThrownBy(() -> client.call(method, params))
          .isInstanceOf(XmlRpcTestClient.Fault.class)
          .hasMessageStartingWith("ConversionError:ImageMagick failed")
          .hasMessageContaining("imagemagick_dimension_limit");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).as(method).isLessThan(Duration.ofSeconds(5));
      SERVER.assertNothingLeftBehind(SERVER.server());
    }
  }

  @Test
  void theConfiguredLimitsAreTheOnesInForce() throws Exception {
    CloudoooServer strict = SERVER.start(Map.of("imagemagick_dimension_limit", "16"));
    try {
      var strictClient = new XmlRpcTestClient(strict.port());
      assertThatThrownBy(() -> strictClient.convert(testData("picture.png"), "png", "jpg"))
          .isInstanceOf(XmlRpcTestClient.Fault.class)
          .hasMessageContaining("imagemagick_dimension_limit");
    } finally {
      TestServers.stop(strict);
    }
  }

  @Test
  void contentThatIsNotOfItsDeclaredFormatIsRefused() {
    // ImageMagick reads through the declared format's coder, never by guessing from the content.
    String svg = XmlRpcTestClient.b64("<svg xmlns='http://www.w3.org/2000/svg' width='8' height='8'/>".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> client.call("convertFile", svg, "png", "jpg"))
        .isInstanceOf(XmlRpcTestClient.Fault.class)
        .hasMessageStartingWith("ConversionError:ImageMagick failed converting png to jpg");
    assertThatThrownBy(() -> client.call("convertFile", svg, "svg", "png"))
        .isInstanceOf(XmlRpcTestClient.Fault.class)
        .hasMessageContaining("does not read svg images; it reads png, jpg, gif, tiff, webp, bmp");
  }

  @Test
  void allowedFormatsAreTheImageFormatsThisImageMagickWrites() {
    @SuppressWarnings("unchecked")
    List<List<Object>> formats = (List<List<Object>>) client.call("getAllowedConversionFormatList", "image/png");
    assertThat(formats).extracting(pair -> pair.get(0))
        .containsExactlyInAnyOrder("image/png", "image/jpeg", "image/gif", "image/tiff", "image/webp", "image/x-ms-bmp");
  }
}
