package dev.parley.client.core.voice;

/**
 * Someone else started or stopped being heard.
 *
 * @param userId    their user id, or 0 while the server has not yet said whose voice session this is
 * @param sessionId their voice session id (the speaker id in their audio)
 * @param talking   whether they are talking now
 */
public record SpeakerTalking(long userId, int sessionId, boolean talking) {
}
