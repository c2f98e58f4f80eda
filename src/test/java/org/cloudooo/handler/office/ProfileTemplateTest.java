package org.cloudooo.handler.office;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kept profile template without LibreOffice: which stamp it belongs to, how it is published, reused and dropped. */
class ProfileTemplateTest {

  @TempDir Path root;
  private Path officeHome;
  private Path office;

  @BeforeEach
  void fakeInstallation() throws IOException {
    officeHome = root.resolve("libreoffice");
    Files.createDirectories(officeHome.resolve("program"));
    Files.createDirectories(officeHome.resolve("share/registry"));
    Files.writeString(officeHome.resolve("program/soffice.bin"), "binary");
    Files.writeString(officeHome.resolve("program/versionrc"), "[Version]\nbuildid=40(Build:2)\n");
    Files.writeString(officeHome.resolve("share/registry/main.xcd"), "<xcd/>");
    office = Files.createDirectories(root.resolve("working/office"));
  }

  private TemplateStamp stamp() throws IOException {
    return TemplateStamp.of(officeHome, Map.of("LANG", "en_US.UTF-8"));
  }

  @Test
  void theStampFollowsTheInstallationTheEnvironmentAndLinkBlocking() throws IOException {
    TemplateStamp before = stamp();
    assertThat(stamp()).isEqualTo(before);
    assertThat(before.text()).contains("build 40(Build:2)").contains("file program/soffice.bin 6 ")
        .contains("env LANG=en_US.UTF-8").contains("link-blocking ");
    assertThat(before.id()).hasSize(16).isEqualTo(stamp().id());

    assertThat(TemplateStamp.of(officeHome, Map.of("LANG", "de_DE.UTF-8")).id()).isNotEqualTo(before.id());
    Files.setLastModifiedTime(officeHome.resolve("program/soffice.bin"), FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
    TemplateStamp upgraded = stamp();
    assertThat(upgraded.id()).isNotEqualTo(before.id());
    Files.writeString(officeHome.resolve("share/registry/math.xcd"), "<xcd/>");
    assertThat(stamp().id()).isNotEqualTo(upgraded.id());
  }

  @Test
  void withoutATemplateStartsCopyTheSeed() throws IOException {
    var template = new ProfileTemplate(office, stamp());
    Path seed = template.toCopy().directory();
    assertThat(seed).isEqualTo(office.resolve("profile-seed"));
    assertThat(Files.readString(seed.resolve("user/registrymodifications.xcu"))).contains("BlockUntrustedRefererLinks");
  }

  @Test
  void anOfferedProfileIsPublishedWholeWithItsStampAndReusedByTheNextServerRun() throws IOException {
    TemplateStamp stamp = stamp();
    Path kept = keptTemplate(stamp).toCopy().directory();
    assertThat(kept).isEqualTo(office.resolve("profile-template-" + stamp.id()));
    assertThat(Files.readString(kept.resolve(ProfileTemplate.STAMP_FILE))).isEqualTo(stamp.text());
    assertThat(kept.resolve("user/extensions/buildid")).hasContent("40(Build:2)");
    assertThat(kept.resolve(".lock")).as("the running soffice's lock is not part of the template").doesNotExist();
    assertThat(entries(office)).containsExactlyInAnyOrder("office-2002", "profile-seed", kept.getFileName().toString());

    assertThat(new ProfileTemplate(office, stamp).toCopy().directory()).isEqualTo(kept);
  }

  @Test
  void anotherInstallationBuildsItsOwnTemplateAndTheOldOneGoes() throws IOException {
    Path oldTemplate = keptTemplate(stamp()).toCopy().directory();
    Files.writeString(officeHome.resolve("program/soffice.bin"), "upgraded binary");

    var upgraded = new ProfileTemplate(office, stamp());
    assertThat(upgraded.toCopy().directory()).isEqualTo(office.resolve("profile-seed"));
    assertThat(oldTemplate).doesNotExist();
  }

  @Test
  void aTemplateWithAnotherStampOrAnUnreadableProfileIsNotUsed() throws IOException {
    TemplateStamp stamp = stamp();
    Path kept = keptTemplate(stamp).toCopy().directory();
    assertThat(ProfileTemplate.problem(kept, stamp)).isEmpty();

    Files.writeString(kept.resolve(ProfileTemplate.STAMP_FILE), "layout 0\n");
    assertThat(ProfileTemplate.problem(kept, stamp)).hasValueSatisfying(why -> assertThat(why).contains("another installation"));
    Files.delete(kept.resolve(ProfileTemplate.STAMP_FILE));
    assertThat(ProfileTemplate.problem(kept, stamp)).isPresent();

    Files.writeString(kept.resolve(ProfileTemplate.STAMP_FILE), stamp.text());
    Files.writeString(kept.resolve("user/registrymodifications.xcu"), "<oor:items xmlns:oor=\"http://openoffice.org/2001/registry\"><item");
    assertThat(ProfileTemplate.problem(kept, stamp)).hasValueSatisfying(why -> assertThat(why).contains("cannot be read"));

    var next = new ProfileTemplate(office, stamp);
    assertThat(next.toCopy().directory()).as("a truncated template is rebuilt").isEqualTo(office.resolve("profile-seed"));
    assertThat(kept).doesNotExist();
  }

  @Test
  void aHalfWrittenCopyIsNeverFoundAndAnAbandonedOneIsCleanedUp() throws IOException {
    TemplateStamp stamp = stamp();
    Path abandoned = Files.createDirectories(office.resolve(".incoming-123/user"));
    Files.setLastModifiedTime(abandoned.getParent(), FileTime.from(Instant.now().minusSeconds(3600)));
    Path inProgress = Files.createDirectories(office.resolve(".incoming-456/user"));

    var template = new ProfileTemplate(office, stamp);
    assertThat(template.toCopy().directory()).isEqualTo(office.resolve("profile-seed"));
    assertThat(abandoned.getParent()).doesNotExist();
    assertThat(inProgress.getParent()).as("maybe another server's copy in progress").exists();
  }

  @Test
  void whenTwoServersOfferAtOnceBothUseTheFirstPublished() throws IOException {
    TemplateStamp stamp = stamp();
    var one = new ProfileTemplate(office, stamp);
    var other = new ProfileTemplate(office, stamp);
    one.offer(initialisedWorker("office-2002"));
    other.offer(initialisedWorker("office-3002"));
    assertThat(other.toCopy().directory()).isEqualTo(one.toCopy().directory()).isNotEqualTo(office.resolve("profile-seed"));
    assertThat(entries(office)).noneMatch(name -> name.startsWith("."));
  }

  @Test
  void aFailedStartFromTheTemplateDiscardsItOnce() throws IOException {
    var template = new ProfileTemplate(office, stamp());
    assertThat(template.discard(template.toCopy(), "from the seed")).as("nothing to fall back to").isFalse();

    template.offer(initialisedWorker("office-2002"));
    ProfileTemplate.Origin broken = template.toCopy();
    ProfileTemplate.Origin sameCopy = template.toCopy();
    assertThat(template.discard(broken, "soffice exited with code 134")).isTrue();
    assertThat(broken.directory()).doesNotExist();
    assertThat(template.toCopy().directory()).isEqualTo(office.resolve("profile-seed"));

    template.offer(initialisedWorker("office-2003"));
    assertThat(template.discard(sameCopy, "a late report of the same failure")).isTrue();
    assertThat(template.toCopy().directory()).as("the template published since stays").isEqualTo(broken.directory()).exists();
  }

  /** A server run's template once its first worker, started from the seed, offered its profile. */
  private ProfileTemplate keptTemplate(TemplateStamp stamp) throws IOException {
    var template = new ProfileTemplate(office, stamp);
    template.offer(initialisedWorker("office-2002"));
    return template;
  }

  /** A worker directory as jodconverter leaves it after a start: a profile holding {@code user/}, and soffice's lock. */
  private Path initialisedWorker(String name) throws IOException {
    Path worker = office.resolve(name);
    Path profile = worker.resolve(".jodconverter_socket_host-127.0.0.1_port-2002_tcpNoDelay-1");
    Files.createDirectories(profile.resolve("user/extensions"));
    Files.writeString(profile.resolve(".lock"), "HOST-PID", StandardCharsets.UTF_8);
    Files.writeString(profile.resolve("user/extensions/buildid"), "40(Build:2)", StandardCharsets.UTF_8);
    LinkBlocking.writeSeedProfile(profile);
    return worker;
  }

  private static List<String> entries(Path directory) throws IOException {
    try (Stream<Path> list = Files.list(directory)) {
      return list.map(path -> path.getFileName().toString()).toList();
    }
  }
}
