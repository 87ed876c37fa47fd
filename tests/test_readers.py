"""Readers: every kind of input a user can point at, read from real bytes written here."""

from __future__ import annotations

import gzip
import http.server
import io
import logging
import os
import socket
import sys
import threading
import time
from pathlib import Path
from typing import ClassVar

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import according.readers as readers
from according.errors import (
    BinaryInput,
    EmptyInput,
    FetchFailed,
    InputError,
    InputNotFound,
    InputTooLarge,
    MalformedInput,
    UsageError,
)
from according.readers import iter_input_files, read_bytes, read_input
from according.readers.feeds import read_feed
from according.readers.normalise import normalise_text
from according.readers.warc import read_warc
from according.settings import DEFAULT_SETTINGS

PARAGRAPHS = (
    "The finance minister, Jane Doe, resigned on Tuesday after a dispute with the prime "
    "minister over the spending plans for next year.",
    "“I could not in good conscience support cuts of this size,” Doe told reporters "
    "outside parliament in the capital.",
    "The opposition called for an early election and said the government had lost its "
    "majority in all but name.",
)

ARTICLE = f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Minister resigns over budget row | The Daily Example</title>
<meta property="og:title" content="Minister resigns over budget row">
<meta property="og:site_name" content="The Daily Example">
<meta property="article:published_time" content="2024-03-05T09:30:00Z">
<link rel="canonical" href="https://news.example.org/politics/minister-resigns">
<script>window.tracking = "do not read me";</script>
</head>
<body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li>
<li><a href="/subscribe">Subscribe now for unlimited access</a></li></ul></nav></header>
<main><article>
<h1>Minister resigns over budget row</h1>
<p>{PARAGRAPHS[0]}</p>
<p>{PARAGRAPHS[1]}</p>
<p>{PARAGRAPHS[2]}</p>
</article></main>
<footer><p>Copyright 2024 The Daily Example. All rights reserved.</p>
<a href="/privacy">Privacy policy</a></footer>
</body></html>
"""

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>Gulf Monitor</title><link>https://gulf.example/</link>
<description>Regional news</description><language>en-gb</language>
<item><title>Protesters block roads in Beirut</title><link>https://gulf.example/beirut</link>
<pubDate>Thu, 17 Oct 2019 18:00:00 GMT</pubDate><description>Short teaser.</description>
<content:encoded><![CDATA[<p>Protesters blocked roads in Beirut on Thursday.</p>
<p>Police said <b>20 people</b> were detained.</p>]]></content:encoded></item>
<item><title>Unions call a strike</title><link>https://gulf.example/strike</link>
<pubDate>Fri, 18 Oct 2019 08:00:00 GMT</pubDate>
<description>&lt;p&gt;Unions called a general strike for
&lt;i&gt;Monday&lt;/i&gt;.&lt;/p&gt;</description>
</item>
<item><title>Photo gallery</title><link>https://gulf.example/photos</link></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
<title>Le Veilleur</title><id>urn:veilleur</id><updated>2024-03-06T10:00:00Z</updated>
<entry><title>Manifestation à Paris</title><id>urn:1</id>
<link href="https://veilleur.example/manif"/>
<published>2024-03-05T09:00:00Z</published><updated>2024-03-06T10:00:00Z</updated>
<content type="html">&lt;p&gt;Des milliers de personnes ont manifesté mardi
à Paris.&lt;/p&gt;</content>
</entry>
<entry><title>Grève des enseignants</title><id>urn:2</id><updated>2024-03-04T12:00:00Z</updated>
<summary>Les enseignants sont en grève depuis lundi.</summary></entry>
</feed>
""".encode()


def page(title: str, paragraph: str) -> bytes:
    return (
        f"<!doctype html><html lang='en'><head><title>{title}</title></head><body>"
        f"<nav>Home | World | Sport</nav><article><h1>{title}</h1><p>{paragraph}</p>"
        f"<p>A second paragraph of the report on {title.lower()}.</p></article></body></html>"
    ).encode()


def build_warc(gzipped: bool = True) -> tuple[bytes, dict[str, int]]:
    """warcinfo, a request, two HTML pages, an image and a 404 page; and where each ends."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    ends: dict[str, int] = {}
    writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "test"}))
    request = StatusAndHeaders(
        "GET /strike HTTP/1.1", [("Host", "news.example.org")], is_http_request=True
    )
    writer.write_record(
        writer.create_warc_record(
            "https://news.example.org/strike", "request", payload=io.BytesIO(b""),
            http_headers=request,
        )
    )  # fmt: skip
    ends["request"] = out.tell()

    def response(uri: str, body: bytes, content_type: str, status: str = "200 OK") -> None:
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                uri, "response", payload=io.BytesIO(body), http_headers=headers
            )
        )
        ends[uri] = out.tell()

    response(
        "https://news.example.org/strike",
        page("Strike closes ports", "Dock workers walked out on Monday."),
        "text/html; charset=utf-8",
    )
    response("https://news.example.org/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png")
    response(
        "https://news.example.org/court",
        page("Court jails activists", "A court sentenced three activists on Friday."),
        "text/html",
    )
    response("https://news.example.org/gone", page("Not found", "No page here."), "text/html",
             status="404 Not Found")  # fmt: skip
    return out.getvalue(), ends


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def one_line_naming(err: InputError, source: str) -> bool:
    text = str(err)
    return "\n" not in text and text.startswith(f"{source}: ") and err.source == source


# --- plain text and encodings ---------------------------------------------------------

TEXT = "Zürich: the “reform” – débated for years – passed on Monday.\nNaïve hopes, résumés…"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("utf8.txt", TEXT.encode("utf-8")),
        ("utf8-bom.txt", b"\xef\xbb\xbf" + TEXT.encode("utf-8")),
        ("utf16-bom.txt", TEXT.encode("utf-16")),  # Python writes the BOM
        ("utf16be-bom.txt", b"\xfe\xff" + TEXT.encode("utf-16-be")),
        ("cp1252.txt", TEXT.encode("cp1252")),
        ("utf16le-no-bom.txt", TEXT.encode("utf-16-le")),
    ],
)
def test_text_in_common_encodings_reads_back_exactly(tmp_path, name, data):
    path = write(tmp_path, name, data)
    (doc,) = read_input(path)
    assert doc.text == normalise_text(TEXT)
    assert doc.origin == str(path)
    assert doc.title is None and doc.page_date is None and doc.url is None


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Le président a déclaré lundi que la réforme serait adoptée à l'été.", "latin-1"),
        ("Zürich’s €5 fee.", "cp1252"),  # too short for charset-normalizer alone
        ("Президент подписал указ в понедельник.", "cp1251"),
        ("Praha: vláda v pondělí rozhodla o zvýšení daní.", "cp1250"),
    ],
)
def test_legacy_single_byte_text_reads_back_exactly(tmp_path, text, encoding):
    (doc,) = read_input(write(tmp_path, "legacy.txt", text.encode(encoding)))
    assert doc.text == text


@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n ", "  \n".encode("utf-16")])
def test_empty_and_whitespace_only_input_is_refused(tmp_path, data):
    path = write(tmp_path, "empty.txt", data)
    with pytest.raises(EmptyInput) as caught:
        read_input(path)
    assert one_line_naming(caught.value, str(path))
    assert str(caught.value).endswith("[A101]")


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 8,
        b"\x89PNG\r\n\x1a\n" + b"IHDR" + b"\x10" * 200,
        b"%PDF-1.7\n" + b"1 0 obj << /Length 5 >> stream\n" + b"\x07\x01\x02" * 100,
        b"ok text \x01\x02\x03\x04\x05\x06\x07\x08" * 40,
    ],
)
def test_binary_input_is_refused(tmp_path, data):
    path = write(tmp_path, "blob.txt", data)
    with pytest.raises(BinaryInput) as caught:
        read_input(path)
    assert one_line_naming(caught.value, str(path))


def test_oversized_file_is_refused_by_size_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    path.touch()
    os.truncate(path, 200 * 1024 * 1024)  # sparse: no disk, no time

    def no_open(*args, **kwargs):
        raise AssertionError("the file was opened")

    monkeypatch.setattr(readers, "open", no_open, raising=False)
    started = time.monotonic()
    with pytest.raises(InputTooLarge) as caught:
        read_input(path)
    assert time.monotonic() - started < 1.0
    assert one_line_naming(caught.value, str(path))
    assert str(DEFAULT_SETTINGS.max_input_bytes) in str(caught.value)


def test_size_limit_follows_settings(tmp_path):
    path = write(tmp_path, "small.txt", "x" * 200)
    with pytest.raises(InputTooLarge):
        read_input(path, settings=DEFAULT_SETTINGS.replace(max_input_bytes=100))
    with pytest.raises(InputTooLarge):
        read_bytes(b"x" * 200, "mem", settings=DEFAULT_SETTINGS.replace(max_input_bytes=100))


def test_missing_file_and_folder_are_refused(tmp_path):
    with pytest.raises(InputNotFound) as caught:
        read_input(tmp_path / "nope.txt")
    assert one_line_naming(caught.value, str(tmp_path / "nope.txt"))
    with pytest.raises(InputNotFound):
        read_input(tmp_path)


def test_stdin_is_read_and_caller_metadata_wins(monkeypatch):
    data = b"Police detained 40 people in the capital, witnesses said.\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    (doc,) = read_input("-", page_date="2024-07-27", outlet="Example News")
    assert doc.text == "Police detained 40 people in the capital, witnesses said."
    assert doc.origin == "<stdin>"
    assert (doc.page_date, doc.outlet) == ("2024-07-27", "Example News")


def test_empty_stdin_names_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    with pytest.raises(EmptyInput) as caught:
        read_input("-")
    assert one_line_naming(caught.value, "<stdin>")


def test_malformed_page_date_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError):
        read_input(write(tmp_path, "a.txt", "Some text."), page_date="27/07/2024")


# --- HTML -------------------------------------------------------------------------------


def test_html_article_text_and_metadata(tmp_path):
    (doc,) = read_input(write(tmp_path, "article.html", ARTICLE))
    for paragraph in PARAGRAPHS:
        assert paragraph in doc.text
    for boilerplate in ("Subscribe now", "All rights reserved", "Privacy policy", "tracking"):
        assert boilerplate not in doc.text
    assert doc.title == "Minister resigns over budget row"
    assert doc.outlet == "The Daily Example"
    assert doc.page_date == "2024-03-05"
    assert doc.language == "en"
    assert doc.url == "https://news.example.org/politics/minister-resigns"
    assert doc.text == normalise_text(doc.text)


def test_html_is_sniffed_by_content_not_extension(tmp_path):
    (doc,) = read_input(write(tmp_path, "saved-as.txt", ARTICLE))
    assert doc.title == "Minister resigns over budget row"
    assert "<p>" not in doc.text


def test_caller_page_date_and_outlet_override_the_page(tmp_path):
    path = write(tmp_path, "article.html", ARTICLE)
    (doc,) = read_input(path, page_date="2024-07-27", outlet="  Wire   Service ")
    assert (doc.page_date, doc.outlet) == ("2024-07-27", "Wire Service")


def test_html_in_a_legacy_charset_is_decoded_by_its_meta_tag(tmp_path):
    html = ARTICLE.replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    (doc,) = read_input(write(tmp_path, "legacy.html", html.encode("cp1252")))
    assert PARAGRAPHS[1] in doc.text  # curly quotes survive


def test_content_type_hint_and_charset_are_used_for_bytes_in_memory():
    # Plain-looking text the server calls HTML: its entities must be decoded.
    data = b"Le ministre &amp; le pr&eacute;sident ont d&eacute;missionn&eacute;."
    (doc,) = read_bytes(data, "api-upload", content_type="text/html")
    assert doc.text == "Le ministre & le président ont démissionné."
    (plain,) = read_bytes(data, "api-upload")
    assert plain.text == data.decode()
    # The declared charset decides where a guess would pick cp1252 (0xA4: € vs ¤).
    euro = "Bread prices rose by 5 € on Monday.".encode("iso-8859-15")
    (priced,) = read_bytes(euro, "api-upload", content_type="text/plain; charset=ISO-8859-15")
    assert priced.text == "Bread prices rose by 5 € on Monday."


def test_outlet_falls_back_to_the_canonical_hostname(tmp_path):
    html = (
        '<html><head><link rel="canonical" href="https://www.wire.example.net/a/1">'
        "</head><body><article><p>Troops withdrew from the border town on Sunday, the "
        "ministry said.</p></article></body></html>"
    )
    (doc,) = read_input(write(tmp_path, "a.html", html))
    assert doc.outlet is not None and "wire.example.net" in doc.outlet


def test_truncated_html_keeps_the_text_before_the_cut(tmp_path):
    cut = ARTICLE.index(PARAGRAPHS[1]) + 30
    (doc,) = read_input(write(tmp_path, "cut.html", ARTICLE[:cut]))
    assert PARAGRAPHS[0] in doc.text
    assert PARAGRAPHS[2] not in doc.text


def test_body_text_fallback_when_trafilatura_finds_nothing(tmp_path, monkeypatch):
    import trafilatura

    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: None)
    (doc,) = read_input(write(tmp_path, "article.html", ARTICLE))
    for paragraph in PARAGRAPHS:
        assert paragraph in doc.text
    assert "Subscribe now" not in doc.text and "All rights reserved" not in doc.text
    assert "\n" in doc.text  # paragraphs stay lines


def test_html_without_text_is_malformed(tmp_path):
    path = write(
        tmp_path, "empty.html", "<html><head><title>Only</title></head><body><script>x=1</script>"
    )
    with pytest.raises(MalformedInput) as caught:
        read_input(path)
    assert one_line_naming(caught.value, str(path))


def test_third_party_logs_are_quiet(tmp_path, caplog):
    with caplog.at_level(logging.DEBUG):
        read_input(write(tmp_path, "article.html", ARTICLE))
        with pytest.raises(MalformedInput):  # trafilatura "discards" it: no text at all
            read_input(write(tmp_path, "cut.html", ARTICLE[:400]))
    noisy = [r for r in caplog.records if r.name.split(".")[0] in {"trafilatura", "htmldate"}]
    assert noisy == []


def test_reading_never_touches_the_network(tmp_path, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("network access while reading")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    (doc,) = read_bytes(b"https://news.example.org/politics/minister-resigns", "url.txt")
    assert doc.text == "https://news.example.org/politics/minister-resigns"
    assert read_input(write(tmp_path, "article.html", ARTICLE))[0].page_date == "2024-03-05"
    # feedparser opens bytes as a file name if it can; ours must not.
    feed_file = write(tmp_path, "feed.xml", RSS)
    with pytest.raises(MalformedInput):
        read_feed(str(feed_file).encode(), "name-of-a-feed")


def test_unexpected_parser_failure_becomes_malformed_input(tmp_path, monkeypatch):
    import feedparser

    def broken(*args, **kwargs):
        raise RuntimeError("parser bug")

    monkeypatch.setattr(feedparser, "parse", broken)
    path = write(tmp_path, "feed.xml", RSS)
    with pytest.raises(MalformedInput) as caught:
        read_input(path)
    assert one_line_naming(caught.value, str(path))
    assert "parser bug" in str(caught.value)
    assert isinstance(caught.value.__cause__, RuntimeError)


# --- feeds ------------------------------------------------------------------------------


def test_rss_entries_become_documents(tmp_path):
    path = write(tmp_path, "feed.html", RSS)  # the wrong extension on purpose
    docs = read_input(path)
    assert [d.title for d in docs] == ["Protesters block roads in Beirut", "Unions call a strike"]
    first, second = docs
    assert first.text == (
        "Protesters blocked roads in Beirut on Thursday.\nPolice said 20 people were detained."
    )
    assert second.text == "Unions called a general strike for Monday."
    assert first.origin == f"{path}#https://gulf.example/beirut"
    assert (first.page_date, second.page_date) == ("2019-10-17", "2019-10-18")
    assert {d.outlet for d in docs} == {"Gulf Monitor"}
    assert {d.language for d in docs} == {"en"}


def test_atom_entries_become_documents(tmp_path):
    path = write(tmp_path, "feed.atom", ATOM)
    first, second = read_input(path)
    assert first.text == "Des milliers de personnes ont manifesté mardi à Paris."
    assert first.page_date == "2024-03-05"  # published, not updated
    assert first.url == "https://veilleur.example/manif"
    assert second.text == "Les enseignants sont en grève depuis lundi."
    assert second.origin == f"{path}#2"  # no link: the entry's position
    assert second.page_date == "2024-03-04"
    assert first.outlet == "Le Veilleur" and first.language == "fr"


def test_bozo_feed_with_entries_is_read(tmp_path):
    rss = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Roads & Rails</title>
    <item><title>Bridges & tunnels</title><link>https://rr.example/a</link>
    <description>Farmers & workers blocked the bridge on Monday.</description></item>
    </channel></rss>"""
    (doc,) = read_input(write(tmp_path, "bozo.xml", rss))
    assert doc.text == "Farmers & workers blocked the bridge on Monday."


def test_feed_without_usable_entries_is_malformed(tmp_path):
    rss = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Empty</title></channel></rss>'
    path = write(tmp_path, "empty.rss", rss)
    with pytest.raises(MalformedInput) as caught:
        read_input(path)
    assert one_line_naming(caught.value, str(path))


# --- WARC -------------------------------------------------------------------------------

PAGE_URIS = ["https://news.example.org/strike", "https://news.example.org/court"]


@pytest.mark.parametrize("gzipped", [True, False])
def test_warc_pages_become_documents(tmp_path, gzipped):
    data, _ = build_warc(gzipped)
    path = write(tmp_path, "crawl.warc.gz" if gzipped else "crawl.warc", data)
    docs = read_input(path, outlet="Example News")
    assert [d.origin for d in docs] == PAGE_URIS
    assert [d.title for d in docs] == ["Strike closes ports", "Court jails activists"]
    assert "Dock workers walked out on Monday." in docs[0].text
    assert "Home | World" not in docs[0].text
    assert {d.outlet for d in docs} == {"Example News"}
    assert docs[0].url == PAGE_URIS[0]


@pytest.mark.parametrize("gzipped", [True, False])
def test_truncated_warc_keeps_the_complete_pages(tmp_path, gzipped, caplog):
    data, ends = build_warc(gzipped)
    start, end = ends["https://news.example.org/logo.png"], ends[PAGE_URIS[1]]
    cut = data[: (start + end) // 2]  # inside the record of the second page
    docs, errors = read_warc(cut, "cut.warc")
    assert [d.origin for d in docs] == PAGE_URIS[:1]
    assert len(errors) == 1 and isinstance(errors[0], MalformedInput)
    with caplog.at_level(logging.WARNING, logger="according.readers.warc"):
        docs = read_input(write(tmp_path, "cut.warc", cut))
    assert [d.origin for d in docs] == PAGE_URIS[:1]
    assert any("cut off" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("gzipped", [True, False])
def test_warc_cut_before_any_page_is_complete_is_malformed(tmp_path, gzipped):
    data, ends = build_warc(gzipped)
    path = write(tmp_path, "cut.warc", data[: ends["request"] + 60])
    with pytest.raises(MalformedInput) as caught:
        read_input(path)
    assert one_line_naming(caught.value, str(path))
    assert "cut off" in str(caught.value)


def test_whole_file_gzipped_warc_is_read_and_its_truncation_noticed(tmp_path):
    plain, _ = build_warc(gzipped=False)
    whole = gzip.compress(plain)  # one gzip stream, not one member per record
    docs = read_input(write(tmp_path, "whole.warc.gz", whole))
    assert [d.origin for d in docs] == PAGE_URIS
    docs, errors = read_warc(gzip.compress(plain)[: len(whole) - 30], "cut.warc.gz")
    assert [d.origin for d in docs] == PAGE_URIS
    assert len(errors) == 1 and "cut off" in errors[0].reason


def test_arc_pages_become_documents(tmp_path):
    body = (
        b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n<html><head><title>Square"
        b"</title></head><body><p>Police detained forty protesters on Sunday.</p></body></html>"
    )
    version = b"1 0 Test\nURL IP-address Archive-date Content-type Archive-length\n"
    arc = (
        b"filedesc://t.arc 0.0.0.0 20240305000000 text/plain %d\n%s\n"
        b"http://news.example.org/square 192.0.2.1 20240305000000 text/html %d\n%s\n"
    ) % (len(version), version, len(body), body)
    (doc,) = read_input(write(tmp_path, "old.arc.gz", gzip.compress(arc)))
    assert doc.origin == "http://news.example.org/square"
    assert doc.text == "Police detained forty protesters on Sunday."
    assert doc.title == "Square"


def test_gzip_that_is_not_a_warc_is_binary(tmp_path):
    path = write(tmp_path, "page.html.gz", gzip.compress(ARTICLE.encode()))
    with pytest.raises(BinaryInput):
        read_input(path)


# --- URLs -------------------------------------------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, str, bytes]]] = {
        "/article": (200, "text/html; charset=utf-8", ARTICLE.encode()),
        "/feed": (200, "application/rss+xml", RSS),
        "/big": (200, "text/plain", b"word " * 1000),
    }

    def do_GET(self) -> None:
        if self.path == "/old":
            self.send_response(301)
            self.send_header("Location", "/article")
            self.end_headers()
            return
        if self.path == "/endless":  # no Content-Length: the size cap must hold while streaming
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            try:
                for _ in range(100):
                    self.wfile.write(b"word " * 100)
            except OSError:  # the client hung up at its size cap, as it should
                pass
            return
        status, content_type, body = self.routes.get(self.path, (404, "text/html", b"gone"))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch):
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy",
                 "all_proxy"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)


def test_url_is_fetched_and_read(server):
    (doc,) = read_input(f"{server}/old")  # a redirect to the article
    assert doc.origin == f"{server}/old"
    assert PARAGRAPHS[0] in doc.text and doc.page_date == "2024-03-05"
    feed = read_input(f"{server}/feed")
    assert [d.origin for d in feed] == [
        f"{server}/feed#https://gulf.example/beirut",
        f"{server}/feed#https://gulf.example/strike",
    ]


def test_http_error_is_fetch_failed(server):
    with pytest.raises(FetchFailed) as caught:
        read_input(f"{server}/missing")
    assert one_line_naming(caught.value, f"{server}/missing")
    assert "HTTP 404" in str(caught.value)


@pytest.mark.parametrize("route", ["/big", "/endless"])
def test_url_response_over_the_size_cap_is_refused(server, route):
    settings = DEFAULT_SETTINGS.replace(max_input_bytes=2000)
    with pytest.raises(InputTooLarge):
        read_input(f"{server}{route}", settings=settings)


def test_silent_server_times_out():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()  # accepts connections in the backlog, never answers
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/slow"
    try:
        started = time.monotonic()
        with pytest.raises(FetchFailed) as caught:
            read_input(url, settings=DEFAULT_SETTINGS.replace(fetch_timeout_s=0.3))
        assert time.monotonic() - started < 5
    finally:
        listener.close()
    assert one_line_naming(caught.value, url)
    assert "timed out after 0.3 s" in str(caught.value)


def test_refused_connection_is_fetch_failed():
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()  # nothing listens there now
    with pytest.raises(FetchFailed):
        read_input(
            f"http://127.0.0.1:{port}/", settings=DEFAULT_SETTINGS.replace(fetch_timeout_s=2)
        )


# --- walking folders ------------------------------------------------------------------


def test_walk_is_sorted_recursive_and_skips_what_is_not_a_report(tmp_path):
    names = [
        "b.txt", "a.html", "c", "feed.rss", "crawl.warc.gz", "old.ARC.GZ", "page.XHTML",
        "photo.jpg", "paper.pdf", "data.json", "archive.zip", "notes.gz", ".hidden.txt",
        "sub/z.htm", "sub/deeper/y.txt", ".git/config", "sub/.cache/x.txt", "sub/pic.png",
        "sub/report.2024-03-05", "sub/page.html~", "sub/notes.md",
    ]  # fmt: skip
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_input_files([tmp_path])]
    assert found == [
        "a.html", "b.txt", "c", "crawl.warc.gz", "feed.rss", "old.ARC.GZ", "page.XHTML",
        "sub/deeper/y.txt", "sub/report.2024-03-05", "sub/z.htm",
    ]  # fmt: skip
    # A file named explicitly is the user's choice, whatever its name.
    assert list(iter_input_files([tmp_path / ".hidden.txt"])) == [tmp_path / ".hidden.txt"]


def test_walk_missing_path_fails_before_any_file(tmp_path):
    write(tmp_path, "a.txt", "x")
    with pytest.raises(InputNotFound) as caught:
        iter_input_files([tmp_path, tmp_path / "typo"])
    assert one_line_naming(caught.value, str(tmp_path / "typo"))


@pytest.mark.slow  # a bound on time at scale: measured where nothing else runs (CI)
def test_walk_ten_thousand_files_quickly(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    names = [f"{i:05d}.txt" for i in range(10_000)]
    for name in reversed(names):
        (folder / name).touch()
    started = time.monotonic()
    found = [p.name for p in iter_input_files([str(folder)])]
    assert time.monotonic() - started < 2.0
    assert found == names


def test_walk_survives_a_symlink_loop(tmp_path):
    write(tmp_path, "a.txt", "x")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    found = list(iter_input_files([tmp_path]))
    assert found.count(tmp_path / "a.txt") == 1
