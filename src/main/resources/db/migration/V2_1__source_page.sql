-- Validators (ETag, Last-Modified) of the article pages an html source links to, so that each page
-- is fetched conditionally too (issue #3: "remembered per URL"). One row per stored article page;
-- the url is the article's guid (at most 1000 characters, as guids are).
CREATE TABLE source_page (
    source_key    VARCHAR(1000) NOT NULL,
    url           VARCHAR(1000) NOT NULL,
    etag          VARCHAR(500),
    last_modified VARCHAR(100),
    PRIMARY KEY (source_key, url)
);
