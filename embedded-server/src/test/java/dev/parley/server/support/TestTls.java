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

    /**
     * Like {@link #anyCertificate()}, but every socket leaves from {@code localAddress} (any of
     * 127.0.0.0/8 on Linux), so a loopback test can play people at different addresses.
     */
    public static SSLSocketFactory anyCertificateFrom(String localAddress) {
        SSLSocketFactory delegate = anyCertificate();
        return new SSLSocketFactory() {
            @Override
            public java.net.Socket createSocket() throws java.io.IOException {
                java.net.Socket socket = delegate.createSocket();
                socket.bind(new java.net.InetSocketAddress(localAddress, 0));
                return socket;
            }

            @Override
            public java.net.Socket createSocket(java.net.Socket s, String host, int port, boolean autoClose)
                    throws java.io.IOException {
                return delegate.createSocket(s, host, port, autoClose);
            }

            @Override
            public String[] getDefaultCipherSuites() {
                return delegate.getDefaultCipherSuites();
            }

            @Override
            public String[] getSupportedCipherSuites() {
                return delegate.getSupportedCipherSuites();
            }

            @Override
            public java.net.Socket createSocket(String host, int port) throws java.io.IOException {
                return delegate.createSocket(host, port, java.net.InetAddress.getByName(localAddress), 0);
            }

            @Override
            public java.net.Socket createSocket(String host, int port, java.net.InetAddress local, int localPort)
                    throws java.io.IOException {
                return delegate.createSocket(host, port, local, localPort);
            }

            @Override
            public java.net.Socket createSocket(java.net.InetAddress host, int port) throws java.io.IOException {
                return delegate.createSocket(host, port, java.net.InetAddress.getByName(localAddress), 0);
            }

            @Override
            public java.net.Socket createSocket(java.net.InetAddress host, int port, java.net.InetAddress local,
                                                int localPort) throws java.io.IOException {
                return delegate.createSocket(host, port, local, localPort);
            }
        };
    }

    /** The library turns on HTTPS host-name checks; a test certificate for "localhost" needs none. */
    public static void skipHostnameCheck(SSLParameters parameters) {
        parameters.setEndpointIdentificationAlgorithm(null);
    }
}
