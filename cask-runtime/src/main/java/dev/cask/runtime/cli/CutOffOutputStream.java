package dev.cask.runtime.cli;

import java.io.IOException;
import java.io.OutputStream;

/**
 * stdout of a server that started its transport before verification ended: once {@link #cutOff} returns, no byte
 * reaches the client any more (a write in progress finishes first; every later write fails, and the transport stops
 * writing). A server that fails verification cuts its output off before it reports the failure.
 */
final class CutOffOutputStream extends OutputStream {
  private final OutputStream out;
  private boolean cut;

  CutOffOutputStream(OutputStream out) {
    this.out = out;
  }

  /** From now on nothing is written. */
  synchronized void cutOff() {
    cut = true;
  }

  private void open() throws IOException {
    if (cut) {
      throw new IOException("the output is cut off: the toolpack was not verified");
    }
  }

  @Override
  public synchronized void write(int b) throws IOException {
    open();
    out.write(b);
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) throws IOException {
    open();
    out.write(b, off, len);
  }

  @Override
  public synchronized void flush() throws IOException {
    open();
    out.flush();
  }
}
