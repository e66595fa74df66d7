"""Fetches each feed URL as a real feed reader does and prints one JSON line per URL with what
the test asserts on. RSS and Atom go through feedparser (gzip, ETag, If-Modified-Since).
Debian's feedparser 6.0 cannot read JSON Feed, so JSON URLs are checked here against the
JSON Feed 1.1 rules (https://jsonfeed.org/version/1.1) and reported in the same shape."""
import datetime
import gc
import json
import sys
import urllib.error
import urllib.request

import feedparser


def check_rss_atom(url):
    d = feedparser.parse(url)
    again = feedparser.parse(url, etag=d.get("etag"), modified=d.get("modified"))
    return {
        "status": d.get("status"),
        "bozo": bool(d.bozo),
        "bozo_exception": repr(d.get("bozo_exception")) if d.bozo else None,
        "version": d.version,
        "ids": [e.get("id") for e in d.entries],
        "titles": [e.get("title") for e in d.entries],
        "published": [bool(e.get("published_parsed")) for e in d.entries],
        "links": [e.get("link") for e in d.entries],
        "again_status": again.get("status"),
    }


def rfc3339(value):
    datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return "T" in value and (value.endswith("Z") or value[-6] in "+-")


def json_feed_problems(feed):
    problems = []
    if feed.get("version") != "https://jsonfeed.org/version/1.1":
        problems.append("version is not https://jsonfeed.org/version/1.1")
    if not isinstance(feed.get("title"), str):
        problems.append("title (string) is required")
    if not isinstance(feed.get("items"), list):
        problems.append("items (array) is required")
    for key in ("home_page_url", "feed_url", "next_url", "description", "language"):
        if key in feed and not isinstance(feed[key], str):
            problems.append(key + " must be a string")
    for author in feed.get("authors", []):
        if not isinstance(author.get("name"), str):
            problems.append("feed author without name")
    for i, item in enumerate(feed.get("items") or []):
        if not isinstance(item.get("id"), str) or not item["id"]:
            problems.append("item %d: id (non-empty string) is required" % i)
        if not isinstance(item.get("content_html"), str) and not isinstance(item.get("content_text"), str):
            problems.append("item %d: content_html or content_text is required" % i)
        for key in ("date_published", "date_modified"):
            if key in item and not rfc3339(item[key]):
                problems.append("item %d: %s is not RFC 3339" % (i, key))
        if "tags" in item and not all(isinstance(t, str) for t in item["tags"]):
            problems.append("item %d: tags must be strings" % i)
    return problems


def check_json(url):
    with urllib.request.urlopen(url) as r:
        status, etag = r.status, r.headers["ETag"]
        feed = json.loads(r.read().decode("utf-8"))
    try:
        urllib.request.urlopen(urllib.request.Request(url, headers={"If-None-Match": etag}))
        again = 200
    except urllib.error.HTTPError as e:
        again = e.code
        e.close()
    problems = json_feed_problems(feed)
    items = feed.get("items") or []
    return {
        "status": status,
        "bozo": bool(problems),
        "bozo_exception": "; ".join(problems) or None,
        "version": "json11" if feed.get("version") == "https://jsonfeed.org/version/1.1" else None,
        "ids": [i.get("id") for i in items],
        "titles": [i.get("title") for i in items],
        "published": ["date_published" in i for i in items],
        "links": [i.get("url") for i in items],
        "again_status": again,
    }


for url in sys.argv[1:]:
    result = check_json(url) if url.endswith(".json") else check_rss_atom(url)
    result["url"] = url
    print(json.dumps(result, ensure_ascii=False))
    # feedparser leaves its responses to the garbage collector; a polite reader closes its
    # connections (the server caps the connections one address holds open)
    gc.collect()
