package dev.cask.runtime.server.audit;

/**
 * When audit records reach the disk.
 *
 * <ul>
 *   <li>{@code INTERVAL} (default): each record is handed to the operating system with one {@code write} before the call
 *       returns (it survives a crash of the server process), and the file is forced to disk at least once a second
 *       while records arrive (a power loss or kernel crash can lose at most about the last second).
 *   <li>{@code ALWAYS}: the file is forced to disk after every record, before the call returns (slower: one
 *       {@code fsync} per call).
 * </ul>
 */
public enum Durability {
  INTERVAL,
  ALWAYS
}
