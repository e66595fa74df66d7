package org.rundbrief.render;

import java.util.List;
import org.rundbrief.article.Article;

/** Loads articles by id, in the order asked. */
@FunctionalInterface
public interface ArticlesById {
    List<Article> byIds(List<Long> ids);
}
