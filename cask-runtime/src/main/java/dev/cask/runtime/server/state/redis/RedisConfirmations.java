package dev.cask.runtime.server.state.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.server.confirm.ApprovalChannel;
import dev.cask.runtime.server.confirm.ApprovalResult;
import dev.cask.runtime.server.confirm.ChallengeIds;
import dev.cask.runtime.server.confirm.ChallengeRules;
import dev.cask.runtime.server.confirm.ConfirmationStore;
import dev.cask.runtime.server.confirm.Confirmations;
import dev.cask.runtime.server.confirm.PendingConfirmation;
import dev.cask.runtime.server.confirm.RedeemResult;
import dev.cask.runtime.server.state.StateUnavailableException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * Confirmation challenges shared by every replica: one JSON record per challenge ({@code challenge:<id>}, the same
 * record the local store writes to a file), an index from a call to the challenge waiting for it, and a sorted set of
 * the challenges still waiting (to bound them, as the local store does).
 *
 * <p>Every change is a compare-and-set of the whole record in one Lua script: a replica reads the record, applies
 * {@link ChallengeRules} (the same rules as the local store, with the key the replicas share) and writes the new record
 * only if nobody changed it meanwhile; otherwise it reads again. So when the same approved challenge is redeemed on
 * every replica at once, exactly one compare-and-set wins and the others then read a used challenge
 * ({@code confirmation_replayed}). A plain get-and-delete would do that too, but it would let a call with other
 * arguments burn a person's approval, and turn a replay into an unknown id; the compare-and-set keeps the local
 * semantics. A record lives until one TTL after its expiry (Redis expires it), as the local store keeps used records.
 */
final class RedisConfirmations implements Confirmations {
  static final String CHALLENGE = "challenge:";
  private static final int ATTEMPTS = 16;

  /**
   * KEYS: 1 = the call's index, 2 = the waiting set, 3 = the new challenge. ARGV: 1 = the index's value as read ("" for
   * none), 2 = the new id, 3 = its record, 4 = the record's time to live (ms), 5 = the index's time to live (ms), 6 =
   * now (ms), 7 = its expiry (ms), 8 = the most challenges that may wait. Returns ok, full or retry.
   */
  static final String ISSUE = """
      local current = redis.call('GET', KEYS[1]) or ''
      if current ~= ARGV[1] then return 'retry' end
      redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[6])
      if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[8]) then return 'full' end
      if not redis.call('SET', KEYS[3], ARGV[3], 'PX', ARGV[4], 'NX') then return 'retry' end
      redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[5])
      redis.call('ZADD', KEYS[2], ARGV[7], ARGV[2])
      redis.call('PEXPIRE', KEYS[2], ARGV[4])
      return 'ok'
      """;

  /**
   * KEYS: 1 = the challenge, 2 = the waiting set. ARGV: 1 = the record as read, 2 = the new record, 3 = "1" when the new
   * state is final (used, declined: no longer waiting), 4 = the id. Returns 1 when written, 0 when someone changed it.
   */
  static final String CHANGE = """
      if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
      redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL')
      if ARGV[3] == '1' then redis.call('ZREM', KEYS[2], ARGV[4]) end
      return 1
      """;

  private final RedisStateStore store;
  private final String prefix;
  private final ChallengeRules rules;
  private final String waiting;

  RedisConfirmations(RedisStateStore store, String prefix, ChallengeRules rules) {
    this.store = store;
    this.prefix = prefix;
    this.rules = rules;
    this.waiting = prefix + "waiting";
  }

  @Override
  public PendingConfirmation issue(String tool, String argumentsDigest, String lockfileDigest, String summary) {
    String index = prefix + "call:" + CanonicalJson.sha256Hex(tool + "\n" + argumentsDigest + "\n" + lockfileDigest);
    long ttlMillis = rules.ttl().toMillis();
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      String current = store.call(commands -> commands.get(index));
      if (current != null) {
        Optional<PendingConfirmation> existing = describe(current);
        if (existing.isPresent() && rules.waitsFor(existing.get(), tool, argumentsDigest, lockfileDigest)) {
          return existing.get();
        }
      }
      PendingConfirmation created = rules.create(ChallengeIds.next(), tool, argumentsDigest, lockfileDigest, summary);
      long now = Instant.parse(created.createdAt()).toEpochMilli();
      long expires = Instant.parse(created.expiresAt()).toEpochMilli();
      Object answer = store.script(ISSUE, new String[] {index, waiting, prefix + CHALLENGE + created.id()},
          current == null ? "" : current, created.id(), json(created), Long.toString(2 * ttlMillis),
          Long.toString(ttlMillis), Long.toString(now), Long.toString(expires),
          Integer.toString(ConfirmationStore.MAX_PENDING));
      if ("ok".equals(answer)) {
        return created;
      }
      if ("full".equals(answer)) {
        throw new IllegalStateException(ConfirmationStore.MAX_PENDING + " confirmations are already waiting");
      }
    }
    throw contended("issue a challenge");
  }

  @Override
  public RedeemResult redeem(String id, String tool, String argumentsDigest, String lockfileDigest) {
    return change(id, RedeemResult.UNKNOWN, record -> rules.redeem(record, tool, argumentsDigest, lockfileDigest));
  }

  @Override
  public ApprovalResult approve(String id, ApprovalChannel channel) {
    java.util.Objects.requireNonNull(channel, "channel");
    return change(id, ApprovalResult.UNKNOWN, record -> rules.approve(record, channel));
  }

  @Override
  public ApprovalResult decline(String id) {
    return change(id, ApprovalResult.UNKNOWN, rules::decline);
  }

  @Override
  public Optional<PendingConfirmation> describe(String id) {
    if (!ChallengeIds.isWellFormed(id)) {
      return Optional.empty();
    }
    String raw = store.call(commands -> commands.get(prefix + CHALLENGE + id));
    return parse(id, raw);
  }

  /** Read, decide by the rules, compare-and-set; again when another replica changed the record in between. */
  private <R> R change(String id, R unknown, Function<PendingConfirmation, ChallengeRules.Change<R>> decision) {
    if (!ChallengeIds.isWellFormed(id)) {
      return unknown;
    }
    String key = prefix + CHALLENGE + id;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      String raw = store.call(commands -> commands.get(key));
      Optional<PendingConfirmation> record = parse(id, raw);
      if (record.isEmpty()) {
        return unknown;
      }
      ChallengeRules.Change<R> change = decision.apply(record.get());
      if (change.write() == null) {
        return change.result();
      }
      Object written = store.script(CHANGE, new String[] {key, waiting},
          raw, json(change.write()), change.write().state().isFinal() ? "1" : "0", id);
      if (Long.valueOf(1).equals(written)) {
        return change.result();
      }
    }
    throw contended("change challenge " + id);
  }

  private static Optional<PendingConfirmation> parse(String id, String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    try {
      PendingConfirmation record = CaskMappers.json().readValue(raw, PendingConfirmation.class);
      return record.id().equals(id) ? Optional.of(record) : Optional.empty();
    } catch (JsonProcessingException e) {
      return Optional.empty(); // a damaged record cannot be approved or redeemed: it is as good as unknown
    }
  }

  private static String json(PendingConfirmation record) {
    try {
      return CaskMappers.json().writeValueAsString(record);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private StateUnavailableException contended(String what) {
    return new StateUnavailableException("could not " + what + " in " + store.description() + " after " + ATTEMPTS
        + " attempts: other replicas kept changing it", null);
  }
}
