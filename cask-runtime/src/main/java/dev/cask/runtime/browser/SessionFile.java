package dev.cask.runtime.browser;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.cask.runtime.CaskException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A logged-in browser session given by path: a storage-state file (Playwright's {@code storageState} JSON: cookies and
 * each origin's {@code localStorage}), a JSON array of cookies (browser extensions' export) or a Netscape
 * {@code cookies.txt}. The values are handed to the browser and nowhere else: no message and no {@code toString} of
 * this type quotes a value, and nothing of it is written to any file.
 */
public final class SessionFile {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private SessionFile() {}

  /** One cookie. {@link #toString} leaves the value out. */
  public record Cookie(
      String name, String value, String domain, String path, boolean secure, boolean httpOnly, String sameSite,
      double expires) {
    public Cookie {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(domain, "domain");
      path = path == null || path.isEmpty() ? "/" : path;
    }

    /** The parameters of a DevTools {@code Network.setCookies} entry. */
    public Map<String, Object> devtools() {
      Map<String, Object> cookie = new LinkedHashMap<>();
      cookie.put("name", name);
      cookie.put("value", value);
      cookie.put("domain", domain);
      cookie.put("path", path);
      cookie.put("secure", secure);
      cookie.put("httpOnly", httpOnly);
      if (sameSite != null) {
        cookie.put("sameSite", sameSite);
      }
      if (expires > 0) {
        cookie.put("expires", expires);
      }
      return cookie;
    }

    @Override
    public String toString() {
      return "cookie " + name + " for " + domain + path;
    }
  }

  /**
   * What a session file holds.
   *
   * @param cookies the cookies
   * @param localStorage origin → item name → value
   */
  public record Session(List<Cookie> cookies, Map<String, Map<String, String>> localStorage) {
    public Session {
      cookies = List.copyOf(cookies);
      Map<String, Map<String, String>> copy = new LinkedHashMap<>();
      localStorage.forEach((origin, items) -> copy.put(origin, Map.copyOf(items)));
      localStorage = java.util.Collections.unmodifiableMap(copy);
    }

    /** A script that puts each origin's items into its {@code localStorage}, once per tab, before the page runs. */
    public String localStorageScript() {
      if (localStorage.isEmpty()) {
        return null;
      }
      String data;
      try {
        data = JSON.writeValueAsString(localStorage);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
      return "(() => { const items = " + data + "[location.origin]; if (!items) return;"
          + " try { if (sessionStorage.getItem('__caskSession')) return; sessionStorage.setItem('__caskSession', '1');"
          + " for (const [k, v] of Object.entries(items)) localStorage.setItem(k, v); } catch (e) {} })();";
    }

    /** Counts only: what a log line may say about a session. */
    public String summary() {
      int items = localStorage.values().stream().mapToInt(Map::size).sum();
      return cookies.size() + " cookie(s), " + items + " localStorage item(s) for " + localStorage.size() + " origin(s)";
    }

    @Override
    public String toString() {
      return "session (" + summary() + ")";
    }
  }

  /**
   * Reads a session file.
   *
   * @param setting how the user gave the file ({@code -Dcask.mint.session}), for messages
   * @throws CaskException naming the file and the place, never quoting a value
   */
  public static Session read(Path file, String setting) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new CaskException(setting, null, "the session file " + file + " does not exist", "give the path of a storage-state or cookies file");
    } catch (IOException e) {
      throw new CaskException(setting, null, "the session file " + file + " cannot be read: " + e.getClass().getSimpleName(),
          "check its permissions");
    }
    String text = new String(bytes, StandardCharsets.UTF_8).strip();
    if (text.startsWith("{") || text.startsWith("[")) {
      return json(text, file, setting);
    }
    return netscape(text, file, setting);
  }

  private static Session json(String text, Path file, String setting) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      // Jackson's message may quote the text: only the position.
      String at = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      throw new CaskException(file.toString(), at, "is not valid JSON", "export the session again as a storage-state file");
    }
    JsonNode cookies = root.isArray() ? root : root.path("cookies");
    List<Cookie> parsed = new ArrayList<>();
    for (int i = 0; i < cookies.size(); i++) {
      JsonNode cookie = cookies.get(i);
      String name = cookie.path("name").asText(null);
      String value = cookie.path("value").asText(null);
      String domain = cookie.path("domain").asText(null);
      if (name == null || value == null || domain == null) {
        throw new CaskException(file.toString(), (root.isArray() ? "" : "cookies") + "[" + i + "]",
            "a cookie needs name, value and domain", "export the session again");
      }
      double expires = cookie.has("expires") ? cookie.path("expires").asDouble(-1) : cookie.path("expirationDate").asDouble(-1);
      parsed.add(new Cookie(name, value, domain, cookie.path("path").asText("/"), cookie.path("secure").asBoolean(false),
          cookie.path("httpOnly").asBoolean(false), sameSite(cookie.path("sameSite").asText(null)), expires));
    }
    Map<String, Map<String, String>> storage = new LinkedHashMap<>();
    for (JsonNode origin : root.path("origins")) {
      String name = origin.path("origin").asText(null);
      if (name == null) {
        throw new CaskException(file.toString(), "origins", "an entry has no origin", "export the session again");
      }
      Map<String, String> items = new LinkedHashMap<>();
      for (JsonNode item : origin.path("localStorage")) {
        if (item.hasNonNull("name") && item.hasNonNull("value")) {
          items.put(item.get("name").asText(), item.get("value").asText());
        }
      }
      if (!items.isEmpty()) {
        storage.put(name, items);
      }
    }
    if (parsed.isEmpty() && storage.isEmpty()) {
      throw new CaskException(setting, null, "the session file " + file + " holds no cookie and no localStorage item",
          "export the session while logged in");
    }
    return new Session(parsed, storage);
  }

  private static String sameSite(String text) {
    if (text == null) {
      return null;
    }
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "strict" -> "Strict";
      case "lax" -> "Lax";
      case "none", "no_restriction" -> "None";
      default -> null;
    };
  }

  /** Netscape {@code cookies.txt}: domain, subdomains flag, path, secure, expiry, name, value (tab-separated). */
  private static Session netscape(String text, Path file, String setting) {
    List<Cookie> cookies = new ArrayList<>();
    String[] lines = text.split("\r?\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      boolean httpOnly = line.startsWith("#HttpOnly_");
      if (httpOnly) {
        line = line.substring("#HttpOnly_".length());
      } else if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split("\t", -1);
      if (fields.length != 7) {
        throw new CaskException(file.toString(), "line " + (i + 1),
            "is neither JSON nor a cookies.txt line (7 tab-separated fields)", "export the session as a storage-state or cookies.txt file");
      }
      double expires;
      try {
        expires = Double.parseDouble(fields[4]);
      } catch (NumberFormatException e) {
        throw new CaskException(file.toString(), "line " + (i + 1), "the expiry is not a number", "export the session again");
      }
      cookies.add(new Cookie(fields[5], fields[6], fields[0], fields[2], "TRUE".equalsIgnoreCase(fields[3]), httpOnly,
          null, expires));
    }
    if (cookies.isEmpty()) {
      throw new CaskException(setting, null, "the session file " + file + " holds no cookie", "export the session while logged in");
    }
    return new Session(cookies, Map.of());
  }
}
