package org.rundbrief.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rundbrief.e2e.AdminHarness.csrf;
import static org.rundbrief.e2e.AdminHarness.form;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rundbrief.admin.Role;

/**
 * Images for posts: an editor uploads one, it is checked by its content, scaled down to mail width
 * and served from /media with long cache headers; a file that is no image, and a 50 MB upload
 * (refused on its announced length before the body is read), store nothing.
 */
class MediaUploadTest extends SignedInAdmin {
    String token;

    MediaUploadTest() {
        super("redaktion@example.org", Role.EDITOR, "Redaktion-2026");
    }

    @BeforeEach
    void openForm() throws Exception {
        token = csrf(h.page("GET", "/admin/articles/new", session, null).body());
    }

    private static byte[] png(int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.getGraphics().fillRect(10, 10, width / 2, height / 2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private AdminHarness.Page upload(String fileName, byte[] content) throws Exception {
        return h.upload("/admin/media", session, Map.of("csrf", token), fileName, content, "image");
    }

    private long storedFiles() throws Exception {
        Path media = dir.resolve("media");
        if (!Files.isDirectory(media)) {
            return 0;
        }
        try (var files = Files.list(media)) {
            return files.count();
        }
    }

    @Test
    void anUploadedImageIsScaledToMailWidthServedWithLongCacheHeadersAndUsableInAPost() throws Exception {
        AdminHarness.Page page = upload("Sommerfest.png", png(2400, 1200));
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        Matcher m = Pattern.compile("\\(/media/([0-9a-f]{32}\\.png)\\)").matcher(page.body());
        assertThat(m.find()).as(page.body()).isTrue();
        String name = m.group(1);

        HttpResponse<byte[]> image = h.http.send(HttpRequest.newBuilder(URI.create(h.base + "/media/" + name)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(image.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        BufferedImage served = ImageIO.read(new ByteArrayInputStream(image.body()));
        assertThat(served.getWidth()).isEqualTo(1200);
        assertThat(served.getHeight()).isEqualTo(600);
        assertThat(h.app.audit.recent(5)).anySatisfy(e -> assertThat(e.action() + " " + e.actor())
                .isEqualTo("media.upload redaktion@example.org"));

        assertThat(h.page("POST", "/admin/articles", session, form("csrf", token, "title", "Sommerfest",
                "body", "![Der Grill](/media/" + name + ")", "language", "de")).status()).isEqualTo(302);
        assertThat(h.app.articles.recent(1, Optional.empty()).get(0).contentHtml()).contains("/media/" + name);
        assertThat(h.page("GET", "/media/../rundbrief.yml", null, null).status()).isEqualTo(404);
        assertThat(h.page("GET", "/media/00000000000000000000000000000000.png", null, null).status()).isEqualTo(404);
    }

    @Test
    void aFileThatIsNoImageIsRefusedByItsContentNotItsName() throws Exception {
        AdminHarness.Page page = upload("bild.png", "<svg onload=alert(1)></svg>".getBytes(StandardCharsets.UTF_8));
        assertThat(page.status()).isEqualTo(415);
        assertThat(page.body()).contains("kein JPEG- oder PNG-Bild");
        assertThat(storedFiles()).isZero();
    }

    @Test
    void aFiftyMegabyteUploadIsRefusedOnItsAnnouncedLengthWithAClearMessage() throws Exception {
        URI base = URI.create(h.base);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /admin/media HTTP/1.1\r\nHost: " + base.getHost() + "\r\nCookie: " + session
                    + "\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: " + (50L * 1024 * 1024)
                    + "\r\n\r\n--x\r\nContent-Disposition: form-data; name=\"image\"; filename=\"gross.jpg\"\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[64 * 1024]);
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 413").contains("Das Bild ist zu groß");
        }
        assertThat(storedFiles()).isZero();
    }
}
