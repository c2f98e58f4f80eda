package org.cloudooo.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes that a crash never leaves half done: into a temp file beside the target, then renamed
 * over it. A reader, and the next start after a crash of the JVM, sees the old content or the
 * new, never a mix. A durable write also forces the content to disk before the rename, so that
 * it survives a crash of the machine too.
 */
public final class AtomicFiles {

  private AtomicFiles() {}

  /**
   * @param durable force the content to disk first (a few milliseconds): for what must survive
   *     even a power loss; without it a crash of the JVM still loses nothing
   */
  public static void write(Path target, byte[] content, boolean durable) throws IOException {
    Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
    try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
      if (durable) {
        out.force(true);
      }
    }
    publish(temp, target);
  }

  /** Moves a complete file into place (same directory or file system: a rename). */
  public static void publish(Path complete, Path target) throws IOException {
    Files.move(complete, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
