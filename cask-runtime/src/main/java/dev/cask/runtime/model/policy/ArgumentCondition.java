package dev.cask.runtime.model.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A condition on a call's arguments.
 *
 * @param pointer a JSON pointer into the arguments object, e.g. {@code /body/amount}
 * @param op {@code exists}, {@code absent}, {@code equals}, {@code notEquals}, {@code in}, {@code notIn},
 *     {@code lessThan}, {@code lessOrEqual}, {@code greaterThan}, {@code greaterOrEqual} or {@code matches} (a regular
 *     expression that must match the whole string value)
 * @param value the operand (an array for {@code in}/{@code notIn}; absent for {@code exists}/{@code absent})
 */
public record ArgumentCondition(String pointer, String op, JsonNode value) {
  public static final java.util.Set<String> OPERATORS =
      java.util.Set.of(
          "exists", "absent", "equals", "notEquals", "in", "notIn", "lessThan", "lessOrEqual", "greaterThan",
          "greaterOrEqual", "matches");

  public ArgumentCondition {
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(op, "op");
    if (!pointer.isEmpty() && !pointer.startsWith("/")) {
      throw new IllegalArgumentException("argument pointer must be a JSON pointer starting with '/': " + pointer);
    }
    if (!OPERATORS.contains(op)) {
      throw new IllegalArgumentException("unknown argument operator '" + op + "' (expected one of " + new java.util.TreeSet<>(OPERATORS) + ")");
    }
    value = value == null ? null : value.deepCopy();
  }
}
