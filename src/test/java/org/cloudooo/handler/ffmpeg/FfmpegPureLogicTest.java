package org.cloudooo.handler.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.cloudooo.format.MediaTypes;
import org.cloudooo.format.FormatEntry;
import org.junit.jupiter.api.Test;

class FfmpegPureLogicTest {

  private static final MediaTypes MEDIA_TYPES = MediaTypes.standard();

  /** What ffprobe -print_format json -show_format -show_streams says of an MP4 (trimmed). */
  private static final String MP4_PROBE = """
      {
        "streams": [
          { "index": 0, "codec_name": "h264", "codec_long_name": "H.264 / AVC", "codec_type": "video",
            "width": 32, "height": 24, "pix_fmt": "yuv420p", "avg_frame_rate": "10/1", "duration": "2.000000",
            "tags": { "language": "und", "handler_name": "VideoHandler", "encoder": "Lavc59.37.100 libx264" } },
          { "index": 1, "codec_name": "aac", "codec_type": "audio", "sample_rate": "8000", "channels": 1,
            "channel_layout": "mono", "avg_frame_rate": "0/0", "bit_rate": "16000" }
        ],
        "format": {
          "filename": "in.mp4", "nb_streams": 2, "format_name": "mov,mp4,m4a,3gp,3g2,mj2",
          "format_long_name": "QuickTime / MOV", "duration": "2.000000", "size": "7979", "bit_rate": "31916",
          "tags": { "major_brand": "isom", "title": "Cloudooo Clip", "encoder": "Lavf59.27.100",
                    "com.apple.quicktime.make": "Acme" }
        }
      }
      """;

  @Test
  void ffprobeJsonBecomesTheOriginalsCapitalisedKeysPlusDurationBitRateAndStreams() {
    Map<String, Object> metadata = FfprobeMetadata.fromJson(MP4_PROBE);
    // The container's tags win over the streams' (Encoder is Lavf, not the stream's Lavc).
    assertThat(metadata)
        .containsEntry("Encoder", "Lavf59.27.100")
        .containsEntry("Title", "Cloudooo Clip")
        .containsEntry("Major_brand", "isom")
        .containsEntry("Com.apple.quicktime.make", "Acme")
        .containsEntry("Handler_name", "VideoHandler")
        .containsEntry("Duration", "2.000000")
        .containsEntry("Bit_rate", "31916")
        .containsEntry("Format_name", "mov,mp4,m4a,3gp,3g2,mj2")
        .doesNotContainKey("Filename");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> streams = (List<Map<String, Object>>) metadata.get("Streams");
    assertThat(streams).hasSize(2);
    assertThat(streams.get(0))
        .isEqualTo(Map.of(
            "Index", "0", "Codec_type", "video", "Codec_name", "h264", "Codec_long_name", "H.264 / AVC",
            "Width", "32", "Height", "24", "Pix_fmt", "yuv420p", "Frame_rate", "10/1", "Duration", "2.000000"));
    assertThat(streams.get(1))
        .containsEntry("Sample_rate", "8000")
        .containsEntry("Channels", "1")
        .doesNotContainKey("Frame_rate");
  }

  @Test
  void oggTagsLiveOnTheStreamsAndTheFirstStreamWins() {
    String probe = """
        { "streams": [ { "index": 0, "codec_type": "video", "avg_frame_rate": "0/0", "r_frame_rate": "10/1",
                         "tags": { "title": "Clip", "encoder": "Lavc libtheora" } },
                       { "index": 1, "codec_type": "audio", "tags": { "TITLE": "Other", "encoder": "Lavc libvorbis" } } ],
          "format": { "format_name": "ogg", "duration": "2.000000" } }
        """;
    Map<String, Object> metadata = FfprobeMetadata.fromJson(probe);
    assertThat(((List<?>) metadata.get("Streams")).get(0)).isEqualTo(Map.of("Index", "0", "Codec_type", "video", "Frame_rate", "10/1"));
    assertThat(metadata)
        .containsEntry("Title", "Clip")
        .containsEntry("Encoder", "Lavc libtheora")
        .containsEntry("Format_name", "ogg");
  }

  private static final String MUXERS = """
      File formats:
       D. = Demuxing supported
       .E = Muxing supported
       --
        E mp4             MP4 (MPEG-4 Part 14)
        E ogg             Ogg
        E ogv             Ogg Video
       DE wav             WAV / WAVE (Waveform Audio)
        E webm            WebM
        E mp3             MP3 (MPEG audio layer 3)
      """;

  private static final String ENCODERS = """
      Encoders:
       V..... = Video
       ...X.. = Codec is experimental
       ------
       V....D libx264              libx264 H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10 (codec h264)
       V....D libtheora            libtheora Theora (codec theora)
       V....D libvpx               libvpx VP8 (codec vp8)
       A..... aac                  AAC (Advanced Audio Coding)
       A..X.. opus                 Opus
       A..X.. vorbis               Vorbis
       A....D pcm_s16le            PCM signed 16-bit little-endian
      """;

  @Test
  void listingsGiveMuxersAndNonExperimentalEncoders() {
    FfmpegCapabilities capabilities = FfmpegCapabilities.parse(MUXERS, ENCODERS);
    assertThat(capabilities.muxers()).containsExactlyInAnyOrder("mp4", "ogg", "ogv", "wav", "webm", "mp3");
    assertThat(capabilities.encoders()).containsExactlyInAnyOrder("libx264", "libtheora", "libvpx", "aac", "pcm_s16le");
  }

  @Test
  void onlyFormatsWhoseMuxerAndEncodersExistAreOffered() {
    FfmpegFormats formats = FfmpegFormats.build(FfmpegTables.load(), FfmpegCapabilities.parse(MUXERS, ENCODERS), MEDIA_TYPES);
    // ogv needs libvorbis, webm libopus or libvorbis, mp3 libmp3lame: none here.
    assertThat(formats.all()).extracting(OutputFormat::extension).containsExactly("mp4", "wav");
    OutputFormat mp4 = formats.forExtension("mp4").orElseThrow();
    assertThat(mp4.videoEncoder()).contains("libx264");
    assertThat(mp4.outputArguments())
        .startsWith("-sn", "-dn", "-c:v", "libx264", "-c:a", "aac", "-movflags", "+faststart")
        .contains("-pix_fmt", "yuv420p")
        .endsWith("-f", "mp4");
    assertThat(formats.forExtension("wav").orElseThrow().outputArguments()).contains("-vn").doesNotContain("-c:v");
  }

  @Test
  void targetsAreMimetypesAudioOnlyForAudioSources() {
    FfmpegCapabilities everything = FfmpegCapabilities.parse(
        MUXERS + "  E matroska Matroska\n  E avi AVI\n  E mpeg MPEG\n  E flac FLAC\n  E ipod iPod\n",
        ENCODERS + " V..... mpeg4 x\n V..... mpeg1video x\n V..... libvpx-vp9 x\n A..... libvorbis x\n A..... libopus x\n"
            + " A..... libmp3lame x\n A..... mp2 x\n A..... flac x\n");
    FfmpegFormats formats = FfmpegFormats.build(FfmpegTables.load(), everything, MEDIA_TYPES);
    assertThat(formats.all()).extracting(OutputFormat::extension)
        .containsExactly("ogv", "mp4", "webm", "mkv", "avi", "mpeg", "ogg", "mp3", "wav", "flac", "m4a");
    assertThat(formats.targetsOf("video/mp4")).extracting(FormatEntry::key)
        .containsExactly("video/ogg", "video/mp4", "video/webm", "video/x-matroska", "video/x-msvideo", "video/mpeg",
            "audio/ogg", "audio/mpeg", "audio/x-wav", "audio/flac", "audio/mp4");
    assertThat(formats.targetsOf("audio/x-wav")).extracting(FormatEntry::key)
        .containsExactly("audio/ogg", "audio/mpeg", "audio/x-wav", "audio/flac", "audio/mp4");
    assertThat(formats.targetsOf("wav")).isEqualTo(formats.targetsOf("audio/x-wav"));
    assertThat(formats.targetsOf("unknownext")).isEmpty();
    // Other extensions of an offered mimetype reach the same format.
    assertThat(formats.forExtension("mpg").map(OutputFormat::extension)).contains("mpeg");
    assertThat(formats.forExtension("mpga").map(OutputFormat::extension)).contains("mp3");
    assertThat(formats.forExtension("docx")).isEmpty();
  }
}
