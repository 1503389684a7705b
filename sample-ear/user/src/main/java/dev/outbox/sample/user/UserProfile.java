package dev.outbox.sample.user;

/**
 * A profile as the user acted for may see it: all of it for their own, the public part for anyone
 * else's (the private fields are then {@code null}, and left out of the JSON).
 *
 * @param name        the user's name
 * @param displayName public: how others see them
 * @param visibility  {@code FULL} (their own profile) or {@code PUBLIC}
 * @param email       private
 * @param phone       private
 */
public record UserProfile(String name, String displayName, String visibility, String email, String phone) {

    static UserProfile full(String name, String displayName, String email, String phone) {
        return new UserProfile(name, displayName, Answer.FULL.name(), email, phone);
    }

    static UserProfile publicPart(String name, String displayName) {
        return new UserProfile(name, displayName, Answer.PUBLIC.name(), null, null);
    }
}
