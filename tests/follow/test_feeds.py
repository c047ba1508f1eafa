"""RSS, RDF, Atom and sitemaps parsed safely; item identity across edits."""

from __future__ import annotations

import pytest

from storyline.follow.feeds import FeedError, parse_feed

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Harbour News</title>
<item><guid isPermaLink="false">42</guid><link>/news/bridge.html</link><title>Bridge vote</title>
<description>Short &lt;b&gt;teaser&lt;/b&gt;</description>
<content:encoded><![CDATA[<p>The council voted on Monday for a new bridge across the Tam.</p>]]></content:encoded>
<pubDate>Wed, 10 Mar 2021 09:30:00 +0100</pubDate><dc:creator>Ann Lee</dc:creator></item>
<item><link>https://example.org/news/fish.html</link><title>Fish</title><description>Protest</description></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title>
<entry><id>https://example.org/a/1</id><title>One</title>
<link rel="alternate" href="https://example.org/a/1.html"/><link rel="enclosure" href="https://example.org/a/1.mp3"/>
<updated>2021-03-11T08:00:00Z</updated><published>2021-03-10T08:00:00Z</published>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Body of one</p></div></content>
<author><name>Bo Chen</name></author></entry></feed>"""

RDF = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://example.org/"><title>RDF News</title></channel>
<item rdf:about="https://example.org/r/1"><title>R1</title><link>https://example.org/r/1</link>
<description>Text one</description><dc:date>2021-03-12</dc:date></item></rdf:RDF>"""


def test_rss_items_have_link_text_date_and_author() -> None:
    feed = parse_feed(RSS, "https://example.org/feed.xml")
    assert feed.title == "Harbour News"
    first, second = feed.items
    assert first.link == "https://example.org/news/bridge.html"  # relative link resolved
    assert "new bridge" in first.body  # the longest body: content:encoded over the teaser
    assert first.published == "2021-03-10T08:30:00Z"  # to UTC
    assert first.author == "Ann Lee"
    assert second.published is None and second.body == "Protest"
    assert first.key != second.key


def test_atom_takes_the_alternate_link_and_xhtml_content() -> None:
    (item,) = parse_feed(ATOM, "https://example.org/atom").items
    assert item.link == "https://example.org/a/1.html"
    assert "Body of one" in item.body
    assert item.published == "2021-03-10T08:00:00Z"
    assert item.author == "Bo Chen"


def test_rdf_items_are_read() -> None:
    feed = parse_feed(RDF, "https://example.org/rdf")
    assert feed.title == "RDF News"
    assert [i.link for i in feed.items] == ["https://example.org/r/1"]
    assert feed.items[0].published == "2021-03-12T00:00:00"


def test_an_edited_item_keeps_its_key_and_changes_its_content_hash() -> None:
    before = parse_feed(RSS, "https://example.org/feed.xml").items[0]
    after = parse_feed(RSS.replace(b"new bridge", b"new tunnel"), "https://example.org/feed.xml").items[0]
    assert after.key == before.key and after.content != before.content


def test_a_guid_that_is_not_a_url_is_scoped_by_its_feed() -> None:
    one = parse_feed(RSS, "https://one.example/feed").items[0]
    two = parse_feed(RSS, "https://two.example/feed").items[0]
    assert one.key != two.key
    url_guid = parse_feed(ATOM, "https://one.example/feed").items[0].key
    assert url_guid == parse_feed(ATOM, "https://two.example/other").items[0].key


def test_sitemaps_and_sitemap_indexes() -> None:
    urlset = (b"<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9' "
              b"xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'><url><loc>https://e.org/n/1</loc>"
              b"<news:news><news:publication_date>2021-03-10T10:00:00Z</news:publication_date><news:title>N1</news:title>"
              b"</news:news></url><url><loc>https://e.org/n/2</loc><lastmod>2021-03-11</lastmod></url></urlset>")
    feed = parse_feed(urlset, "https://e.org/sitemap.xml")
    assert [(i.link, i.title, i.published) for i in feed.items] == [
        ("https://e.org/n/1", "N1", "2021-03-10T10:00:00Z"), ("https://e.org/n/2", None, "2021-03-11T00:00:00")]
    index = b"<sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'><sitemap><loc>/s1.xml</loc></sitemap></sitemapindex>"
    assert parse_feed(index, "https://e.org/index.xml").children == ("https://e.org/s1.xml",)


@pytest.mark.parametrize("data, problem", [
    (b"<html><body><p>Not a feed</p></body></html>", "not an RSS or Atom feed"),
    (b"Just some text, no markup at all", "not XML"),
    (b"", "not XML"),
    (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><rss>&b;</rss>', "entities"),
    (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel><title>&x;</title></channel></rss>',
     "entities"),
])
def test_what_is_not_a_safe_feed_is_refused(data: bytes, problem: str) -> None:
    with pytest.raises(FeedError, match=problem):
        parse_feed(data, "https://e.org/feed")


def test_an_entity_named_inside_the_text_is_not_an_entity_declaration() -> None:
    data = RSS.replace(b"Protest", b"How &lt;!ENTITY declarations work")
    assert parse_feed(data, "https://e.org/feed").items[1].body == "How <!ENTITY declarations work"


def test_an_html_page_names_the_feeds_it_announces() -> None:
    from storyline.follow.feeds import feed_links  # noqa: PLC0415

    page = (b"<html><head><link rel='alternate' type='application/rss+xml' href='/rss.xml'>"
            b"<link rel='alternate' type='application/atom+xml' href='https://e.org/atom'>"
            b"<link rel='alternate' hreflang='fr' href='/fr/'><link rel='stylesheet' href='/s.css'></head></html>")
    assert feed_links(page, "https://e.org/news/") == ["https://e.org/rss.xml", "https://e.org/atom"]
    assert feed_links(b"<html><body>no feeds</body></html>", "https://e.org/") == []
    assert feed_links(b"", "https://e.org/") == []
