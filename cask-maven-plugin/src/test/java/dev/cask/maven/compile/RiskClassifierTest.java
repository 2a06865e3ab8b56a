package dev.cask.maven.compile;

import static dev.cask.maven.compile.Ops.op;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.capture.Capture;
import dev.cask.runtime.model.capture.CapturedOperation;
import dev.cask.runtime.model.toolpack.Risk;
import org.junit.jupiter.api.Test;

class RiskClassifierTest {
  private static Risk classify(CapturedOperation operation) {
    Capture capture = Ops.capture(operation);
    return new RiskClassifier("api.example.com", capture.schemas()).classify(operation);
  }

  @Test
  void methodDecidesTheBaseTier() {
    assertThat(classify(op("GET", "/users").build()).tier()).isEqualTo(RiskTier.READ);
    assertThat(classify(op("HEAD", "/users").build()).tier()).isEqualTo(RiskTier.READ);
    assertThat(classify(op("POST", "/users").build()).tier()).isEqualTo(RiskTier.WRITE);
    assertThat(classify(op("PUT", "/users/{id}").build()).tier()).isEqualTo(RiskTier.WRITE);
    assertThat(classify(op("PATCH", "/users/{id}").build()).tier()).isEqualTo(RiskTier.WRITE);
    Risk delete = classify(op("DELETE", "/users/{id}").build());
    assertThat(delete.tier()).isEqualTo(RiskTier.DESTRUCTIVE);
    assertThat(delete.reasons()).contains("method DELETE deletes");
  }

  @Test
  void destructiveWordsCountOnlyForStateChangingCalls() {
    assertThat(classify(op("POST", "/orders/{id}/cancel").build()).tier()).isEqualTo(RiskTier.DESTRUCTIVE);
    assertThat(classify(op("POST", "/jobs").id("purgeJobs").build()).reasons())
        .contains("destructive word 'purge' in path or operationId");
    assertThat(classify(op("GET", "/orders/cancelled").build()).tier()).isEqualTo(RiskTier.READ);
  }

  @Test
  void sensitiveWordsAreWholeWordsNotSubstrings() {
    assertThat(classify(op("GET", "/authors").build()).tier()).isEqualTo(RiskTier.READ);
    assertThat(classify(op("GET", "/badminton/courts").build()).tier()).isEqualTo(RiskTier.READ);
    assertThat(classify(op("GET", "/tokenizer").build()).tier()).isEqualTo(RiskTier.READ);
    Risk admin = classify(op("GET", "/admin/users").build());
    assertThat(admin.tier()).isEqualTo(RiskTier.SENSITIVE);
    assertThat(admin.reasons()).contains("sensitive word 'admin' in path or operationId");
    assertThat(classify(op("POST", "/oauth2/authorize").build()).tier()).isEqualTo(RiskTier.SENSITIVE);
    assertThat(classify(op("GET", "/user/keys").build()).tier()).isEqualTo(RiskTier.SENSITIVE);
    assertThat(classify(op("GET", "/users/{id}").id("getApiTokens").build()).tier()).isEqualTo(RiskTier.SENSITIVE);
  }

  @Test
  void sensitiveBodyFieldsAndParametersAtAnyDepth() {
    Risk password = classify(op("PATCH", "/users/{id}")
        .body("application/json", "{'type':'object','properties':{'profile':{'type':'object','properties':{'newPassword':{'type':'string'}}}}}", true)
        .build());
    assertThat(password.tier()).isEqualTo(RiskTier.SENSITIVE);
    assertThat(password.reasons()).contains("sensitive body field 'newPassword' (password)");

    assertThat(classify(op("POST", "/payments").body("application/json", "{'type':'object','properties':{'amount':{'type':'number'}}}", true).build())
        .tier()).isEqualTo(RiskTier.SENSITIVE);
    assertThat(classify(op("GET", "/people").param("query", "email", false, "{'type':'string'}").build()).reasons())
        .contains("sensitive query parameter 'email' (email)");
    assertThat(RiskClassifier.sensitiveField("private_key")).isEqualTo("private key");
    assertThat(RiskClassifier.sensitiveField("keyword")).isNull();
    assertThat(RiskClassifier.sensitiveField("role_ids")).isEqualTo("role");
    assertThat(classify(op("POST", "/notes").body("application/json", "{'type':'object','properties':{'title':{'type':'string'},'body':{'type':'string'}}}", true).build())
        .tier()).isEqualTo(RiskTier.WRITE);
  }

  @Test
  void sensitiveOAuthScopes() {
    Risk risk = classify(op("GET", "/orgs/{org}/settings").security("oauth", "admin:org").build());
    assertThat(risk.tier()).isEqualTo(RiskTier.SENSITIVE);
    assertThat(risk.reasons()).contains("sensitive OAuth scope 'admin:org'");
    assertThat(classify(op("GET", "/me").security("oauth", "read:user").build()).tier()).isEqualTo(RiskTier.READ);
  }

  @Test
  void aThirdPartyHostLiftsAReadToWrite() {
    Risk risk = classify(op("GET", "/collect").baseUrl("https://tracker.other.net").build());
    assertThat(risk.tier()).isEqualTo(RiskTier.WRITE);
    assertThat(risk.reasons()).contains("host 'tracker.other.net' is not the primary host 'api.example.com'");
  }
}
