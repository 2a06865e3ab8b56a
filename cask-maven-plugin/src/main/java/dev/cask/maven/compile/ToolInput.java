package dev.cask.maven.compile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.model.toolpack.RequestBinding;
import java.util.List;

/**
 * A tool's input schema with the binding that maps each of its properties onto the request.
 *
 * @param schema the input schema (root {@code type: object})
 * @param binding where each argument goes
 * @param dropped parameters left out of the schema and why (credentials are the operator's, never the agent's)
 * @param warnings what the user should know about the schema (a body place that takes only an empty object)
 */
record ToolInput(ObjectNode schema, RequestBinding binding, List<String> dropped, List<String> warnings) {}
