package dev.cask.maven.importers.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cask.runtime.model.capture.TemplatingDecision;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PathTemplaterTest {
  private static PathTemplater.Template template(String path) {
    PathTemplater.Prepared prepared = PathTemplater.prepare(path, null);
    return PathTemplater.name(prepared.tokens(), prepared.reasons());
  }

  @Test
  void distinctPlaceholderNamesFromThePrecedingSegment() {
    PathTemplater.Template t = template("/users/17/orders/3f2b8c1e-9a7d-4c1b-8e2f-1a2b3c4d5e6f/line-items/5");
    assertThat(t.path()).isEqualTo("/users/{userId}/orders/{orderId}/line-items/{lineItemId}");
    assertThat(t.decisions()).containsExactly(
        new TemplatingDecision(1, "userId", "integer"), new TemplatingDecision(3, "orderId", "uuid"),
        new TemplatingDecision(5, "lineItemId", "integer"));
    assertThat(template("/17/42").path()).as("no word before: id, then id2").isEqualTo("/{id}/{id2}");
    assertThat(template("/categories/9/boxes/8/addresses/7/status/6").path())
        .isEqualTo("/categories/{categoryId}/boxes/{boxId}/addresses/{addressId}/status/{statusId}");
  }

  @Test
  void valueClassesAreTemplatedVersionsNever() {
    assertThat(template("/api/v2/things/65a1b2c3d4e5f6a7b8c9d0e1").path()).isEqualTo("/things/{thingId}");
    assertThat(template("/api/v2/things/65a1b2c3d4e5f6a7b8c9d0e1").basePath()).isEqualTo("/api/v2");
    assertThat(template("/api-v3/files/d41d8cd98f00b204e9800998ecf8427e").basePath()).isEqualTo("/api-v3");
    assertThat(template("/api-v3/files/d41d8cd98f00b204e9800998ecf8427e").decisions().get(0).reason()).isEqualTo("hex-hash");
    assertThat(template("/v1beta1/projects/p/reports/2024-05-01").decisions()).containsExactly(new TemplatingDecision(3, "reportId", "date"));
    assertThat(template("/api/2024-01-01/users/5").basePath()).as("a date API version").isEqualTo("/api/2024-01-01");
    assertThat(template("/customers/cus_9sJd82KdlQ02x/charges").decisions().get(0).reason()).isEqualTo("prefixed-id");
    assertThat(template("/share/Zx9K2mQpL0aT4vB7nR1cY8eW").decisions().get(0).reason()).isEqualTo("opaque-token");
    assertThat(template("/users/%5BREDACTED%3Aemail%5D/profile").decisions().get(0).reason()).isEqualTo("email");
    assertThat(template("/users/me/settings").decisions()).as("plain words stay").isEmpty();
    assertThat(template("/oauth2/token").decisions()).isEmpty();
  }

  @Test
  void slugsBecomeParametersOnlyWhenTheyVary() {
    List<PathTemplater.Prepared> paths = List.of(
        PathTemplater.prepare("/products/blue-widget", null), PathTemplater.prepare("/products/red-gadget", null),
        PathTemplater.prepare("/guides/getting-started", null), PathTemplater.prepare("/products/blue-widget/reviews", null));
    Map<String, Set<Integer>> varying = PathTemplater.varyingSlugs(paths);
    assertThat(varying).containsOnlyKeys("/products/blue-widget", "/products/red-gadget");
    assertThat(varying.get("/products/blue-widget")).containsExactly(1);
  }

  @Test
  void aFittingRouteDecidesAUselessOneIsIgnored() {
    PathTemplater.Prepared routed = PathTemplater.prepare("/teams/acme/members/7", "/teams/:team/members/{id}");
    assertThat(routed.routed()).isTrue();
    assertThat(PathTemplater.name(routed.tokens(), routed.reasons()).path()).isEqualTo("/teams/{teamId}/members/{memberId}");
    assertThat(routed.reasons().get(3)).containsExactly("http-route", "integer");
    assertThat(PathTemplater.prepare("/teams/acme/members/7", "/").routed()).isFalse();
    assertThat(PathTemplater.prepare("/teams/acme/members/7", "/teams/:team/admins/{id}").routed()).isFalse();
  }

  @Test
  void literalBracesCannotForgeAPlaceholder() {
    assertThat(template("/files/{evil}/x").path()).isEqualTo("/files/%7Bevil%7D/x");
  }
}
