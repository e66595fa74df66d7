package org.rundbrief.article;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * Images uploaded for posts, kept in the folder {@code media/} beside the config and served from
 * {@code /media/NAME}. The type is read from the file's first bytes, never from its name or the
 * browser's word: only JPEG and PNG are taken (GIF, WebP, SVG and anything else are refused; SVG
 * can carry scripts). Wider images are scaled down to {@link #MAX_WIDTH} pixels, which is twice a
 * mail's 600 px column, and re-encoded, which also drops their metadata (camera, GPS position).
 * The name is a hash of the stored bytes, so a file never changes under its name and may be cached
 * for good.
 */
public final class MediaFiles {
    /** Largest upload taken, in bytes. */
    public static final long MAX_BYTES = 10L * 1024 * 1024;
    /** Images wider than this are scaled down to it. */
    public static final int MAX_WIDTH = 1200;
    /** Larger images (in pixels) are refused before they are decoded: a small file can unpack to gigabytes. */
    static final long MAX_PIXELS = 40_000_000L;
    private static final Pattern NAME = Pattern.compile("[0-9a-f]{32}\\.(jpg|png)");

    /** What was refused and why (the web layer words it for the person). */
    public static final class Refused extends IllegalArgumentException {
        public enum Why { NOT_AN_IMAGE, TOO_LARGE }

        private final Why why;

        Refused(Why why, String message) {
            super(message);
            this.why = why;
        }

        public Why why() {
            return why;
        }
    }

    private final Path dir;

    public MediaFiles(Path dir) {
        this.dir = dir;
    }

    /** Checks, scales and stores an upload; returns its name under {@code /media/}. */
    public String store(byte[] upload) {
        if (upload.length > MAX_BYTES) {
            throw new Refused(Refused.Why.TOO_LARGE, "the image has " + upload.length + " bytes; at most " + MAX_BYTES);
        }
        String format = sniff(upload).orElseThrow(() -> new Refused(Refused.Why.NOT_AN_IMAGE,
                "not a JPEG or PNG image (judged by its content, not its name)"));
        try {
            BufferedImage image = decode(upload);
            byte[] stored = encode(scaled(image), format);
            String name = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(stored), 0, 16)
                    + "." + (format.equals("jpeg") ? "jpg" : "png");
            Files.createDirectories(dir);
            Path target = dir.resolve(name);
            if (!Files.exists(target)) {
                Path part = Files.createTempFile(dir, "upload-", ".part");
                Files.write(part, stored);
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            return name;
        } catch (IOException e) {
            throw new UncheckedIOException("storing the image in " + dir + " failed: " + e.getMessage(), e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stored file of a name as {@link #store} gives it; empty for any other name. */
    public Optional<Path> open(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        Path file = dir.resolve(name);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** "jpeg" or "png" by the magic bytes, else empty. */
    static Optional<String> sniff(byte[] b) {
        if (b.length > 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return Optional.of("jpeg");
        }
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        if (b.length > png.length && java.util.Arrays.equals(b, 0, png.length, png, 0, png.length)) {
            return Optional.of("png");
        }
        return Optional.empty();
    }

    private static BufferedImage decode(byte[] upload) throws IOException {
        try (var in = ImageIO.createImageInputStream(new ByteArrayInputStream(upload))) {
            var readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new Refused(Refused.Why.NOT_AN_IMAGE, "the image cannot be read");
            }
            var reader = readers.next();
            try {
                reader.setInput(in, true, true);
                if ((long) reader.getWidth(0) * reader.getHeight(0) > MAX_PIXELS) {
                    throw new Refused(Refused.Why.TOO_LARGE, "the image has more than " + MAX_PIXELS + " pixels");
                }
                return reader.read(0);
            } catch (IOException e) {
                throw new Refused(Refused.Why.NOT_AN_IMAGE, "the image is damaged: " + e.getMessage());
            } finally {
                reader.dispose();
            }
        }
    }

    private static BufferedImage scaled(BufferedImage image) {
        boolean alpha = image.getColorModel().hasAlpha();
        int width = Math.min(MAX_WIDTH, image.getWidth());
        int height = Math.max(1, (int) Math.round((double) image.getHeight() * width / image.getWidth()));
        BufferedImage out = new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(image, 0, 0, width, height, null);
        g.dispose();
        return out;
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }
}
