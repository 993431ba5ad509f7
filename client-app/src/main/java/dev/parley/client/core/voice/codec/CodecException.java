package dev.parley.client.core.voice.codec;

/** The Opus library refused to build an encoder/decoder or to encode a frame. */
public final class CodecException extends RuntimeException {

    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
