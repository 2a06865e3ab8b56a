package dev.cask.runtime.server.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} (the Debian package; {@code .ci/run} installs it) on a free loopback port, with its data
 * in a directory of the test: an append-only file forced to disk on every write, so a {@code kill -9} loses nothing
 * and {@link #restart} brings the same data back. Killed on close.
 */
public final class RedisServer implements AutoCloseable {
  private final Path dir;
  private final int port;
  private final String appendfsync;
  private final List<String> extra;
  private Process process;

  private RedisServer(Path dir, int port, String appendfsync, List<String> extra) {
    this.dir = dir;
    this.port = port;
    this.appendfsync = appendfsync;
    this.extra = List.copyOf(extra);
  }

  /** Starts a server with its data in {@code dir}, every write forced to disk before it is answered. */
  public static RedisServer start(Path dir) {
    return start(dir, "always");
  }

  /**
   * Starts a server with its data in {@code dir}; {@code appendfsync} is Redis's own setting: {@code always} (nothing
   * acknowledged is lost), {@code everysec} (Redis's default with an append-only file) or {@code no}.
   */
  public static RedisServer start(Path dir, String appendfsync) {
    return start(dir, appendfsync, List.of());
  }

  /** Starts a server with more {@code redis-server} options (TLS, a password ...). */
  public static RedisServer start(Path dir, String appendfsync, List<String> options) {
    try {
      Files.createDirectories(dir);
      IOException last = null;
      for (int attempt = 0; attempt < 5; attempt++) {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
          port = probe.getLocalPort();
        }
        RedisServer server = new RedisServer(dir, port, appendfsync, options);
        try {
          server.launch();
          return server;
        } catch (IOException e) { // the port was taken between the probe and the start: another one
          last = e;
          server.close();
        }
      }
      throw new UncheckedIOException(last);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void launch() throws IOException {
    List<String> command = new ArrayList<>(List.of(executable(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
        "--dir", dir.toString(), "--save", "", "--appendonly", "yes", "--appendfsync", appendfsync, "--daemonize", "no",
        "--logfile", dir.resolve("redis.log").toString()));
    command.addAll(extra);
    process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("redis-server exited: " + log());
      }
      if (ping()) {
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
    }
    throw new IOException("redis-server did not answer within 30 s: " + log());
  }

  private static String executable() {
    for (String candidate : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    return "redis-server";
  }

  /** Whether the server answers PING with PONG (the RESP protocol by hand: a test probe, not the product's client). */
  public boolean ping() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      socket.setSoTimeout(2000);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] answer = new byte[7];
      int read = in.readNBytes(answer, 0, 7);
      String text = new String(answer, 0, read, StandardCharsets.US_ASCII);
      return text.equals("+PONG\r\n") || text.startsWith("-NOAUTH"); // up, and asking for its password
    } catch (IOException e) {
      return false;
    }
  }

  public String url() {
    return "redis://127.0.0.1:" + port + "/0";
  }

  public int port() {
    return port;
  }

  /** The server's process id (to stop and continue it: a server that hangs). */
  public long pid() {
    return process.pid();
  }

  /** {@code kill -9}: no shutdown, nothing saved but what the append-only file already holds. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Starts the server again on the same port and data (after {@link #kill}). */
  public void restart() {
    try {
      launch();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String log() {
    try {
      Path log = dir.resolve("redis.log");
      return Files.exists(log) ? Files.readString(log) : "(no log)";
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    if (process != null) {
      kill();
    }
  }
}
