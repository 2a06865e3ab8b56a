package dev.cask.runtime.repair;

/**
 * What an {@link FixClass#APPROVAL_REQUIRED} fix grants, in fields and in words.
 *
 * @param tool the tool an agent could call
 * @param method its HTTP method
 * @param host its upstream host
 * @param path its path template on the host
 * @param risk its risk tier ({@code read}, {@code write}, {@code destructive}, {@code sensitive}), or {@code unknown}
 *     until it is compiled
 * @param effect what the policy then does with a call of it: {@code allow}, {@code confirm}, {@code deny}, or
 *     {@code depends on the arguments}
 * @param callsAllowed how many of the diagnosis's denied calls it would have let through
 * @param words all of it in a sentence
 */
public record Grant(
    String tool, String method, String host, String path, String risk, String effect, int callsAllowed, String words) {}
