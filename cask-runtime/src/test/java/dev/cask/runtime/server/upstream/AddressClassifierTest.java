package dev.cask.runtime.server.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AddressClassifierTest {
  private static InetAddress literal(String text) {
    InetAddress address = IpRange.literal(text);
    assertThat(address).as(text).isNotNull();
    return address;
  }

  @ParameterizedTest
  @CsvSource({
      "8.8.8.8, PUBLIC",
      "1.1.1.1, PUBLIC",
      "0.0.0.0, UNSPECIFIED",
      "0.1.2.3, RESERVED",
      "10.1.2.3, PRIVATE",
      "100.64.0.1, SHARED_CGNAT",
      "100.127.255.255, SHARED_CGNAT",
      "100.128.0.1, PUBLIC",
      "127.0.0.1, LOOPBACK",
      "127.255.255.254, LOOPBACK",
      "169.254.1.1, LINK_LOCAL",
      "169.254.169.254, CLOUD_METADATA",
      "169.254.170.2, CLOUD_METADATA",
      "100.100.100.200, CLOUD_METADATA",
      "168.63.129.16, CLOUD_METADATA",
      "172.16.0.1, PRIVATE",
      "172.31.255.255, PRIVATE",
      "172.32.0.1, PUBLIC",
      "192.0.0.8, PROTOCOL_ASSIGNMENT",
      "192.0.2.1, DOCUMENTATION",
      "192.88.99.1, RESERVED",
      "192.168.0.1, PRIVATE",
      "198.18.0.1, BENCHMARK",
      "198.19.255.255, BENCHMARK",
      "198.51.100.1, DOCUMENTATION",
      "203.0.113.9, DOCUMENTATION",
      "224.0.0.1, MULTICAST",
      "239.255.255.250, MULTICAST",
      "240.0.0.1, RESERVED",
      "255.255.255.255, BROADCAST",
      "[2606:4700:4700::1111], PUBLIC",
      "[::], UNSPECIFIED",
      "[::1], LOOPBACK",
      "[fe80::1], LINK_LOCAL",
      "[fc00::1], UNIQUE_LOCAL",
      "[fd12:3456::1], UNIQUE_LOCAL",
      "[fec0::1], SITE_LOCAL",
      "[ff02::1], MULTICAST",
      "[2001:db8::1], DOCUMENTATION",
      "[3fff::1], DOCUMENTATION",
      "[2001:2::1], BENCHMARK",
      "[100::1], DISCARD",
      "[fd00:ec2::254], CLOUD_METADATA",
      "[4000::1], RESERVED",
      "[::ffff:127.0.0.1], LOOPBACK",
      "[::ffff:7f00:1], LOOPBACK",
      "[::ffff:169.254.169.254], CLOUD_METADATA",
      "[::ffff:a9fe:a9fe], CLOUD_METADATA",
      "[::ffff:8.8.8.8], PUBLIC",
      "[::127.0.0.1], LOOPBACK",
      "[::10.0.0.1], PRIVATE",
      "[::ffff:0:10.0.0.1], PRIVATE",
      "[64:ff9b::a9fe:a9fe], CLOUD_METADATA",
      "[64:ff9b::10.0.0.1], PRIVATE",
      "[64:ff9b:1::c0a8:1], PRIVATE",
      "[2002:7f00:1::], LOOPBACK",
      "[2002:a9fe:a9fe::1], CLOUD_METADATA",
      "[2002:0808:0808::1], PUBLIC",
      "[2001:0:4136:e378:8000:63bf:f5ff:fffe], PRIVATE",
      "[2001:0:4136:e378:8000:63bf:80ff:fffe], LOOPBACK"})
  void classifiesEveryRangeAndEveryEmbedding(String address, AddressCategory expected) {
    assertThat(AddressClassifier.classify(literal(address))).isEqualTo(expected);
  }

  @Test
  void operatorRangesAllowPrivateAddressesButNeverMetadata() {
    NetworkPolicy local = NetworkPolicy.allowing(List.of("127.0.0.0/8", "10.0.0.0/8", "169.254.0.0/16", "fd00::/8"));
    assertThat(local.blockReason(literal("127.0.0.1"))).isNull();
    assertThat(local.blockReason(literal("[::ffff:127.0.0.1]"))).isNull();
    assertThat(local.blockReason(literal("10.9.9.9"))).isNull();
    assertThat(local.blockReason(literal("192.168.1.1"))).contains("private");
    assertThat(local.blockReason(literal("169.254.1.1"))).isNull();
    assertThat(local.blockReason(literal("169.254.169.254"))).contains("metadata");
    assertThat(local.blockReason(literal("[fd00:ec2::254]"))).contains("metadata");
    NetworkPolicy everything = NetworkPolicy.allowing(List.of("0.0.0.0/0", "::/0"));
    assertThat(everything.blockReason(literal("169.254.169.254"))).contains("metadata");
    assertThat(everything.blockReason(literal("[::ffff:169.254.169.254]"))).contains("metadata");
    assertThat(everything.blockReason(literal("100.100.100.200"))).contains("metadata");
    assertThat(NetworkPolicy.publicOnly().blockReason(literal("8.8.4.4"))).isNull();
  }

  @Test
  void rangesParseStrictly() {
    assertThat(IpRange.parse("10.0.0.0/8").contains(literal("10.255.0.1"))).isTrue();
    assertThat(IpRange.parse("10.0.0.0/8").contains(literal("11.0.0.1"))).isFalse();
    assertThat(IpRange.parse("192.168.1.7").contains(literal("192.168.1.7"))).isTrue();
    assertThat(IpRange.parse("fd00::/8").contains(literal("[fdff::1]"))).isTrue();
    assertThatThrownBy(() -> IpRange.parse("10.0.0.0/33")).hasMessageContaining("prefix");
    assertThatThrownBy(() -> IpRange.parse("localhost")).hasMessageContaining("not an IP");
    assertThatThrownBy(() -> IpRange.parse("010.0.0.0/8")).hasMessageContaining("not an IP");
    assertThatThrownBy(() -> IpRange.parse("10.0/8")).hasMessageContaining("not an IP");
  }
}
