package dev.parley.server.support;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * TLS for server tests' bare clients. They test the room, not pinning (the client core's tests do
 * that), so they accept whatever certificate the loopback room shows.
 */
public final class TestTls {
    private TestTls() {
    }

    public static SSLSocketFactory anyCertificate() {
        try {
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The library turns on HTTPS host-name checks; a test certificate for "localhost" needs none. */
    public static void skipHostnameCheck(SSLParameters parameters) {
        parameters.setEndpointIdentificationAlgorithm(null);
    }
}
