package org.cloudooo.jobs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes that a crash never leaves half done: into a temp file beside the target, forced to
 * disk, then renamed over it. A reader sees the old content or the new, never a mix.
 */
final class AtomicFiles {

  private AtomicFiles() {}

  static void write(Path target, byte[] content) throws IOException {
    Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
    try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
      out.force(true);
    }
    publish(temp, target);
  }

  /** Moves a complete file into place (same directory or file system: a rename). */
  static void publish(Path complete, Path target) throws IOException {
    Files.move(complete, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
