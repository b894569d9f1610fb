package org.spagateway.reporting.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * {@code GET /picker/} and {@code GET /picker/{asset}}: the candidate picker's page, style and ES modules, served
 * from the class path ({@code picker/}) and nothing else: no CDN, no font or script from elsewhere. Every answer
 * carries a Content-Security-Policy that allows only this origin (no inline script or style; the PNGs it fetches with
 * its token are decoded to bitmaps, never to URLs), {@code nosniff}, no referrer and no
 * framing; the assets are revalidated on every load ({@code no-cache} with an ETag, 304 when unchanged), so a new
 * version of the gateway is never mixed with an old page. No token is needed: the page holds no data.
 */
final class PickerAssets {

    static final String PREFIX = "/picker/";
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self'; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none';"
            + " frame-ancestors 'none'; form-action 'none'";
    /** The files under {@code picker/} on the class path; nothing else is served. */
    static final List<String> FILES = List.of("index.html", "picker.css", "picker.js", "api.js", "overlay.js",
            "event-stream.js");
    private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,64}\\.(html|css|js)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8");

    private record Asset(byte[] bytes, String contentType, String etag) {
    }

    private final Map<String, Asset> assets = new ConcurrentHashMap<>();

    PickerAssets() {
        for (String file : FILES) {
            assets.put(file, load(file));
        }
    }

    /** {@code /picker} itself: the page lives at {@code /picker/} so that its relative URLs resolve there. */
    ApiResponse redirect() {
        return withSecurityHeaders(ApiResponse.json(308, "REDIRECT", Map.of("location", PREFIX))
                .withHeader("Location", PREFIX));
    }

    ApiResponse serve(ApiRequest request) {
        String name = request.path().substring(PREFIX.length());
        if (name.isEmpty()) {
            name = "index.html";
        }
        Optional<Asset> asset = NAME.matcher(name).matches() ? Optional.ofNullable(assets.get(name))
                : Optional.empty();
        if (asset.isEmpty()) {
            return withSecurityHeaders(ApiResponse.error(404, "NOT_FOUND", "no such file of the picker"));
        }
        ApiResponse answer = request.header("If-None-Match").filter(tag -> tag.equals(asset.get().etag())).isPresent()
                ? new ApiResponse(304, "NOT_MODIFIED", Map.of(), new byte[0])
                : new ApiResponse(200, "OK", Map.of("Content-Type", asset.get().contentType()), asset.get().bytes());
        return withSecurityHeaders(answer.withHeader("ETag", asset.get().etag()).withHeader("Cache-Control",
                "no-cache"));
    }

    static ApiResponse withSecurityHeaders(ApiResponse answer) {
        return answer.withHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .withHeader("X-Content-Type-Options", "nosniff")
                .withHeader("X-Frame-Options", "DENY")
                .withHeader("Referrer-Policy", "no-referrer");
    }

    private static Asset load(String file) {
        String resource = "picker/" + file;
        try (InputStream in = PickerAssets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the picker's " + resource + " is missing from the class path");
            }
            byte[] bytes = in.readAllBytes();
            String etag = "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16)
                    + "\"";
            return new Asset(bytes, TYPES.get(file.substring(file.lastIndexOf('.') + 1)), etag);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
