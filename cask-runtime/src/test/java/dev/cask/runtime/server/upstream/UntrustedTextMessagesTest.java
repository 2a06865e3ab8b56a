package dev.cask.runtime.server.upstream;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * Refusals that quote what an agent or an upstream sent apply the one control-character rule: a host is an identifier
 * (look-alikes and controls shown escaped), a body field name is text (controls and invisible characters escaped,
 * letters kept).
 */
class UntrustedTextMessagesTest {
  @Test
  void aHostIsQuotedAsAnIdentifier() {
    assertThatThrownBy(() -> HostNames.parse("\u0430pple.com\u001b[2J")).isInstanceOf(SsrfBlockedException.class)
        .hasMessage("host '\\u0430pple.com\\u001b[2J' is not a valid DNS name");
  }

  @Test
  void aMultipartFieldNameIsQuotedAsText() {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("caf\u00e9\r\nX-Injected: 1\u202E", "v");
    assertThatThrownBy(() -> new BodyEncoder("multipart/form-data").encode(body))
        .isInstanceOf(RequestRejectedException.class)
        .hasMessageStartingWith("multipart field name 'caf\u00e9\\u000d\\u000aX-Injected: 1\\u202e'");
  }
}
