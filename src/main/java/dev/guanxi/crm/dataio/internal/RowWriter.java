package dev.guanxi.crm.dataio.internal;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/** Writes a table row by row to a stream; nothing but the current row is held in memory. */
interface RowWriter extends Closeable {

    void row(List<String> cells) throws IOException;
}
