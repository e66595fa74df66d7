#!/usr/bin/env python3
"""Writes N subscriber rows (default 1,000,000) in the import's CSV format to stdout.

Deterministic (no randomness): row i always gives the same line, so runs are comparable.
Names carry umlauts and some rows need CSV quoting, like real member lists.
"""
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
first = ["Anna", "Jörg", "Zoë", "Björn", "Grete", "Ümit", "Luca", "Maja"]
last = ["Müller", "Schmidt", "Weiß", "Groß", "Fischer", "O'Neill", "Bäcker", "Krämer"]
topics = ["verein", "termine", "veranstaltungen", "verein;termine", ""]
cadences = ["immediate", "daily", "weekly"]
out = sys.stdout
out.write("email,name,language,topics,frequency\n")
for i in range(n):
    name = f"{first[i % 8]} {last[(i // 8) % 8]}"
    if i % 10 == 0:
        name = f'"{name}, Dr."'
    out.write(f"member{i}@example{i % 97}.org,{name},{'de' if i % 3 else 'en'},{topics[i % 5]},{cadences[i % 3]}\n")
