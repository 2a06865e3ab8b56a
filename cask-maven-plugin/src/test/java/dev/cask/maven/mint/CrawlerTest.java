package dev.cask.maven.mint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CrawlerTest {
  @Test
  void leavesAloneWhatDeletesOrSignsOutAsWholeWords() {
    assertThat(Crawler.avoided("Delete all done")).isTrue();
    assertThat(Crawler.avoided("Remove item")).isTrue();
    assertThat(Crawler.avoided("cancelOrder")).isTrue();
    assertThat(Crawler.avoided("Log out")).isTrue();
    assertThat(Crawler.avoided("/account/signout")).isTrue();
    assertThat(Crawler.avoided("Add")).isFalse();
    assertThat(Crawler.avoided("Cancelled orders")).as("not the word 'cancel'").isFalse();
    assertThat(Crawler.avoided("Load more")).isFalse();
    assertThat(Crawler.avoided(null)).isFalse();
  }
}
