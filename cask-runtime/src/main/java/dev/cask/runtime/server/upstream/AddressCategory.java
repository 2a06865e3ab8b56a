package dev.cask.runtime.server.upstream;

/** Why an address is or is not an ordinary public unicast address. */
public enum AddressCategory {
  PUBLIC("public"),
  UNSPECIFIED("unspecified"),
  LOOPBACK("loopback"),
  PRIVATE("private"),
  LINK_LOCAL("link-local"),
  SHARED_CGNAT("shared address space (CGNAT)"),
  MULTICAST("multicast"),
  BROADCAST("broadcast"),
  BENCHMARK("benchmarking"),
  DOCUMENTATION("documentation"),
  PROTOCOL_ASSIGNMENT("IETF protocol assignment"),
  RESERVED("reserved"),
  UNIQUE_LOCAL("IPv6 unique local"),
  SITE_LOCAL("IPv6 site-local"),
  DISCARD("IPv6 discard-only"),
  CLOUD_METADATA("cloud metadata");

  private final String label;

  AddressCategory(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
