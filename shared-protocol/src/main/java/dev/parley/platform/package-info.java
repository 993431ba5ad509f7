/**
 * The few facts about the user's OS that both the room server and the client need: where Parley keeps
 * its files ({@link dev.parley.platform.AppDirs}) and which file names every OS accepts
 * ({@link dev.parley.platform.SafeFileNames}). Pure: reads only what it is handed.
 */
package dev.parley.platform;
