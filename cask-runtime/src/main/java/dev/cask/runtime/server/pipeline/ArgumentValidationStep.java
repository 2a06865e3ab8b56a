package dev.cask.runtime.server.pipeline;

import dev.cask.runtime.server.spi.ToolCallOutcome;
import java.util.List;

/**
 * Step 4: the arguments {@link ArgumentReadingStep} read must validate against the tool's approved input schema
 * (closed: an undeclared argument is an error, and so is an undeclared property of the request body, see
 * {@link ServedTool#inputSchema}). Runs after {@link StaticDenyStep}: a caller learns the schema of a tool only when
 * the policy may let some call of it through.
 */
final class ArgumentValidationStep implements PipelineStep {
  private static final int MAX_PROBLEMS_SHOWN = 5;
  /** Each problem names an instance location the agent chose: keep what is echoed short. */
  private static final int MAX_PROBLEM_LENGTH = 300;

  @Override
  public ToolCallOutcome apply(CallContext context) {
    if (context.argumentsProblem != null) {
      return Outcomes.deny(ReasonCodes.INVALID_ARGUMENTS, context.argumentsProblem);
    }
    List<String> problems = context.tool.inputSchema().validate(context.arguments);
    if (!problems.isEmpty()) {
      String shown = String.join("; ",
          problems.subList(0, Math.min(MAX_PROBLEMS_SHOWN, problems.size())).stream().map(ArgumentValidationStep::shorten).toList());
      String more = problems.size() > MAX_PROBLEMS_SHOWN ? " (and " + (problems.size() - MAX_PROBLEMS_SHOWN) + " more)" : "";
      return Outcomes.deny(ReasonCodes.INVALID_ARGUMENTS, "the arguments do not match the tool's input schema: " + shown + more);
    }
    return null;
  }

  private static String shorten(String problem) {
    return problem.length() <= MAX_PROBLEM_LENGTH ? problem : problem.substring(0, MAX_PROBLEM_LENGTH) + "…";
  }
}
