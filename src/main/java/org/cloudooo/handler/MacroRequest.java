package org.cloudooo.handler;

import java.nio.file.Path;

/**
 * A client's StarBasic module to run (a macro job, as doos ran them): the handler loads the
 * source into a throw-away library and calls its entry function with the two folders' file
 * URLs. This is client code running with the server's rights; only {@code enable_macro_jobs}
 * lets such a request reach a handler.
 *
 * @param moduleSource the Basic module's source text
 * @param entryFunction the function to call ({@code init_function}, {@code Main} by default)
 * @param inputDirectory the job's files, which the macro may read
 * @param outputDirectory an empty folder; what the macro writes there is the job's result
 */
public record MacroRequest(String moduleSource, String entryFunction, Path inputDirectory, Path outputDirectory) {}
