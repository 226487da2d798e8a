"""Checks the links of the built book (mdbook build docs): every local link
and picture in its pages reaches a file that exists, and every #anchor an
element with that id, in the page itself or the page linked. Links to
other sites are not followed (CI is offline).

    python3 .ci/book_links.py docs/book

Prints each broken link with its page; exit 1 if there is one, 2 if the
book was not built. A few lines of our own rather than mdbook-linkcheck,
whose last release (0.7.7) is built for mdBook 0.4 and cannot read what
mdBook 0.5 hands a backend.
"""

import html.parser
import pathlib
import sys
import urllib.parse


class Page(html.parser.HTMLParser):
    """The ids a page defines and the local links it makes."""

    def __init__(self):
        super().__init__()
        self.ids = set()
        self.links = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name"):
            if attrs.get(key) and (key == "id" or tag == "a"):
                self.ids.add(attrs[key])
        for key in ("href", "src"):
            value = attrs.get(key)
            if value is not None and is_local(value):
                self.links.append(value)


def is_local(link):
    parts = urllib.parse.urlsplit(link)
    return not parts.scheme and not parts.netloc and link != ""


def parse(path, cache={}):
    if path not in cache:
        page = Page()
        page.feed(path.read_text(encoding="utf-8"))
        cache[path] = page
    return cache[path]


def target_of(page_path, link):
    parts = urllib.parse.urlsplit(link)
    if not parts.path:
        return page_path, parts.fragment
    target = (page_path.parent / urllib.parse.unquote(parts.path)).resolve()
    if target.is_dir():
        target = target / "index.html"
    return target, parts.fragment


def main():
    book = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "docs/book").resolve()
    pages = sorted(book.rglob("*.html"))
    if not (book / "index.html").is_file():
        print(f"{book}: no built book here (run mdbook build docs first)")
        sys.exit(2)
    broken = checked = 0
    for path in pages:
        # mdBook's 404 page links from the site's root, wherever it is served.
        if path.name == "404.html":
            continue
        for link in parse(path).links:
            checked += 1
            target, fragment = target_of(path, link)
            problem = None
            if not target.is_file():
                problem = "no such file"
            elif fragment and target.suffix == ".html":
                if urllib.parse.unquote(fragment) not in parse(target).ids:
                    problem = f"no #{fragment} in {target.name}"
            if problem:
                broken += 1
                print(f"{path.relative_to(book)}: {link}: {problem}")
    print(f"{checked} local links in {len(pages)} pages, {broken} broken")
    sys.exit(1 if broken else 0)


main()
