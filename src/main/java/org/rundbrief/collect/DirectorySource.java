package org.rundbrief.collect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.rundbrief.article.ArticleStore;
import org.rundbrief.article.SourceNote;

/**
 * A {@code directory} source: every Markdown and HTML file below {@code path} (see
 * {@link ArticleFile}); the guid is the file's path relative to the directory, with slashes.
 * A broken file is left out with a reason; the others are still collected.
 */
final class DirectorySource implements ArticleSource {
    private final Path directory;
    private final ZoneId zone;
    private final String baseUri;
    private final long maxBytes;

    DirectorySource(Path directory, ZoneId zone, String baseUri, long maxBytes) {
        this.directory = directory;
        this.zone = zone;
        this.baseUri = baseUri;
        this.maxBytes = maxBytes;
    }

    @Override
    public SourceBatch fetch(ArticleStore.SourceState previous) throws CollectException {
        if (!Files.isDirectory(directory)) {
            throw new CollectException(SourceNote.of("noDirectory", "directory {path} does not exist", "path", directory));
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(Files::isRegularFile).filter(ArticleFile::isArticle).sorted().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new CollectException(SourceNote.of("cannotList", "cannot list {path}: {detail}", "path", directory,
                    "detail", e.getMessage()));
        }
        return SourceBatch.of(sink -> {
            Chunker chunker = new Chunker(sink);
            for (Path file : files) {
                String guid = directory.relativize(file).toString().replace('\\', '/');
                try {
                    chunker.add(ArticleFile.read(file, guid, zone, baseUri, maxBytes));
                } catch (CollectException e) {
                    sink.skipped(e.getMessage());
                }
            }
            chunker.flush();
        }, ArticleStore.SourceState.NONE);
    }
}
