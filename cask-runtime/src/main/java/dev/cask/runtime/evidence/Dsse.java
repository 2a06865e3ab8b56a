package dev.cask.runtime.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.crypto.SigningKey;
import dev.cask.runtime.json.CanonicalJson;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * A DSSE envelope (Dead Simple Signing Envelope, v1): the payload, its type, and Ed25519 signatures over the
 * pre-authentication encoding {@code PAE(type, payload)}. Written as RFC 8785 canonical JSON, so one envelope has
 * exactly one spelling (any changed byte is a changed envelope).
 *
 * @param payloadType the payload's media type
 * @param payload the payload bytes
 * @param signatures the signatures, in order
 */
record Dsse(String payloadType, byte[] payload, List<Signature> signatures) {
  /**
   * @param keyid the signing key's id ({@code ed25519:<16 hex>}, as in the signers file)
   * @param sig the standard-base64 Ed25519 signature
   */
  record Signature(String keyid, String sig) {}

  Dsse {
    payload = payload.clone();
    signatures = List.copyOf(signatures);
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  /** An envelope signed by {@code key}, or unsigned when it is null. */
  static Dsse of(String payloadType, byte[] payload, SigningKey key) {
    List<Signature> signatures = key == null ? List.of() : List.of(new Signature(key.keyId(), key.sign(pae(payloadType, payload))));
    return new Dsse(payloadType, payload, signatures);
  }

  /** {@code "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body}, lengths in ASCII decimal bytes. */
  static byte[] pae(String payloadType, byte[] payload) {
    byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(type);
    out.writeBytes((" " + payload.length + " ").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(payload);
    return out.toByteArray();
  }

  byte[] toJson() {
    ObjectNode envelope = JsonNodeFactory.instance.objectNode();
    envelope.put("payloadType", payloadType);
    envelope.put("payload", Base64.getEncoder().encodeToString(payload));
    ArrayNode list = envelope.putArray("signatures");
    for (Signature signature : signatures) {
      list.addObject().put("keyid", signature.keyid()).put("sig", signature.sig());
    }
    return CanonicalJson.canonicalBytes(envelope);
  }

  /**
   * Reads an envelope written by {@link #toJson()}.
   *
   * @throws IllegalArgumentException when the JSON is not exactly an envelope in canonical form
   */
  static Dsse parse(JsonNode envelope, byte[] original) {
    if (!envelope.isObject() || envelope.size() != 3 || !envelope.path("payloadType").isTextual()
        || !envelope.path("payload").isTextual() || !envelope.path("signatures").isArray()) {
      throw new IllegalArgumentException("is not a DSSE envelope (payloadType, payload, signatures)");
    }
    byte[] payload;
    try {
      payload = Base64.getDecoder().decode(envelope.get("payload").textValue());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("payload is not base64");
    }
    List<Signature> signatures = new java.util.ArrayList<>();
    for (JsonNode signature : envelope.get("signatures")) {
      if (!signature.isObject() || signature.size() != 2 || !signature.path("keyid").isTextual()
          || !signature.path("sig").isTextual()) {
        throw new IllegalArgumentException("a signature is not {keyid, sig}");
      }
      signatures.add(new Signature(signature.get("keyid").textValue(), signature.get("sig").textValue()));
    }
    Dsse parsed = new Dsse(envelope.get("payloadType").textValue(), payload, signatures);
    if (!java.util.Arrays.equals(parsed.toJson(), original)) {
      throw new IllegalArgumentException("is not in the canonical form Cask writes (RFC 8785 JSON): it was edited");
    }
    return parsed;
  }
}
