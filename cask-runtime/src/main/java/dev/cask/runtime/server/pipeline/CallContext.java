package dev.cask.runtime.server.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.policy.PolicyVerdict;
import dev.cask.runtime.server.spi.ToolCall;
import dev.cask.runtime.server.upstream.UpstreamRequest;
import dev.cask.runtime.server.upstream.UpstreamResponse;

/** The state of one call as it moves through the steps; confined to the calling thread. */
final class CallContext {
  final ToolCall call;
  final long startNanos;
  ServedTool tool;
  ObjectNode arguments;
  boolean dryRun;
  String confirmationId;
  String argumentsDigest;
  String argumentsHmac;
  /** What is wrong with the arguments as read (not an object, beyond the limits ...), reported after the static deny. */
  String argumentsProblem;
  PolicyVerdict verdict;
  UpstreamRequest request;
  UpstreamResponse response;
  String challengeId;
  /** How the redeemed challenge was approved ({@code cli}, {@code elicitation}), or null. */
  String approvedVia;
  /** The sequence number of the call's intent record once its request is about to leave, or null. */
  Long intent;

  CallContext(ToolCall call, long startNanos) {
    this.call = call;
    this.startNanos = startNanos;
    this.dryRun = call.dryRun();
    this.confirmationId = call.confirmationId();
  }
}
