package dev.cask.maven.diff;

import dev.cask.runtime.model.Lists;
import java.util.List;
import java.util.Objects;

/**
 * Why a change no longer counts against the threshold: the approved state pins exactly the new definition.
 *
 * @param signers who signed the approval (signer ids), sorted
 * @param source where the approval is recorded, e.g. {@code cask.lock.yaml}
 */
public record Acceptance(List<String> signers, String source) {
  public Acceptance {
    signers = Lists.copy(signers).stream().sorted().distinct().toList();
    Objects.requireNonNull(source, "source");
  }

  /** {@code alice, bob}; for a removal, which needs no signature, {@code not in cask.lock.yaml}. */
  public String signerText() {
    return signers.isEmpty() ? "not in " + source : String.join(", ", signers);
  }
}
