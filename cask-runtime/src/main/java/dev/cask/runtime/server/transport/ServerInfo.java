package dev.cask.runtime.server.transport;

import java.util.Objects;

/**
 * How the server introduces itself in the MCP {@code initialize} answer.
 *
 * @param name the server name (Cask plus the toolpack's name)
 * @param version the toolpack's version
 * @param instructions a short text for the client, or null
 */
public record ServerInfo(String name, String version, String instructions) {
  public ServerInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
  }
}
