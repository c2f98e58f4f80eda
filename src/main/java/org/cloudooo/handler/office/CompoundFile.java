package org.cloudooo.handler.office;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Just enough of the Compound File Binary format ([MS-CFB]) to tell whether a Word, Excel or
 * PowerPoint binary file, or an encrypted OOXML package (which is such a file), needs a
 * password: the names of its streams and the first bytes of the main one. Reads by position,
 * never the whole file.
 */
final class CompoundFile {

  static final byte[] MAGIC = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};

  private static final int END_OF_CHAIN = 0xFFFFFFFE;
  private static final int HEADER_DIFAT_ENTRIES = 109;
  private static final int DIRECTORY_ENTRY = 128;
  private static final int STREAM = 2;
  private static final int ROOT = 5;
  /** Enough of a main stream for Word's FIB flags and Excel's first records. */
  private static final int HEAD_BYTES = 4096;
  /** A chain longer than this is a loop in a damaged file. */
  private static final int MAX_CHAIN = 1 << 20;
  private static final int WORD_FLAGS = 0x0A;
  private static final int WORD_ENCRYPTED = 0x0100;
  private static final int EXCEL_FILEPASS = 0x002F;
  private static final int EXCEL_EOF = 0x000A;

  private record Entry(int start, long size) {}

  private final FileChannel file;
  private final int sectorSize;
  private final int miniSectorSize;
  private final long miniCutoff;
  private final int[] fatSectors;
  private final int firstMiniFatSector;
  private final Map<String, Entry> streams = new HashMap<>();
  private Entry root;

  private CompoundFile(FileChannel file) throws IOException {
    this.file = file;
    ByteBuffer header = read(0, 512);
    sectorSize = 1 << header.getShort(0x1E);
    miniSectorSize = 1 << header.getShort(0x20);
    int fatCount = header.getInt(0x2C);
    int firstDirectory = header.getInt(0x30);
    miniCutoff = header.getInt(0x38) & 0xFFFFFFFFL;
    firstMiniFatSector = header.getInt(0x3C);
    fatSectors = fatSectors(header, fatCount);
    readDirectory(firstDirectory);
  }

  /** What the compound file tells; not encrypted when it cannot be read (the load then says why). */
  static Facts read(Path document) throws IOException {
    try (FileChannel channel = FileChannel.open(document, StandardOpenOption.READ)) {
      return new CompoundFile(channel).facts();
    } catch (IOException | IndexOutOfBoundsException | IllegalArgumentException e) {
      return new Facts(false); // Damaged: the load will say so.
    }
  }

  /** @param encrypted whether opening the document needs a password */
  record Facts(boolean encrypted) {}

  private Facts facts() throws IOException {
    if (streams.containsKey("EncryptionInfo") || streams.containsKey("EncryptedPackage") || streams.containsKey("EncryptedSummary")) {
      return new Facts(true);
    }
    if (streams.containsKey("WordDocument")) {
      ByteBuffer fib = head("WordDocument");
      return new Facts(fib.limit() > WORD_FLAGS + 1 && (fib.getShort(WORD_FLAGS) & WORD_ENCRYPTED) != 0);
    }
    String workbook = streams.containsKey("Workbook") ? "Workbook" : streams.containsKey("Book") ? "Book" : null;
    return new Facts(workbook != null && hasFilePass(head(workbook)));
  }

  /** Excel writes FILEPASS among the first records of the workbook globals. */
  private static boolean hasFilePass(ByteBuffer records) {
    for (int at = 0; at + 4 <= records.limit(); ) {
      int type = records.getShort(at) & 0xFFFF;
      if (type == EXCEL_FILEPASS) {
        return true;
      }
      if (type == EXCEL_EOF) {
        return false;
      }
      at += 4 + (records.getShort(at + 2) & 0xFFFF);
    }
    return false;
  }

  private ByteBuffer head(String name) throws IOException {
    Entry entry = streams.get(name);
    int wanted = (int) Math.min(entry.size(), HEAD_BYTES);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(wanted);
    boolean mini = entry.size() < miniCutoff;
    int unit = mini ? miniSectorSize : sectorSize;
    int sector = entry.start();
    for (int n = 0; bytes.size() < wanted && sector != END_OF_CHAIN && n < MAX_CHAIN; n++) {
      ByteBuffer chunk = mini ? readMini(sector) : read(offsetOf(sector), unit);
      bytes.write(chunk.array(), 0, Math.min(unit, wanted - bytes.size()));
      sector = mini ? next(firstMiniFatSector, sector) : next(sector);
    }
    return ByteBuffer.wrap(bytes.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
  }

  private ByteBuffer readMini(int miniSector) throws IOException {
    long position = (long) miniSector * miniSectorSize;
    int sector = root.start();
    for (long skipped = 0; skipped + sectorSize <= position; skipped += sectorSize) {
      sector = next(sector);
    }
    return read(offsetOf(sector) + position % sectorSize, miniSectorSize);
  }

  private void readDirectory(int firstSector) throws IOException {
    int sector = firstSector;
    for (int n = 0; sector != END_OF_CHAIN && n < MAX_CHAIN; n++) {
      ByteBuffer entries = read(offsetOf(sector), sectorSize);
      for (int at = 0; at + DIRECTORY_ENTRY <= sectorSize; at += DIRECTORY_ENTRY) {
        int nameBytes = Math.max(0, Math.min(64, entries.getShort(at + 0x40)) - 2);
        String name = new String(entries.array(), at, nameBytes, StandardCharsets.UTF_16LE);
        int type = entries.get(at + 0x42);
        var entry = new Entry(entries.getInt(at + 0x74), entries.getInt(at + 0x78) & 0xFFFFFFFFL);
        if (type == ROOT) {
          root = entry;
        } else if (type == STREAM) {
          streams.put(name, entry);
        }
      }
      sector = next(sector);
    }
  }

  private int[] fatSectors(ByteBuffer header, int count) throws IOException {
    int[] sectors = new int[count];
    int known = 0;
    for (; known < Math.min(count, HEADER_DIFAT_ENTRIES); known++) {
      sectors[known] = header.getInt(0x4C + 4 * known);
    }
    int perSector = sectorSize / 4 - 1;
    for (int difat = header.getInt(0x44); known < count && difat != END_OF_CHAIN; ) {
      ByteBuffer entries = read(offsetOf(difat), sectorSize);
      for (int i = 0; i < perSector && known < count; i++) {
        sectors[known++] = entries.getInt(4 * i);
      }
      difat = entries.getInt(4 * perSector);
    }
    return sectors;
  }

  /** The sector after {@code sector} in the file allocation table. */
  private int next(int sector) throws IOException {
    int perSector = sectorSize / 4;
    return read(offsetOf(fatSectors[sector / perSector]) + 4L * (sector % perSector), 4).getInt(0);
  }

  /** The mini sector after {@code miniSector}, from the mini FAT starting at {@code firstMiniFat}. */
  private int next(int firstMiniFat, int miniSector) throws IOException {
    int perSector = sectorSize / 4;
    int sector = firstMiniFat;
    for (int n = 0; n < miniSector / perSector; n++) {
      sector = next(sector);
    }
    return read(offsetOf(sector) + 4L * (miniSector % perSector), 4).getInt(0);
  }

  private long offsetOf(int sector) {
    return (sector + 1L) * sectorSize;
  }

  private ByteBuffer read(long position, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    while (buffer.hasRemaining()) {
      if (file.read(buffer, position + buffer.position()) < 0) {
        throw new IOException("truncated compound file");
      }
    }
    return buffer.flip();
  }
}
