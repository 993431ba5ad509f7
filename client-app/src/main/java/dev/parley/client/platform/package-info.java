/**
 * What Parley needs to know about the machine it runs on: which platform's native libraries it carries
 * ({@link dev.parley.client.platform.NativeInventory}), one running instance per user that takes the
 * {@code parley://} links ({@link dev.parley.client.platform.SingleInstance}), and the {@code parley doctor}
 * report ({@link dev.parley.client.platform.doctor.Doctor}).
 */
package dev.parley.client.platform;
