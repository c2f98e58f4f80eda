package org.cloudooo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cloudooo.it.TestServers.testData;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cloudooo.server.CloudoooServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Given tiny clips made by tests-data/make-media.sh, a server with only the ffmpeg handler
 * converts them, reads and writes their tags, and turns damaged or endless input into faults
 * without leaving a process or a file behind.
 */
class MediaConversionIT {

  private static final String REGISTRY = "video/* * ffmpeg\naudio/* * ffmpeg\napplication/ogg * ffmpeg";
  private static final Set<String> FFMPEG = Set.of("ffmpeg", "ffprobe");

  @RegisterExtension
  static final HandlerServer SERVER = new HandlerServer(REGISTRY, FFMPEG);

  private final XmlRpcTestClient client = SERVER.client();

  @Test
  void ogvBecomesAnMp4WithH264AndAac() throws Exception {
    byte[] mp4 = client.convert(testData("clip.ogv"), "ogv", "mp4");
    Map<String, String> probe = MediaFiles.probe(mp4);
    assertThat(probe.get("format_name")).contains("mp4");
    assertThat(probe).containsEntry("video", "h264").containsEntry("audio", "aac").containsEntry("video.size", "32x24");
    assertThat(Double.parseDouble(probe.get("duration"))).isBetween(1.8, 2.3);
  }

  @Test
  void mp4BecomesAWebmWithVp9AndOpus() throws Exception {
    Map<String, String> probe = MediaFiles.probe(client.convert(testData("clip.mp4"), "mp4", "webm"));
    assertThat(probe.get("format_name")).contains("webm");
    assertThat(probe).containsEntry("video", "vp9").containsEntry("audio", "opus");
  }

  @Test
  void wavBecomesAnMp3() throws Exception {
    byte[] mp3 = client.convert(testData("tone.wav"), "wav", "mp3");
    Map<String, String> probe = MediaFiles.probe(mp3);
    assertThat(probe).containsEntry("format_name", "mp3").containsEntry("audio", "mp3").doesNotContainKey("video");
    assertThat(Double.parseDouble(probe.get("duration"))).isBetween(0.9, 1.2);
  }

  @Test
  void videoToAnAudioFormatKeepsTheSoundOnly() throws Exception {
    for (String ogg : List.of("ogg", "oga")) {
      Map<String, String> probe = MediaFiles.probe(client.convert(testData("clip.mp4"), "mp4", ogg));
      assertThat(probe).containsEntry("format_name", "ogg").containsEntry("audio", "vorbis").doesNotContainKey("video");
    }
  }

  @Test
  void metadataAreTheOriginalsCapitalisedTagsWithDurationBitRateAndStreams() throws Exception {
    @SuppressWarnings("unchecked")
    Map<String, Object> metadata = (Map<String, Object>) client.call("getFileMetadataItemList", XmlRpcTestClient.b64(testData("clip.mp4")), "mp4");
    assertThat(metadata)
        .containsEntry("Title", "Cloudooo Clip")
        .containsEntry("Comment", "made by make-media.sh")
        .containsEntry("Major_brand", "isom")
        .containsEntry("Data", "");
    assertThat((String) metadata.get("Encoder")).startsWith("Lavf");
    assertThat(Double.parseDouble((String) metadata.get("Duration"))).isBetween(1.9, 2.1);
    assertThat(Integer.parseInt((String) metadata.get("Bit_rate"))).isPositive();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> streams = (List<Map<String, Object>>) metadata.get("Streams");
    assertThat(streams).hasSize(2);
    assertThat(streams.get(0))
        .containsEntry("Codec_type", "video").containsEntry("Codec_name", "h264").containsEntry("Width", "32");
  }

  @Test
  void metadataWrittenAreReadBackAndTheStreamsAreKeptAsTheyWere() throws Exception {
    for (String format : List.of("mp4", "ogv")) {
      byte[] original = testData("clip." + format);
      String updated = (String) client.call(
          "updateFileMetadata", XmlRpcTestClient.b64(original), format, Map.of("title", "Round Trip", "artist", "Cloudooo"));
      byte[] document = Base64.getMimeDecoder().decode(updated);
      assertThat(MediaFiles.probe(document)).as(format).isEqualTo(MediaFiles.probe(original));
      @SuppressWarnings("unchecked")
      Map<String, Object> metadata = (Map<String, Object>) client.call("getFileMetadataItemList", updated, format, true);
      assertThat(metadata).as(format).containsEntry("Title", "Round Trip").containsEntry("Artist", "Cloudooo");
      assertThat(Base64.getMimeDecoder().decode((String) metadata.get("Data"))).isEqualTo(document);
    }
  }

  @Test
  void aTruncatedVideoIsAFaultQuotingFfmpeg() throws Exception {
    assertThatThrownBy(() -> client.convert(testData("truncated.mp4"), "mp4", "webm"))
        .isInstanceOf(XmlRpcTestClient.Fault.class)
        .hasMessageStartingWith("ConversionError:ffmpeg failed converting mp4 to webm (exit code 1)")
        .hasMessageContaining("moov atom not found")
        .hasMessageNotContaining(SERVER.server().config().workingPath().toString())
        .hasMessageNotContaining("\tat ");
  }

  @Test
  void anUnknownTargetIsAFaultListingTheAllowedOnes() throws Exception {
    assertThatThrownBy(() -> client.convert(testData("clip.mp4"), "mp4", "mov"))
        .isInstanceOf(XmlRpcTestClient.Fault.class)
        .hasMessageContaining("cannot convert mp4 to 'mov'; allowed targets: ogv, mp4, webm, mkv, avi, mpeg, ogg, mp3, wav, flac, m4a");
  }

  @Test
  void allowedFormatsAreWhatThisFfmpegWrites() {
    assertThat(pairs(client.call("getAllowedConversionFormatList", "video/mp4")))
        .contains(List.of("video/webm", "WebM Video (VP9, Opus)"), List.of("video/mp4", "MPEG-4 Video (H.264, AAC)"),
            List.of("video/ogg", "Ogg Video (Theora, Vorbis)"), List.of("audio/mpeg", "MP3 Audio"))
        .hasSize(11);
    assertThat(pairs(client.call("getAllowedConversionFormatList", "audio/x-wav")))
        .extracting(pair -> pair.get(0))
        .containsExactlyInAnyOrder("audio/ogg", "audio/mpeg", "audio/x-wav", "audio/flac", "audio/mp4");
    // audio/ogg's first extension is oga, as Python's guess_extension answers; convertFile takes both.
    assertThat(pairs(client.call("getAllowedExtensionList", Map.of("extension", "wav"))))
        .extracting(pair -> pair.get(0))
        .containsExactlyInAnyOrder("oga", "mp3", "wav", "flac", "m4a");
  }

  @Test
  void anEndlessConversionIsKilledAtTheTimeoutWithEverythingItStarted() throws Exception {
    // Only the timeout may stop it: the output size limit is out of reach.
    CloudoooServer impatient = SERVER.start(Map.of("ffmpeg_timeout", 2, "ffmpeg_max_output_size", "100GiB"));
    try {
      var impatientClient = new XmlRpcTestClient(impatient.port());
      long started = System.nanoTime();
      // Two frames 30 hours apart, made 25 fps: ffmpeg would write 2.7 million frames.
      assertThatThrownBy(() -> impatientClient.convert(testData("stall.mkv"), "mkv", "mpeg"))
          .isInstanceOf(XmlRpcTestClient.Fault.class)
          .hasMessageStartingWith("TimeoutError:converting mkv to mpeg took longer than ffmpeg_timeout (2 s)")
          .hasMessageContaining("killed");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
      SERVER.assertNothingLeftBehind(impatient);
      // The server is still well.
      assertThat(MediaFiles.probe(impatientClient.convert(testData("tone.wav"), "wav", "flac"))).containsEntry("audio", "flac");
    } finally {
      TestServers.stop(impatient);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<List<Object>> pairs(Object answer) {
    return (List<List<Object>>) answer;
  }
}
