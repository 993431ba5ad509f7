import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Downloads one file and keeps it only if its SHA-512 matches. The {@code mvnw} script runs this with
 * {@code java FetchFile.java URL SHA512 TARGET}, so a fresh machine needs nothing but a JDK: no curl, no
 * wget, no Maven. Honours {@code https_proxy} / {@code HTTPS_PROXY} (host:port or http://host:port).
 */
public final class FetchFile {

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: java FetchFile.java URL SHA512 TARGET");
            System.exit(2);
        }
        URI source = URI.create(args[0]);
        String expected = args[1].toLowerCase();
        Path target = Path.of(args[2]).toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path partial = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
        String actual;
        try {
            actual = download(source, partial);
            if (actual.equals(expected)) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            Files.deleteIfExists(partial);
        }
        if (!actual.equals(expected)) {
            System.err.printf("%s: SHA-512 is %s, expected %s; refusing it%n", source, actual, expected);
            System.exit(1);
        }
    }

    private static String download(URI source, Path into) throws IOException, InterruptedException, NoSuchAlgorithmException {
        HttpClient.Builder client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30));
        proxyFromEnvironment().ifPresent(client::proxy);
        HttpResponse<InputStream> response = client.build().send(
                HttpRequest.newBuilder(source).timeout(Duration.ofMinutes(10)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IOException(source + " answered HTTP " + response.statusCode());
        }
        MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
        try (InputStream in = new DigestInputStream(response.body(), sha512); OutputStream out = Files.newOutputStream(into)) {
            in.transferTo(out);
        }
        return HexFormat.of().formatHex(sha512.digest());
    }

    private static java.util.Optional<ProxySelector> proxyFromEnvironment() {
        String proxy = System.getenv("https_proxy");
        if (proxy == null || proxy.isBlank()) {
            proxy = System.getenv("HTTPS_PROXY");
        }
        if (proxy == null || proxy.isBlank()) {
            return java.util.Optional.empty();
        }
        URI uri = URI.create(proxy.contains("://") ? proxy : "http://" + proxy);
        int port = uri.getPort() > 0 ? uri.getPort() : 80;
        return java.util.Optional.of(ProxySelector.of(new InetSocketAddress(uri.getHost(), port)));
    }
}
