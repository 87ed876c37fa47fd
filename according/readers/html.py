"""Web pages: the article text without the page around it, plus what the page says about itself.

Trafilatura finds the article body (recall favoured: a dropped paragraph loses claims for
good, a stray line of boilerplate rarely yields an event); its metadata pass supplies
title, site name and, through htmldate, the publication date. Both libraries accept a URL
in place of markup and would then download it, so they only ever get a parsed tree from
here. When they find nothing (truncated or garbled pages), the plain text of the body is
better than no report at all.
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import logging
import re
from urllib.parse import urlsplit

import lxml.html
import trafilatura
from lxml import etree

from according.errors import InputTooLarge, MalformedInput
from according.readers.normalise import normalise_text
from according.readers.source import SourceDocument
from according.readers.text import decode_bytes
from according.settings import DEFAULT_SETTINGS

log = logging.getLogger(__name__)

# Both libraries log every heuristic step at DEBUG/INFO, and trafilatura logs "discarding
# data" at WARNING for every page it leaves to the body-text fallback below; a batch run
# would drown in it. Real trouble still surfaces, as our own coded errors.
for _name, _level in (
    ("trafilatura", logging.ERROR),
    ("htmldate", logging.WARNING),
    ("courlan", logging.WARNING),
    ("justext", logging.WARNING),
):
    logging.getLogger(_name).setLevel(_level)

# What htmldate is asked for: the first publication date, from markup and metadata only.
# The opportunistic free-text scan guesses from any date in the page (a "related stories"
# list, a copyright line) and page_date is meant to be what the page states.
DATE_PARAMS = {"original_date": True, "extensive_search": False}

_PARSER = lxml.html.HTMLParser(
    collect_ids=False, default_doctype=False, remove_comments=True, remove_pis=True
)
# lxml refuses str input with an XML encoding declaration, and control characters.
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>", re.IGNORECASE)
# Some doctypes make libxml2 drop the document (lxml bug 1955915); a doctype holds no text.
_DOCTYPE = re.compile(r"<!doctype[^>]*>", re.IGNORECASE)
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_META_CHARSET = re.compile(
    rb"<meta[^>]+charset\s*=\s*[\"']?\s*([a-zA-Z0-9_.:-]+)"
    rb"|<\?xml[^>]+encoding\s*=\s*[\"']([a-zA-Z0-9_.:-]+)",
    re.IGNORECASE,
)
_START_TAG = re.compile(r"<[A-Za-z]")
_WHITESPACE = re.compile(r"\s+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
_LANG = re.compile(r"^([a-zA-Z]{2,3})(?:[-_].*)?$")

_NOT_TEXT = (
    "script", "style", "noscript", "template", "head", "svg", "math", "iframe",
    "object", "embed", "canvas", "select", "button", "textarea",
)  # fmt: skip
_BOILERPLATE = ("nav", "footer", "aside", "form", "menu")
_BLOCKS = frozenset(
    "address article blockquote body caption dd details dialog div dl dt fieldset "
    "figcaption figure footer h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section "
    "summary table tbody td tfoot th thead tr ul".split()
)


def read_html(
    text: str,
    origin: str,
    *,
    url: str | None = None,
    max_elements: int = DEFAULT_SETTINGS.max_html_elements,
) -> SourceDocument:
    """One page as one report. ``url`` is where the page is known to come from, if anywhere.

    Raises MalformedInput when no text can be got out of the markup at all, and
    InputTooLarge for a page of more than ``max_elements`` tags: the tree and
    trafilatura's passes over it cost time and memory per element (a million tags took
    94 s and 1.7 GB), and a real article page has a few thousand.
    """
    _check_tree_size(text, origin, max_elements)
    tree = parse_html(text)
    if tree is None:
        raise MalformedInput("not parseable as HTML", source=origin)
    meta = _metadata(tree, url)
    body = normalise_text(_main_text(tree, url))
    if not body:
        log.debug("%s: trafilatura found no main text, using the whole body", origin)
        body = normalise_text(tree_text(tree, drop_boilerplate=True))
    if not body:
        raise MalformedInput("HTML page without readable text", source=origin)
    page_url = _str(getattr(meta, "url", None)) or url
    return SourceDocument(
        text=body,
        origin=origin,
        title=_str(getattr(meta, "title", None)) or _title(tree),
        outlet=_str(getattr(meta, "sitename", None)) or _hostname(page_url),
        page_date=_iso_date(getattr(meta, "date", None)),
        language=_language(tree),
        url=page_url,
    )


def read_html_bytes(
    data: bytes,
    origin: str,
    *,
    url: str | None = None,
    declared: str | None = None,
    max_elements: int = DEFAULT_SETTINGS.max_html_elements,
) -> SourceDocument:
    """Decode with the charset the container or the page declares, then read."""
    text = decode_bytes(data, origin, declared=declared or declared_charset(data))
    return read_html(text, origin, url=url, max_elements=max_elements)


def _check_tree_size(text: str, origin: str, limit: int) -> None:
    """Count start tags before parsing (trafilatura's max_tree_size idea, applied before
    the tree exists). ``str.count`` first, so an ordinary page costs one C pass; the
    regex only runs, and stops, when "<" alone is over the limit."""
    if text.count("<") <= limit:
        return
    found = sum(1 for _ in itertools.islice(_START_TAG.finditer(text), limit + 1))
    if found > limit:
        raise InputTooLarge(
            f"HTML page of more than {limit} elements (settings.max_html_elements)",
            source=origin,
        )


def declared_charset(data: bytes) -> str | None:
    """The charset a page states in its first bytes (meta tag or XML declaration)."""
    found = _META_CHARSET.search(data[:4096])
    if not found:
        return None
    return (found.group(1) or found.group(2)).decode("ascii")


def parse_html(text: str) -> lxml.html.HtmlElement | None:
    """A full-document tree (html/body) for any markup, fragments included, or None."""
    text = _XML_DECL.sub("", text, count=1)
    text = _DOCTYPE.sub("", text[:4096], count=1) + text[4096:]
    text = _INVALID_XML.sub("", text)
    if not text.strip():
        return None
    try:
        return lxml.html.document_fromstring(text, parser=_PARSER)
    except (etree.ParserError, ValueError):
        return None


def fragment_text(markup: str) -> str:
    """Visible text of an HTML fragment (a feed summary), one line per block; may be ''."""
    tree = parse_html(markup)
    return "" if tree is None else normalise_text(tree_text(tree))


def tree_text(tree: lxml.html.HtmlElement, *, drop_boilerplate: bool = False) -> str:
    """Text of the body as a browser would lay it out: source line breaks are spaces,
    blocks are lines. The tree is copied, never changed."""
    root = copy.deepcopy(tree)
    body = root.find("body")
    root = body if body is not None else root
    drop = _NOT_TEXT + (_BOILERPLATE if drop_boilerplate else ())
    etree.strip_elements(root, *drop, with_tail=False)
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag != "pre":
            el.text = _WHITESPACE.sub(" ", el.text) if el.text else el.text
        el.tail = _WHITESPACE.sub(" ", el.tail) if el.tail else el.tail
        if el.tag == "br":
            el.tail = "\n" + (el.tail or "")
        elif el.tag in _BLOCKS:
            el.text = "\n" + (el.text or "")
            el.tail = "\n" + (el.tail or "")
    return _BLANK_LINES.sub("\n", root.text_content())


def _main_text(tree: lxml.html.HtmlElement, url: str | None) -> str:
    try:
        doc = trafilatura.bare_extraction(
            tree, url=url, favor_recall=True, include_comments=False, with_metadata=False
        )
    except Exception as exc:  # noqa: BLE001 - the body-text fallback covers any failure
        log.debug("trafilatura failed (%s: %s), using the whole body", type(exc).__name__, exc)
        return ""
    text = getattr(doc, "text", None)
    return text if isinstance(text, str) else ""


def _metadata(tree: lxml.html.HtmlElement, url: str | None) -> object | None:
    """Title, site name, canonical URL and date, or None: metadata is a bonus, never fatal."""
    try:
        return trafilatura.extract_metadata(tree, url, dict(DATE_PARAMS))
    except Exception as exc:  # noqa: BLE001 - a page without metadata is still a page
        log.debug("metadata extraction failed: %s: %s", type(exc).__name__, exc)
        return None


def _title(tree: lxml.html.HtmlElement) -> str | None:
    found = tree.find(".//title")
    return _str(found.text_content()) if found is not None else None


def _iso_date(value: object) -> str | None:
    text = _str(value)
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        return None


def _language(tree: lxml.html.HtmlElement) -> str | None:
    """Primary subtag of <html lang>, e.g. 'en' for 'en-GB'; the tag only, not a guess."""
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    found = _LANG.match(lang.strip())
    return found.group(1).lower() if found else None


def _hostname(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def _str(value: object) -> str | None:
    """Stripped text or None: metadata fields come back as '', None or odd types."""
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None
