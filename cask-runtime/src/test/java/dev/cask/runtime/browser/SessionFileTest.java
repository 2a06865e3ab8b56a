package dev.cask.runtime.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cask.runtime.CaskException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionFileTest {
  private static final String SECRET = "c2Vzc2lvbi12YWx1ZS10aGF0LWlzLXNlY3JldA";

  @TempDir Path dir;

  @Test
  void readsAStorageStateWithCookiesAndLocalStorage() throws Exception {
    Path file = Files.writeString(dir.resolve("state.json"), """
        {"cookies": [{"name": "sid", "value": "%s", "domain": "app.example.com", "path": "/", "expires": 1893456000,
                      "httpOnly": true, "secure": true, "sameSite": "Lax"}],
         "origins": [{"origin": "https://app.example.com", "localStorage": [{"name": "token", "value": "%s"}]}]}
        """.formatted(SECRET, SECRET));

    SessionFile.Session session = SessionFile.read(file, "-Dcask.mint.session");

    assertThat(session.cookies()).hasSize(1);
    assertThat(session.cookies().get(0).devtools()).containsEntry("name", "sid").containsEntry("value", SECRET)
        .containsEntry("domain", "app.example.com").containsEntry("httpOnly", true).containsEntry("sameSite", "Lax")
        .containsEntry("expires", 1893456000.0);
    assertThat(session.localStorage()).containsKey("https://app.example.com");
    assertThat(session.localStorageScript()).contains("\"token\"");
    assertThat(session.summary()).isEqualTo("1 cookie(s), 1 localStorage item(s) for 1 origin(s)");
    assertThat(session.toString()).doesNotContain(SECRET);
    assertThat(session.cookies().get(0).toString()).doesNotContain(SECRET).contains("sid");
  }

  @Test
  void readsANetscapeCookiesFile() throws Exception {
    Path file = Files.writeString(dir.resolve("cookies.txt"),
        "# Netscape HTTP Cookie File\n#HttpOnly_.example.com\tTRUE\t/\tTRUE\t0\tsid\t" + SECRET + "\n"
            + "example.com\tFALSE\t/app\tFALSE\t1893456000\ttheme\tdark\n");

    SessionFile.Session session = SessionFile.read(file, "--browser-session");

    assertThat(session.cookies()).extracting(SessionFile.Cookie::name).containsExactly("sid", "theme");
    assertThat(session.cookies().get(0).httpOnly()).isTrue();
    assertThat(session.cookies().get(0).secure()).isTrue();
    assertThat(session.cookies().get(1).path()).isEqualTo("/app");
    assertThat(session.localStorageScript()).isNull();
  }

  @Test
  void brokenFilesAreNamedWithoutQuotingAValue() throws Exception {
    Path json = Files.writeString(dir.resolve("bad.json"), "{\"cookies\": [{\"name\": \"sid\", \"value\": \"" + SECRET + "\"");
    assertThatThrownBy(() -> SessionFile.read(json, "-Dcask.mint.session"))
        .isInstanceOf(CaskException.class).hasMessageContaining("bad.json").hasMessageContaining("not valid JSON")
        .hasMessageNotContaining(SECRET);
    Path lines = Files.writeString(dir.resolve("bad.txt"), "example.com\tsid=" + SECRET + "\n");
    assertThatThrownBy(() -> SessionFile.read(lines, "-Dcask.mint.session"))
        .hasMessageContaining("line 1").hasMessageNotContaining(SECRET);
    Path noDomain = Files.writeString(dir.resolve("nodomain.json"), "[{\"name\": \"sid\", \"value\": \"" + SECRET + "\"}]");
    assertThatThrownBy(() -> SessionFile.read(noDomain, "-Dcask.mint.session"))
        .hasMessageContaining("[0]").hasMessageContaining("needs name, value and domain").hasMessageNotContaining(SECRET);
    assertThatThrownBy(() -> SessionFile.read(dir.resolve("missing.json"), "-Dcask.mint.session"))
        .hasMessageContaining("-Dcask.mint.session").hasMessageContaining("does not exist");
  }
}
