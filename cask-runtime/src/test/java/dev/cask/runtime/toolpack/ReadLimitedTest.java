package dev.cask.runtime.toolpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cask.runtime.CaskException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Reading a toolpack file sized by what the file system states, whatever the stream really holds. */
class ReadLimitedTest {
  private static final byte[] CONTENT = bytes(200_000);

  @Test
  void aFileOfItsStatedSizeIsReadWhole() throws IOException {
    assertThat(read(CONTENT, CONTENT.length, 1_000_000)).isEqualTo(CONTENT);
  }

  @Test
  void aFileShorterThanStatedIsWhatItHolds() throws IOException {
    assertThat(read(CONTENT, CONTENT.length + 5_000, 1_000_000)).isEqualTo(CONTENT);
  }

  @Test
  void aFileLongerThanStatedIsReadOnWhole() throws IOException {
    assertThat(read(CONTENT, 1_000, 1_000_000)).isEqualTo(CONTENT);
    assertThat(read(CONTENT, -1, 1_000_000)).isEqualTo(CONTENT);
    assertThat(read(new byte[0], -1, 1_000_000)).isEmpty();
  }

  @Test
  void theLimitHoldsWhateverWasStated() {
    for (long stated : new long[] {-1, 1_000, CONTENT.length - 1L, CONTENT.length}) {
      assertThatThrownBy(() -> read(CONTENT, stated, CONTENT.length - 1L))
          .as("stated %d", stated)
          .isInstanceOf(CaskException.class)
          .hasMessage("tools.json: is larger than 199999 bytes");
    }
  }

  private static byte[] read(byte[] content, long stated, long max) throws IOException {
    return ToolpackSource.readLimited(new ByteArrayInputStream(content), "tools.json", null, max, stated);
  }

  private static byte[] bytes(int n) {
    byte[] bytes = new byte[n];
    new Random(7).nextBytes(bytes);
    return bytes;
  }
}
