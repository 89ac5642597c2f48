#!/usr/bin/env python3
"""Runs the shared harness's bench.py against Lightbox, whose DICOMweb is behind sign-in.

bench.py sends no credentials; Lightbox answers DICOMweb only to a signed-in caller. This wrapper adds
`Authorization: Bearer $LIGHTBOX_TOKEN` to every HTTP request bench.py makes (its workers are forked,
so they inherit it) and then runs bench.py's own main with the arguments given. Nothing else changes:
the same loops, clients and counts as for Orthanc.

  LIGHTBOX_TOKEN=... python3 bench_lightbox.py --bench ../shared/bench -- <bench.py arguments>
"""
import http.client
import os
import sys


def main():
    args = sys.argv[1:]
    if len(args) < 3 or args[0] != "--bench" or args[2] != "--":
        sys.exit("usage: bench_lightbox.py --bench BENCH_DIR -- <bench.py arguments>")
    bench_dir, rest = args[1], args[3:]
    token = os.environ.get("LIGHTBOX_TOKEN")
    if not token:
        sys.exit("bench_lightbox.py: LIGHTBOX_TOKEN is not set")
    original = http.client.HTTPConnection.request

    def request(self, method, url, body=None, headers=None, **kwargs):
        headers = dict(headers or {})
        headers.setdefault("Authorization", f"Bearer {token}")
        return original(self, method, url, body=body, headers=headers, **kwargs)

    http.client.HTTPConnection.request = request
    sys.path.insert(0, os.path.abspath(bench_dir))
    import bench  # noqa: E402  (the shared harness)

    sys.argv = [os.path.join(bench_dir, "bench.py")] + rest
    bench.main()


if __name__ == "__main__":
    main()
