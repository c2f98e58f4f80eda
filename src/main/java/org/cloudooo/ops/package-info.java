/**
 * Operating the server over HTTP beside XML-RPC: {@code GET /health}, {@code /status},
 * {@code /metrics}, the web page at {@code /}, {@code POST /admin/stop}, request ids, and the
 * {@code status}/{@code stop} command line client. Reads the pools through the
 * {@link org.cloudooo.service.Manager} facade; observes conversions and pools as a
 * {@link org.cloudooo.service.ConversionListener} and {@link org.cloudooo.supervision.PoolListener}.
 */
package org.cloudooo.ops;
