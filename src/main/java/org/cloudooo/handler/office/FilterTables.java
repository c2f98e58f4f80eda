package org.cloudooo.handler.office;

import java.util.Map;

/**
 * LibreOffice's filter and type tables, by element name, each element's properties by name:
 * strings, {@code Flags} an Integer, {@code Extensions} a String[], {@code Preferred} a Boolean.
 *
 * @param filters FilterFactory's elements
 * @param types TypeDetection's elements
 */
record FilterTables(Map<String, Map<String, Object>> filters, Map<String, Map<String, Object>> types) {}
