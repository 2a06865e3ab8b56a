package dev.cask.maven.mint;

import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The class loader {@code cask:mint} drives the browser in: the browser library's jars (resolved only when mint runs)
 * and Cask's own {@code dev.cask.maven.mint.browser} classes, over the JDK alone. Only Cask's other classes come from
 * the plugin (the types that cross the boundary: {@link BrowserDriver}, {@link RecordedCall}); nothing of the library
 * (Selenium, Guava, OpenTelemetry) can clash with, or leak into, the plugin or the build.
 */
public final class IsolatedBrowserLoader extends URLClassLoader {
  static final String BROWSER_PACKAGE = "dev.cask.maven.mint.browser.";
  static final String IMPLEMENTATION = BROWSER_PACKAGE + "SeleniumBrowser";

  static {
    registerAsParallelCapable();
  }

  private final ClassLoader plugin;

  private IsolatedBrowserLoader(URL[] urls, ClassLoader plugin) {
    super("cask-mint-browser", urls, ClassLoader.getPlatformClassLoader());
    this.plugin = plugin;
  }

  /**
   * The loader for these library jars.
   *
   * @param libraryJars the browser library and its dependencies
   */
  public static IsolatedBrowserLoader of(List<Path> libraryJars) {
    List<URL> urls = new ArrayList<>();
    urls.add(IsolatedBrowserLoader.class.getProtectionDomain().getCodeSource().getLocation());
    for (Path jar : libraryJars) {
      try {
        urls.add(jar.toUri().toURL());
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException("not a usable path: " + jar, e);
      }
    }
    return new IsolatedBrowserLoader(urls.toArray(URL[]::new), IsolatedBrowserLoader.class.getClassLoader());
  }

  /**
   * A new browser, not started yet. Every call into it runs with this loader as the thread's context class loader:
   * the library finds its service implementations ({@code META-INF/services}) through it, and the threads it starts
   * inherit it, so it never sees another copy of itself on the caller's class path.
   */
  public BrowserDriver newBrowser() {
    BrowserDriver browser;
    ClassLoader caller = Thread.currentThread().getContextClassLoader();
    Thread.currentThread().setContextClassLoader(this);
    try {
      Class<?> type = Class.forName(IMPLEMENTATION, true, this);
      browser = (BrowserDriver) type.getConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new IllegalStateException("cannot load the browser library: " + e, e);
    } finally {
      Thread.currentThread().setContextClassLoader(caller);
    }
    InvocationHandler inLoader = (proxy, method, args) -> {
      ClassLoader previous = Thread.currentThread().getContextClassLoader();
      Thread.currentThread().setContextClassLoader(this);
      try {
        return method.invoke(browser, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      } finally {
        Thread.currentThread().setContextClassLoader(previous);
      }
    };
    return (BrowserDriver) Proxy.newProxyInstance(BrowserDriver.class.getClassLoader(), new Class<?>[] {BrowserDriver.class}, inLoader);
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (name.startsWith("dev.cask.") && !name.startsWith(BROWSER_PACKAGE)) {
      return plugin.loadClass(name);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> loaded = findLoadedClass(name);
      if (loaded == null) {
        loaded = super.loadClass(name, false);
      }
      if (resolve) {
        resolveClass(loaded);
      }
      return loaded;
    }
  }

  @Override
  public void close() {
    try {
      super.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
