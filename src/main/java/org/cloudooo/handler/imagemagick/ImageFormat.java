package org.cloudooo.handler.imagemagick;

import java.util.List;

/**
 * An image format of the table ({@code handlers/imagemagick/imagemagick.conf}).
 *
 * @param aliases other extensions of the same format ({@code jpeg} for {@code jpg})
 * @param coder ImageMagick's coder, named before every file so that it never guesses
 * @param allFrames whether a conversion to it keeps every frame (else the first only)
 */
record ImageFormat(String extension, List<String> aliases, String coder, String title, boolean allFrames) {

  ImageFormat {
    aliases = List.copyOf(aliases);
  }

  boolean answersTo(String extension) {
    return this.extension.equals(extension) || aliases.contains(extension);
  }

  /** A file name with its coder: {@code PNG:in.png}, {@code GIF:in.gif[0]} for the first frame. */
  String file(String name, boolean firstFrameOnly) {
    return coder + ":" + name + (firstFrameOnly ? "[0]" : "");
  }
}
