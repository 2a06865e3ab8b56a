package dev.cask.runtime.server.upstream;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The static check runs on every call; its verdict per host is worked out once and must never change. */
class AddressGuardTest {
  private final AddressGuard guard = new AddressGuard(host -> {
    throw new AssertionError("the static check never resolves");
  }, NetworkPolicy.allowing(List.of("127.0.0.0/8")));

  @Test
  void everyCallGetsTheSameVerdictForTheSameHost() {
    for (int i = 0; i < 3; i++) {
      assertThatCode(() -> guard.checkStatically("127.0.0.1")).doesNotThrowAnyException();
      assertThatCode(() -> guard.checkStatically("api.example.com")).doesNotThrowAnyException();
      assertThatThrownBy(() -> guard.checkStatically("169.254.169.254"))
          .isInstanceOf(SsrfBlockedException.class).hasMessageContaining("169.254.169.254");
      assertThatThrownBy(() -> guard.checkStatically("10.0.0.1")).isInstanceOf(SsrfBlockedException.class);
      assertThatThrownBy(() -> guard.checkStatically("0x7f.1")).isInstanceOf(SsrfBlockedException.class);
      assertThatThrownBy(() -> guard.checkStatically("metadata.google.internal"))
          .isInstanceOf(SsrfBlockedException.class).hasMessageContaining("metadata");
      assertThatThrownBy(() -> guard.checkStatically("")).isInstanceOf(SsrfBlockedException.class);
      assertThatThrownBy(() -> guard.checkStatically(null)).isInstanceOf(SsrfBlockedException.class);
    }
  }

  @Test
  void hostsBeyondWhatIsRememberedAreStillChecked() {
    for (int i = 0; i < AddressGuard.MAX_REMEMBERED + 10; i++) {
      String host = "h" + i + ".example.com";
      assertThatCode(() -> guard.checkStatically(host)).doesNotThrowAnyException();
    }
    for (int i = 0; i < 20; i++) {
      String blocked = "192.168.0." + i;
      assertThatThrownBy(() -> guard.checkStatically(blocked)).isInstanceOf(SsrfBlockedException.class);
      assertThatThrownBy(() -> guard.checkStatically(blocked)).isInstanceOf(SsrfBlockedException.class);
    }
  }
}
