package dev.cask.maven.mojo;

import java.util.Locale;

/**
 * What a user reads when a goal runs out of memory, instead of a bare {@code OutOfMemoryError}: which memory ran out,
 * how much the JVM had, and what to do about it.
 */
final class OutOfMemoryMessage {
  private OutOfMemoryMessage() {}

  /**
   * @param goal the goal, e.g. {@code compile}
   * @param error what the JVM threw
   * @param maxHeapBytes the JVM's largest heap ({@link Runtime#maxMemory()})
   */
  static String of(String goal, OutOfMemoryError error, long maxHeapBytes) {
    String jvm = error.getMessage() == null ? "" : error.getMessage();
    String lower = jvm.toLowerCase(Locale.ROOT);
    String what;
    String fix;
    if (lower.contains("array size") || lower.contains("array length")) {
      what = "a file it writes would be larger than the largest array Java can hold (2 GB)";
      fix = "compile fewer operations per toolpack (-Dcask.operations, or -Dcask.allowHosts for fewer hosts)";
    } else if (lower.contains("metaspace")) {
      what = "the JVM's class metadata space (Metaspace) is full";
      fix = "raise -XX:MaxMetaspaceSize in MAVEN_OPTS or .mvn/jvm.config";
    } else if (lower.contains("direct buffer")) {
      what = "the JVM's direct buffer memory is full";
      fix = "raise -XX:MaxDirectMemorySize in MAVEN_OPTS or .mvn/jvm.config";
    } else if (lower.contains("native thread")) {
      what = "the operating system refused another thread";
      fix = "raise the process limit (ulimit -u) or run fewer builds at once";
    } else {
      what = String.format(Locale.ROOT, "the Java heap is full (Maven's JVM may use at most %,d MB)",
          maxHeapBytes / (1024 * 1024));
      fix = String.format(Locale.ROOT, "give Maven's JVM a larger heap, e.g. MAVEN_OPTS=\"-Xmx%dg\" or -Xmx%dg in"
          + " .mvn/jvm.config, or compile fewer operations per toolpack (-Dcask.operations, or -Dcask.allowHosts)",
          suggestedGigabytes(maxHeapBytes), suggestedGigabytes(maxHeapBytes));
    }
    return "Cask " + goal + " ran out of memory: " + what + (jvm.isEmpty() ? "" : " (" + jvm + ")")
        + ". Large descriptions whose operations reach many shared schemas make large toolpacks: each tool carries"
        + " the schemas it reaches. Fix: " + fix + ".";
  }

  /** Twice the current heap, in whole gigabytes, at least 2. */
  private static long suggestedGigabytes(long maxHeapBytes) {
    return Math.max(2, (2 * maxHeapBytes + (1L << 30) - 1) >> 30);
  }
}
