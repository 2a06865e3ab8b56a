package dev.cask.runtime.policy;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.cask.runtime.model.policy.ArgumentCondition;

/**
 * One compiled argument condition (see {@link ArgumentCondition} and the site page "Policy").
 *
 * <p>Semantics: a pointer that finds nothing satisfies {@code absent}, {@code notEquals} and {@code notIn} and nothing
 * else; {@code exists} holds for any present value, {@code null} included. Comparisons hold only between numbers;
 * {@code matches} holds only for strings and must match the whole string.
 *
 * <p>{@code matches} uses RE2/J: its automaton runs in time linear in the input whatever the pattern, so a policy
 * author cannot write a pattern an agent can make backtrack for minutes (ReDoS). Patterns and inputs are still capped
 * so that one call cannot make the engine scan megabytes.
 */
final class ArgumentMatcher {
  /** The longest regular expression a policy may use. */
  static final int MAX_PATTERN_LENGTH = 1024;
  /** The longest string value a {@code matches} condition evaluates; longer values make the call undecidable (deny). */
  static final int MAX_INPUT_LENGTH = 64 * 1024;

  private enum Op {
    EXISTS, ABSENT, EQUALS, NOT_EQUALS, IN, NOT_IN, LESS_THAN, LESS_OR_EQUAL, GREATER_THAN, GREATER_OR_EQUAL, MATCHES
  }

  private final String ruleId;
  private final JsonPointer pointer;
  private final Op op;
  private final JsonNode operand;
  private final Pattern pattern;

  private ArgumentMatcher(String ruleId, JsonPointer pointer, Op op, JsonNode operand, Pattern pattern) {
    this.ruleId = ruleId;
    this.pointer = pointer;
    this.op = op;
    this.operand = operand;
    this.pattern = pattern;
  }

  /** Compiles a condition, checking that its operand fits the operator. */
  static ArgumentMatcher compile(String ruleId, ArgumentCondition condition) {
    JsonPointer pointer;
    try {
      pointer = JsonPointer.compile(condition.pointer());
    } catch (IllegalArgumentException e) {
      throw problem(ruleId, condition, "is not a valid JSON pointer");
    }
    Op op = op(condition.op());
    JsonNode value = condition.value();
    Pattern pattern = null;
    switch (op) {
      case EXISTS, ABSENT -> {
        if (value != null && !value.isNull()) {
          throw problem(ruleId, condition, "takes no value");
        }
      }
      case EQUALS, NOT_EQUALS -> {
        if (value == null) {
          throw problem(ruleId, condition, "needs a value");
        }
      }
      case IN, NOT_IN -> {
        if (value == null || !value.isArray()) {
          throw problem(ruleId, condition, "needs an array value");
        }
      }
      case LESS_THAN, LESS_OR_EQUAL, GREATER_THAN, GREATER_OR_EQUAL -> {
        if (value == null || !value.isNumber()) {
          throw problem(ruleId, condition, "needs a number value");
        }
      }
      case MATCHES -> {
        if (value == null || !value.isTextual()) {
          throw problem(ruleId, condition, "needs a regular expression string");
        }
        if (value.textValue().length() > MAX_PATTERN_LENGTH) {
          throw problem(ruleId, condition, "has a regular expression longer than " + MAX_PATTERN_LENGTH + " characters");
        }
        try {
          pattern = Pattern.compile(value.textValue());
        } catch (PatternSyntaxException e) {
          throw problem(ruleId, condition, "has an invalid regular expression: " + e.getMessage());
        }
      }
    }
    return new ArgumentMatcher(ruleId, pointer, op, value, pattern);
  }

  /** Whether the condition holds for these arguments. */
  boolean test(JsonNode arguments) {
    JsonNode found = arguments.at(pointer);
    boolean missing = found.isMissingNode();
    switch (op) {
      case EXISTS:
        return !missing;
      case ABSENT:
        return missing;
      case EQUALS:
        return !missing && JsonValues.equal(found, operand);
      case NOT_EQUALS:
        return missing || !JsonValues.equal(found, operand);
      case IN:
        return !missing && contains(found);
      case NOT_IN:
        return missing || !contains(found);
      case LESS_THAN:
        return !missing && found.isNumber() && JsonValues.compareNumbers(found, operand) < 0;
      case LESS_OR_EQUAL:
        return !missing && found.isNumber() && JsonValues.compareNumbers(found, operand) <= 0;
      case GREATER_THAN:
        return !missing && found.isNumber() && JsonValues.compareNumbers(found, operand) > 0;
      case GREATER_OR_EQUAL:
        return !missing && found.isNumber() && JsonValues.compareNumbers(found, operand) >= 0;
      case MATCHES:
        if (missing || !found.isTextual()) {
          return false;
        }
        String text = found.textValue();
        if (text.length() > MAX_INPUT_LENGTH) {
          throw new PolicyUnevaluableException(
              ruleId, "value at " + pointer + " is longer than " + MAX_INPUT_LENGTH + " characters for 'matches'");
        }
        return pattern.matches(text);
      default:
        throw new IllegalStateException("unhandled operator " + op);
    }
  }

  private boolean contains(JsonNode found) {
    for (JsonNode candidate : operand) {
      if (JsonValues.equal(found, candidate)) {
        return true;
      }
    }
    return false;
  }

  private static Op op(String wire) {
    return switch (wire) {
      case "exists" -> Op.EXISTS;
      case "absent" -> Op.ABSENT;
      case "equals" -> Op.EQUALS;
      case "notEquals" -> Op.NOT_EQUALS;
      case "in" -> Op.IN;
      case "notIn" -> Op.NOT_IN;
      case "lessThan" -> Op.LESS_THAN;
      case "lessOrEqual" -> Op.LESS_OR_EQUAL;
      case "greaterThan" -> Op.GREATER_THAN;
      case "greaterOrEqual" -> Op.GREATER_OR_EQUAL;
      case "matches" -> Op.MATCHES;
      default -> throw new IllegalArgumentException("unknown argument operator '" + wire + "'");
    };
  }

  private static IllegalArgumentException problem(String ruleId, ArgumentCondition condition, String what) {
    return new IllegalArgumentException(
        "rule '" + ruleId + "': condition '" + condition.pointer() + " " + condition.op() + "' " + what);
  }
}
