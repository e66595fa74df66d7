"""Verifies every DKIM-Signature of each message with dkimpy, an implementation independent of ours.

Usage: verify.py DNS_FILE MESSAGE.eml...
DNS_FILE has one line per published key: "<selector>._domainkey.<domain><TAB><TXT value>"; it
stands in for DNS (dnsfunc), so nothing is looked up on the network. Prints one line per
signature: "<file> <index> <a= tag> pass|fail", and "<file> - - none" for a message without one.
"""
import re
import sys

import dkim


def main():
    records = {}
    with open(sys.argv[1], encoding="ascii") as f:
        for line in f:
            name, value = line.rstrip("\n").split("\t", 1)
            records[name.lower().rstrip(".")] = value.encode("ascii")

    def dns(name, timeout=5):
        return records.get(name.decode("ascii").lower().rstrip("."))

    for path in sys.argv[2:]:
        with open(path, "rb") as f:
            message = f.read()
        verifier = dkim.DKIM(message)
        count = len(re.findall(rb"(?im)^dkim-signature:", message))
        if count == 0:
            print(path, "-", "-", "none")
        for index in range(count):
            try:
                ok = verifier.verify(idx=index, dnsfunc=dns)
            except dkim.DKIMException as e:  # a body hash mismatch raises instead of returning False
                print(path, index, e, file=sys.stderr)
                ok = False
            algorithm = verifier.signature_fields.get(b"a", b"?").decode("ascii")
            print(path, index, algorithm, "pass" if ok else "fail")


main()
