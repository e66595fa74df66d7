#!/usr/bin/env python3
"""Writes an RSS 2.0 feed with N items of ~2 KB HTML each (German text, umlauts, dashes)."""
import sys
from datetime import datetime, timedelta, timezone

n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
out = sys.argv[2] if len(sys.argv) > 2 else "feed.xml"
start = datetime(2026, 11, 1, 12, 0, tzinfo=timezone.utc)
para = ("<p>Liebe Mitglieder, am Wochenende treffen wir uns zum Arbeitseinsatz – bitte bringt Handschuhe, "
        "Gartenscheren und gute Laune mit. Für Kaffee &amp; Kuchen ist gesorgt; die Grünschnitt-Container "
        "stehen ab Freitag am Vereinsheim. Wer nicht kann, meldet sich bitte bei der Geschäftsstelle.</p>")
with open(out, "w", encoding="utf-8") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            '<channel><title>Bench „Verein“</title><link>https://bench.example.org/</link>'
            '<description>5000 Einträge</description><language>de</language>\n')
    for i in range(n):
        date = (start - timedelta(hours=i)).strftime("%a, %d %b %Y %H:%M:%S +0000")
        f.write(f'<item><title>Meldung Nr. {i}: Arbeitseinsatz am Hauptweg – Größe {i % 97}</title>'
                f'<link>https://bench.example.org/news/{i}</link><guid isPermaLink="false">bench-{i}</guid>'
                f'<pubDate>{date}</pubDate><dc:creator>Jörg Müller</dc:creator><category>Vereinsleben</category>'
                f'<description>Kurzfassung Nr. {i}: Arbeitseinsatz – bitte Handschuhe mitbringen.</description>'
                f'<content:encoded><![CDATA[{para * 4}<p><a href="/termine/{i}">Termin</a> '
                f'<img src="/media/{i}.jpg" alt="Bild"></p>]]></content:encoded></item>\n')
    f.write("</channel></rss>\n")
