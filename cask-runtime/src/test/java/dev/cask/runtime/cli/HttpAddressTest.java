package dev.cask.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HttpAddressTest {
  @ParameterizedTest
  @CsvSource({
    "8080, 127.0.0.1, 8080",
    "127.0.0.1:0, 127.0.0.1, 0",
    "0.0.0.0:9000, 0.0.0.0, 9000",
    "localhost:7000, localhost, 7000",
    "'[::1]:7000', ::1, 7000",
    "'[::]:80', ::, 80"
  })
  void parsesLiteralAddresses(String value, String host, int port) {
    assertThat(HttpAddress.parse(value)).isEqualTo(new HttpAddress(host, port));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"example.com:80", "rebind.attacker.test:8080", "127.0.0.1:70000", "127.0.0.1:-1", "256.1.1.1:80",
        "::1:80", "[::1]80", "127.0.0.1:http", ""})
  void refusesNamesBadPortsAndAmbiguousForms(String value) {
    assertThatThrownBy(() -> HttpAddress.parse(value)).isInstanceOf(IllegalArgumentException.class);
  }
}
