package dev.cask.runtime.toolpack;

import java.util.Set;

/** The file names of a compiled toolpack (a directory or a zip with exactly these entries). */
public final class ToolpackFiles {
  public static final String MANIFEST = "toolpack.yaml";
  public static final String TOOLS = "tools.json";
  public static final String POLICY = "policy.yaml";
  public static final String CAPTURE = "capture.json";
  public static final String TOOLSETS = "toolsets.yaml";

  /** Files the manifest may list; tools and policy are required (toolpacks compiled before toolsets have none). */
  public static final Set<String> LISTED = Set.of(TOOLS, POLICY, CAPTURE, TOOLSETS);
  public static final Set<String> REQUIRED = Set.of(TOOLS, POLICY);

  /** The largest toolpack file the toolpack reader takes (a larger one is refused before it is parsed). */
  public static final long MAX_FILE_BYTES = 256L * 1024 * 1024;

  private ToolpackFiles() {}
}
