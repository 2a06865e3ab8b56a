package dev.cask.runtime.repair;

/** How much a fix may do on its own. */
public enum FixClass {
  /** Read-only diagnostics that may run unattended ({@code repair.sh} holds only these). */
  SAFE,
  /** Grants a capability: a person reviews exactly what it grants, then signs it with the gate. */
  APPROVAL_REQUIRED,
  /** A person acts: re-capture, an upstream change, an edit of the policy or the source, a decision. */
  MANUAL
}
