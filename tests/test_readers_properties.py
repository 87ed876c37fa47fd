"""Whatever bytes arrive, a reader returns clean documents or a coded InputError, nothing else.

Batches skip an input on InputError and stop on anything else, so one odd file in a crawl
must never surface a parser's own exception.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from according.errors import InputError
from according.readers import read_bytes
from according.readers.normalise import normalise_text
from according.readers.source import SourceDocument

PROPERTY = settings(deadline=None, max_examples=75, suppress_health_check=[HealthCheck.too_slow])


def check(data: bytes, content_type: str | None = None) -> list[SourceDocument]:
    """The property itself: documents with non-empty normalised text, or an InputError."""
    try:
        docs = read_bytes(data, "prop-input", content_type=content_type)
    except InputError as err:
        assert err.source, "every error names its input"
        assert "\n" not in str(err)
        return []
    assert isinstance(docs, list) and docs
    for doc in docs:
        assert isinstance(doc, SourceDocument)
        assert doc.text and doc.text == normalise_text(doc.text)
        assert doc.origin.startswith("prop-input") or doc.origin.startswith("http")
        if doc.page_date is not None:
            dt.date.fromisoformat(doc.page_date)
    return docs


@PROPERTY
@given(st.binary(max_size=4096))
def test_random_bytes(data):
    check(data)


@PROPERTY
@given(st.binary(max_size=2048))
def test_random_gzip_payloads(data):
    check(gzip.compress(data))
    check(b"\x1f\x8b" + data)


@PROPERTY
@given(st.text(max_size=2000), st.sampled_from(["utf-8", "utf-16", "utf-32", "cp1252"]))
def test_random_text_in_any_encoding(text, encoding):
    data = text.encode(encoding, errors="replace")
    docs = check(data)
    if encoding.startswith("utf") and docs and "<" not in text:
        assert docs[0].text == normalise_text(text)


MARKUP = st.sampled_from(
    [
        "<!doctype html>", "<html>", "</html>", "<head>", "<title>", "</title>", "<body>",
        "</body>", "<p>", "</p>", "<div class='x'>", "</div>", "<br>", "<article>", "<nav>",
        "<script>", "</script>", "<style>", "<!--", "-->", "<a href='http://x.example/'>",
        "</a>", "&amp;", "&#0;", "&#xD800;", "&nbsp;", "<meta charset='latin-1'>",
        "<meta charset='bogus-charset'>", '<meta property="article:published_time" '
        'content="2024-02-30">', "<link rel='canonical' href='http://['>", "<?xml version='1.0' "
        "encoding='utf-16'?>", "<html lang='x-y-z'>", "<pre>", "<table><tr><td>", "<",
        ">", "\x00", "\ufeff", "\u2028",
    ]
)  # fmt: skip


@PROPERTY
@given(st.lists(st.one_of(MARKUP, st.text(max_size=40)), max_size=60))
def test_random_html_like_strings(parts):
    data = "".join(parts).encode("utf-8", errors="surrogatepass")
    check(data)
    check(data, content_type="text/html; charset=iso-8859-1")


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Feed</title><language>en</language>
<item><title>One</title><link>https://f.example/1</link>
<pubDate>Mon, 05 Feb 2024 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Police arrested ten people.&lt;/p&gt;</description></item>
<item><title>Two</title><content:encoded><![CDATA[<p>Crowds gathered.</p>]]></content:encoded>
</item></channel></rss>"""

ATOM = """<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
<entry><title>E</title><link href="https://a.example/e"/><updated>2024-13-45T99:00:00Z</updated>
<content type="html">&lt;b&gt;Troops withdrew.&lt;/b&gt;</content></entry></feed>"""


@st.composite
def feed_fragments(draw: st.DrawFn) -> bytes:
    """A real feed cut, spliced with noise, or with a slice removed."""
    feed = draw(st.sampled_from([RSS, ATOM]))
    start = draw(st.integers(0, len(feed)))
    end = draw(st.integers(start, len(feed)))
    noise = draw(st.one_of(st.text(max_size=30), MARKUP))
    how = draw(st.sampled_from(["cut", "splice", "drop"]))
    if how == "cut":
        text = feed[:end]
    elif how == "splice":
        text = feed[:start] + noise + feed[start:]
    else:
        text = feed[:start] + feed[end:]
    return text.encode("utf-8", errors="surrogatepass")


@PROPERTY
@given(feed_fragments())
def test_random_feed_fragments(data):
    check(data)


def _warc(gzipped: bool) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    for n, body in enumerate(
        [
            b"<html><body><p>Soldiers fired on protesters on Sunday.</p></body></html>",
            b"Plain text page: ministers met on Monday.",
        ]
    ):
        kind = "text/html" if body.startswith(b"<") else "text/plain; charset=utf-8"
        headers = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            f"https://w.example/{n}", "response", payload=io.BytesIO(body), http_headers=headers
        )
        writer.write_record(record)
    return out.getvalue()


WARCS = [_warc(True), _warc(False), gzip.compress(_warc(False))]


@st.composite
def warc_fragments(draw: st.DrawFn) -> bytes:
    """A real WARC cut at both ends, with a few bytes flipped, or random bytes after 'WARC/'."""
    if draw(st.booleans()):
        return b"WARC/1.0\r\n" + draw(st.binary(max_size=600))
    data = bytearray(draw(st.sampled_from(WARCS)))
    start = draw(st.sampled_from([0, 0, 0, draw(st.integers(0, len(data)))]))
    end = draw(st.integers(start, len(data)))
    for position in draw(st.lists(st.integers(0, len(data) - 1), max_size=3)):
        data[position] = draw(st.integers(0, 255))
    return bytes(data[start:end])


@PROPERTY
@given(warc_fragments())
def test_random_warc_fragments(data):
    check(data)


# --- hostile names, bombs and special files (issue 15) ---------------------------------

_NAME_BYTES = st.binary(min_size=1, max_size=40).filter(
    lambda b: b"/" not in b and b"\0" not in b and b not in (b".", b"..")
)


@PROPERTY
@given(_NAME_BYTES, st.sampled_from([b"Police detained 40 protesters on Monday.\n", b"", b"\0x"]))
def test_any_file_name_reads_or_fails_in_one_printable_line(name, body):
    import os
    import tempfile

    from according.readers import read_input

    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(os.fsencode(folder), name)
        with open(path, "wb") as handle:
            handle.write(body)
        try:
            docs = read_input(os.fsdecode(path))
        except InputError as err:
            line = str(err)
            assert "\n" not in line and "\r" not in line
            line.encode("utf-8")  # no lone surrogates: storable and printable
            return
        for doc in docs:
            assert "\n" not in doc.origin
            doc.origin.encode("utf-8")


@PROPERTY
@given(st.integers(0, 3 << 20), st.binary(max_size=64), st.booleans())
def test_decompression_bombs_end_in_pages_or_one_line(size, tail, gzipped):
    import zlib

    body = b"<html><body><p>Police detained 40 protesters on Monday.</p></body></html>"
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(
            "https://news.example.org/a", "response", payload=io.BytesIO(body), http_headers=headers
        )
    )
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    bomb = comp.compress(bytes(size)) + comp.flush()
    docs = check(out.getvalue() + bomb + tail)
    assert len(docs) <= 1


@settings(deadline=None, max_examples=20)
@given(st.sampled_from(["fifo", "zero", "socket", "folder"]), _NAME_BYTES)
def test_special_files_are_refused_without_reading(kind, name):
    import os
    import socket
    import tempfile

    import pytest

    from according.errors import InputNotFound
    from according.readers import read_input

    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(os.fsencode(folder), name)
        if kind == "fifo":
            os.mkfifo(path)
        elif kind == "zero":
            os.symlink(b"/dev/zero", path)
        elif kind == "folder":
            os.mkdir(path)
        else:
            if len(path) > 100:  # AF_UNIX names are short
                return
            with socket.socket(socket.AF_UNIX) as sock:
                sock.bind(path)
        with pytest.raises(InputNotFound) as caught:
            read_input(os.fsdecode(path))
        assert "\n" not in str(caught.value)
