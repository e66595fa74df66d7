package org.rundbrief.web;

import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.http.MultiPartFormData;
import org.eclipse.jetty.io.Content;

/**
 * RFC 8058 lets a mail client send its one-click unsubscribe as {@code multipart/form-data} (the
 * RFC's own example does). The public routes take only URL-encoded forms, so the few bytes of such
 * a body are parsed here, in memory, into {@code List-Unsubscribe=One-Click}; anything that is not
 * a well-formed multipart with text fields only is empty (a 400), and never reaches a temp file.
 */
final class OneClickForm {
    private static final int MAX_PARTS = 4;

    private OneClickForm() {}

    /** The URL-encoded equivalent of a small multipart form body; empty when it is malformed. */
    static Optional<byte[]> of(String contentType, byte[] body) {
        String boundary = MultiPart.extractBoundary(contentType);
        if (boundary == null || boundary.isEmpty()) {
            return Optional.empty();
        }
        MultiPartFormData.Parser parser = new MultiPartFormData.Parser(boundary);
        parser.setMaxParts(MAX_PARTS);
        parser.setMaxLength(body.length);
        parser.setMaxMemoryFileSize(body.length);
        parser.setUseFilesForPartsWithoutFileName(false);
        try (MultiPartFormData.Parts parts = parser.parse(Content.Source.from(ByteBuffer.wrap(body))).get()) {
            StringBuilder form = new StringBuilder();
            for (MultiPart.Part part : parts) {
                if (part.getFileName() != null || part.getName() == null) {
                    return Optional.empty();
                }
                form.append(form.isEmpty() ? "" : "&").append(URLEncoder.encode(part.getName(), StandardCharsets.UTF_8))
                        .append('=').append(URLEncoder.encode(part.getContentAsString(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
            }
            return Optional.of(form.toString().getBytes(StandardCharsets.US_ASCII));
        } catch (ExecutionException | RuntimeException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
