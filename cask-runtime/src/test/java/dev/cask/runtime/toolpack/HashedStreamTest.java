package dev.cask.runtime.toolpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.json.CanonicalJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A file read for a parser while it is hashed: the digest always covers the whole file, and only the file. */
class HashedStreamTest {
  private static final byte[] FILE = bytes(1_000_003); // not a multiple of the 64 KiB chunk

  @Test
  void whatTheParserReadsIsTheFileAndTheDigestIsItsSha256() throws IOException {
    HashedStream stream = stream(FILE, FILE.length);
    byte[] read = readInOddSizes(stream);

    assertThat(read).isEqualTo(FILE);
    assertThat(stream.digest()).isEqualTo(CanonicalJson.digestBytes(FILE));
  }

  @Test
  void theDigestCoversWhatTheParserLeftUnread() throws IOException {
    HashedStream stream = stream(FILE, FILE.length);
    stream.readNBytes(70_000);
    stream.close(); // a parser that stops early closes its source: the file's rest is still hashed

    assertThat(stream.digest()).isEqualTo(CanonicalJson.digestBytes(FILE));
  }

  @Test
  void anEmptyFileHasTheEmptyDigest() throws IOException {
    HashedStream stream = stream(new byte[0], 10);

    assertThat(stream.read()).isEqualTo(-1);
    assertThat(stream.digest()).isEqualTo(CanonicalJson.digestBytes(new byte[0]));
  }

  @Test
  void nothingBeyondTheLimitIsReadAndTheDigestIsRefused() throws IOException {
    HashedStream stream = stream(FILE, FILE.length - 1);

    assertThat(readInOddSizes(stream).length).isLessThan(FILE.length);
    assertThatThrownBy(stream::digest)
        .isInstanceOf(CaskException.class)
        .hasMessage("target/cask/tools.json: is larger than 1000002 bytes");
  }

  @Test
  void theFileIsClosedByDigestNotByTheParser() throws IOException {
    boolean[] closed = {false};
    InputStream file = new ByteArrayInputStream(FILE) {
      @Override
      public void close() {
        closed[0] = true;
      }
    };
    HashedStream stream = new HashedStream(file, "target/cask/tools.json", null, FILE.length);
    stream.close();
    assertThat(closed[0]).isFalse();
    stream.digest();
    assertThat(closed[0]).isTrue();
  }

  @Test
  void aStreamNeverReadIsClosedByRelease() {
    boolean[] closed = {false};
    InputStream file = new ByteArrayInputStream(FILE) {
      @Override
      public void close() {
        closed[0] = true;
      }
    };
    new HashedStream(file, "target/cask/capture.json", null, FILE.length).release();
    assertThat(closed[0]).isTrue();
  }

  private static HashedStream stream(byte[] content, long max) {
    return new HashedStream(new ByteArrayInputStream(content), "target/cask/tools.json", null, max);
  }

  /** Reads to the end in reads of changing sizes, some single bytes, as a parser's buffer refills would. */
  private static byte[] readInOddSizes(InputStream in) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    int[] sizes = {1, 7, 8000, 65536, 100_000, 3};
    byte[] buffer = new byte[100_000];
    for (int i = 0; ; i++) {
      if (i % 5 == 4) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        out.write(b);
        continue;
      }
      int n = in.read(buffer, 0, sizes[i % sizes.length]);
      if (n < 0) {
        break;
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  private static byte[] bytes(int n) {
    byte[] bytes = new byte[n];
    new Random(11).nextBytes(bytes);
    return bytes;
  }
}
