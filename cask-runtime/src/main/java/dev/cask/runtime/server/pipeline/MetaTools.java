package dev.cask.runtime.server.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.server.spi.ConfirmationAnswer;
import dev.cask.runtime.server.spi.ConfirmationPrompt;
import dev.cask.runtime.server.spi.GovernedTools;
import dev.cask.runtime.server.spi.MetaTool;
import dev.cask.runtime.server.spi.ToolCall;
import dev.cask.runtime.server.spi.ToolCallOutcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Tools the server answers itself ({@link MetaTool}), served through the same transports as the toolpack's tools.
 *
 * <ul>
 *   <li>{@link #beside}: next to the pipeline ({@code serve --proposals}): every other call goes to the pipeline, each
 *       meta call is audited by it like any decision, and a denial of an unknown tool or by the policy tells the agent
 *       how to ask for it (the same text for a tool that never existed and a blocked one, so it reveals nothing);
 *   <li>{@link #alone}: only meta tools (the read-only {@code inspect} server): nothing is sent, nothing is written.
 * </ul>
 *
 * A meta tool's own failure is a denial with {@code error_internal}, never an exception to the transport.
 */
public final class MetaTools implements GovernedTools {
  private static final System.Logger LOG = System.getLogger(MetaTools.class.getName());
  /** The denials the hint is added to. */
  private static final Set<String> HINTED =
      Set.of(ReasonCodes.UNKNOWN_TOOL, ReasonCodes.POLICY_DENY, ReasonCodes.POLICY_DEFAULT_DENY);

  private final GovernedPipeline pipeline;
  private final Map<String, MetaTool> meta;
  private final List<ToolDefinition> listed;
  private final String denialHint;

  private MetaTools(GovernedPipeline pipeline, List<MetaTool> tools, String denialHint) {
    this.pipeline = pipeline;
    Map<String, MetaTool> byName = new LinkedHashMap<>();
    for (MetaTool tool : tools) {
      byName.put(tool.definition().name(), tool);
    }
    this.meta = Map.copyOf(byName);
    List<ToolDefinition> all = new ArrayList<>(pipeline == null ? List.of() : pipeline.listTools());
    for (ToolDefinition definition : all) {
      if (meta.containsKey(definition.name())) {
        throw new CaskException("toolpack", "tool " + definition.name(), "a tool of the toolpack has the name of a tool"
            + " the Cask server answers itself", "rename the operation in the source (or serve without the option that"
            + " adds " + definition.name() + ")");
      }
    }
    tools.forEach(tool -> all.add(tool.definition()));
    all.sort(Comparator.comparing(ToolDefinition::name));
    this.listed = List.copyOf(all);
    this.denialHint = denialHint;
  }

  /**
   * The pipeline's tools and these meta tools.
   *
   * @param denialHint added to the text of a denial of an unknown tool or by the policy, or null for none
   * @throws CaskException when a toolpack tool has a meta tool's name
   */
  public static GovernedTools beside(GovernedTools pipeline, List<MetaTool> tools, String denialHint) {
    if (!(pipeline instanceof GovernedPipeline governed)) {
      throw new IllegalArgumentException("meta tools are served beside the governed pipeline only (it audits them)");
    }
    return new MetaTools(governed, List.copyOf(tools), denialHint);
  }

  /** Only these meta tools, answered without an audit record (they read; they change nothing). */
  public static GovernedTools alone(List<MetaTool> tools) {
    return new MetaTools(null, List.copyOf(tools), null);
  }

  @Override
  public List<ToolDefinition> listTools() {
    return listed;
  }

  @Override
  public JsonNode advertisedInputSchema(ToolDefinition tool) {
    return meta.containsKey(tool.name()) || pipeline == null ? tool.inputSchema() : pipeline.advertisedInputSchema(tool);
  }

  @Override
  public ToolCallOutcome call(ToolCall call) {
    MetaTool tool = meta.get(call.tool());
    if (tool != null) {
      ToolCallOutcome outcome = answer(tool, call);
      return pipeline == null ? outcome : pipeline.recordMetaCall(call.sessionId(), call.tool(), outcome);
    }
    if (pipeline == null) {
      return Outcomes.deny(ReasonCodes.UNKNOWN_TOOL,
          "there is no tool named '" + Texts.printable(call.tool()) + "'; list the tools to see which exist");
    }
    ToolCallOutcome outcome = pipeline.call(call);
    if (denialHint == null || !HINTED.contains(outcome.reasonCode())) {
      return outcome;
    }
    return new ToolCallOutcome(outcome.decision(), outcome.reasonCode(), outcome.text() + "\n" + denialHint,
        outcome.structuredContent(), outcome.isError(), outcome.challengeId(), outcome.meta());
  }

  private static ToolCallOutcome answer(MetaTool tool, ToolCall call) {
    try {
      return tool.call(call.sessionId(), call.arguments());
    } catch (Throwable e) {
      LOG.log(System.Logger.Level.ERROR, "internal error in " + call.tool(), e);
      return Outcomes.deny(ReasonCodes.ERROR_INTERNAL, "internal error; the operator finds the details in the server log");
    }
  }

  @Override
  public ToolCallOutcome refuse(String sessionId, String tool, String problem) {
    return pipeline == null ? Outcomes.deny(ReasonCodes.INVALID_REQUEST, problem) : pipeline.refuse(sessionId, tool, problem);
  }

  @Override
  public Optional<ConfirmationPrompt> describeConfirmation(String challengeId) {
    return pipeline == null ? Optional.empty() : pipeline.describeConfirmation(challengeId);
  }

  @Override
  public ToolCallOutcome answerConfirmation(String sessionId, String challengeId, ConfirmationAnswer answer) {
    return pipeline == null
        ? GovernedTools.super.answerConfirmation(sessionId, challengeId, answer)
        : pipeline.answerConfirmation(sessionId, challengeId, answer);
  }
}
