package org.cloudooo.service;

import java.util.List;
import java.util.Optional;

/**
 * The parts of one document the granulate methods answer with (the original's OOGranulator):
 * tables, images, paragraphs and chapters, read in-process from the document's ODT form.
 * Lists are {@code [[key, text], ...]} as the wire sends them.
 */
public interface DocumentParts {

  /** {@code [[table:name, caption], ...]}, caption "" when the table has none. */
  List<List<Object>> tableItemList();

  /** An ODT package holding only the table named {@code id}, with the source's styles. */
  Optional<byte[]> table(String id);

  /** {@code [[index, text], ...]} of the cells of the table's first row. */
  Optional<List<List<Object>>> columnItemList(String tableId);

  /** {@code [[column header, cell text], ...]} for every cell of every row after the first. */
  Optional<List<List<Object>>> lineItemList(String tableId);

  /** {@code [[picture file name, caption], ...]} for every image stored in the package. */
  List<List<Object>> imageItemList();

  /** The bytes of Pictures/{@code imageId}; empty when the package has no such picture. */
  byte[] image(String imageId);

  /** {@code [[index, text:style-name], ...]} of every paragraph outside frames. */
  List<List<Object>> paragraphItemList();

  /** {@code [text, text:style-name]} of a paragraph of {@link #paragraphItemList()}. */
  Optional<List<Object>> paragraph(int index);

  /** {@code [[index, title], ...]} of the Title paragraphs and headings, in document order. */
  List<List<Object>> chapterItemList();

  /** {@code [title, chapterId]} of a chapter of {@link #chapterItemList()}. */
  Optional<List<Object>> chapterItem(int chapterId);
}
