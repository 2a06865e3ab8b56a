/**
 * The evidence bundle ({@code evidence.zip}): a release's toolpack, lockfile, signers file and reports with a manifest
 * of their SHA-256 digests, and the approvals as an in-toto Statement v1 in a DSSE envelope. {@link
 * dev.cask.runtime.evidence.EvidenceBundle} writes it (byte-identical for the same inputs); {@link
 * dev.cask.runtime.evidence.EvidenceVerifier} re-checks every link offline ({@code cask-runtime evidence verify}).
 */
package dev.cask.runtime.evidence;
