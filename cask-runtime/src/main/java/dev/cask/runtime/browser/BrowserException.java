package dev.cask.runtime.browser;

/**
 * A browser session failed. {@link #code()} is the WebDriver error code ({@code timeout}, {@code javascript error},
 * {@code unknown error} ...) or Cask's own ({@code start-failed}, {@code driver-gone}); the message never quotes page
 * content.
 */
public final class BrowserException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String code;

  public BrowserException(String code, String message) {
    super(message);
    this.code = code;
  }

  public BrowserException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
