package org.cloudooo.service;

import java.util.List;
import java.util.Optional;
import org.cloudooo.granulate.OdfGranulator;

/** {@link DocumentParts} read by the in-process ODF granulator. */
record GranulatedDocument(OdfGranulator granulator) implements DocumentParts {

  @Override
  public List<List<Object>> tableItemList() {
    return granulator.tableItemList();
  }

  @Override
  public Optional<byte[]> table(String id) {
    return granulator.table(id);
  }

  @Override
  public Optional<List<List<Object>>> columnItemList(String tableId) {
    return granulator.columnItemList(tableId);
  }

  @Override
  public Optional<List<List<Object>>> lineItemList(String tableId) {
    return granulator.lineItemList(tableId);
  }

  @Override
  public List<List<Object>> imageItemList() {
    return granulator.imageItemList();
  }

  @Override
  public byte[] image(String imageId) {
    return granulator.image(imageId);
  }

  @Override
  public List<List<Object>> paragraphItemList() {
    return granulator.paragraphItemList();
  }

  @Override
  public Optional<List<Object>> paragraph(int index) {
    return granulator.paragraph(index);
  }

  @Override
  public List<List<Object>> chapterItemList() {
    return granulator.chapterItemList();
  }

  @Override
  public Optional<List<Object>> chapterItem(int chapterId) {
    return granulator.chapterItem(chapterId);
  }
}
