package dev.cask.runtime.server.audit;

/**
 * When audit records reach the disk.
 *
 * <ul>
 *   <li>{@code INTERVAL} (default): each record is handed to the operating system with one {@code write} before the call
 *       goes on (an intent before its request leaves, an outcome before the agent sees it), so it survives a crash or
 *       kill of the server process; the file is forced to disk at least once a second while records arrive, just
 *       before each checkpoint is signed (a power loss or kernel crash can lose at most about the last second, which
 *       no checkpoint covers yet).
 *   <li>{@code ALWAYS}: the file is forced to disk after every record, before the call goes on (slower: one
 *       {@code fsync} per record, two per call that reaches the upstream).
 * </ul>
 */
public enum Durability {
  INTERVAL,
  ALWAYS
}
