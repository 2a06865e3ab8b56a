package dev.cask.runtime.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.cask.runtime.model.ParameterLocation;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.capture.SourceKind;
import dev.cask.runtime.model.lockfile.LockDecision;
import dev.cask.runtime.model.policy.Effect;
import java.io.IOException;
import java.util.function.Function;

/** Writes and reads the model's enums by their lower-case wire names, so the model itself needs no annotations. */
final class WireNames {
  private WireNames() {}

  static SimpleModule module() {
    SimpleModule module = new SimpleModule("cask-wire-names");
    register(module, RiskTier.class, RiskTier::wireName, RiskTier::parse);
    register(module, ParameterLocation.class, ParameterLocation::wireName, ParameterLocation::parse);
    register(module, SourceKind.class, SourceKind::wireName, SourceKind::parse);
    register(module, Effect.class, Effect::wireName, Effect::parse);
    register(module, LockDecision.class, LockDecision::wireName, LockDecision::parse);
    return module;
  }

  private static <E extends Enum<E>> void register(
      SimpleModule module, Class<E> type, Function<E, String> write, Function<String, E> read) {
    module.addSerializer(
        type,
        new JsonSerializer<E>() {
          @Override
          public void serialize(E value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(write.apply(value));
          }
        });
    module.addDeserializer(
        type,
        new JsonDeserializer<E>() {
          @Override
          public E deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            try {
              return read.apply(text);
            } catch (IllegalArgumentException e) {
              return ctxt.reportInputMismatch(type, "%s", e.getMessage());
            }
          }
        });
    // Map keys (e.g. risk tier → count) use the same names.
    module.addKeySerializer(
        type,
        new JsonSerializer<E>() {
          @Override
          public void serialize(E value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeFieldName(write.apply(value));
          }
        });
  }
}
