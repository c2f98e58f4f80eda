package org.cloudooo.handler.office;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProfileVersionTest {

  @Test
  void onlyANewerMajorMinorIsRecorded() {
    assertThat(ProfileVersion.isNewer("7.4", "")).isTrue();
    assertThat(ProfileVersion.isNewer("7.4", "7.3")).isTrue();
    assertThat(ProfileVersion.isNewer("7.4", "7.4")).isFalse();
    assertThat(ProfileVersion.isNewer("7.4", "7.4.7.2")).isFalse();
    assertThat(ProfileVersion.isNewer("7.4", "99.0")).as("a value an administrator set ahead").isFalse();
    assertThat(ProfileVersion.isNewer("24.2", "7.6")).isTrue();
    assertThat(ProfileVersion.isNewer("7.4", "not a version")).isTrue();
  }
}
