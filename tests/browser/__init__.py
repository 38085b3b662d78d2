"""Browser tests: the built HTML edition in Debian's Chromium, driven by Playwright."""
