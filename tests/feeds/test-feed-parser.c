/* test-feed-parser.c: RSS and Atom documents, friendly and hostile.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-test"

#include "config.h"

#include <string.h>

#include "hd-feed-parser.h"

static HdFeedDocument *
parse_fixture (const char  *name,
               const char  *url,
               GError     **error)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autofree char *contents = NULL;
  gsize length;
  GError *read_error = NULL;

  g_file_get_contents (path, &contents, &length, &read_error);
  g_assert_no_error (read_error);

  return hd_feed_parse (contents, length, url, error);
}

static gint64
instant (const char *iso8601)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (iso8601, NULL);

  g_assert_nonnull (time);
  return g_date_time_to_unix (time);
}

static HdFeedEntry *
entry_at (HdFeedDocument *document,
          guint           index)
{
  g_assert_cmpuint (index, <, document->entries->len);
  return g_ptr_array_index (document->entries, index);
}

static void
test_rss2 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdFeedDocument) document = NULL;
  HdFeedEntry *entry;

  document = parse_fixture ("rss2.xml", "https://bakery.example/feed.xml", &error);
  g_assert_no_error (error);
  g_assert_cmpint (document->format, ==, HD_FEED_FORMAT_RSS2);
  g_assert_cmpstr (document->title, ==, "The Corner Bakery & Café");
  g_assert_cmpstr (document->site_url, ==, "https://bakery.example/");
  g_assert_null (document->discovered_url);
  g_assert_cmpuint (document->entries->len, ==, 4);

  /* CDATA holding HTML: tags and the script go, entities are decoded. */
  entry = entry_at (document, 0);
  g_assert_cmpstr (entry->guid, ==, "bakery-post-1042");
  g_assert_cmpstr (entry->title, ==, "Sourdough is back on Saturdays");
  g_assert_cmpstr (entry->link, ==, "https://bakery.example/2024/03/sourdough");
  g_assert_cmpstr (entry->summary, ==, "Our sourdough returns — from the shop at 8 am. Bring a bag!");
  g_assert_cmpint (entry->published_at, ==, instant ("2024-03-05T09:30:00Z"));

  /* Escaped HTML, a relative link, a named zone and no guid: the link stands in for it. */
  entry = entry_at (document, 1);
  g_assert_cmpstr (entry->link, ==, "https://bakery.example/2024/03/easter");
  g_assert_cmpstr (entry->guid, ==, entry->link);
  g_assert_cmpstr (entry->summary, ==, "Closed on Sunday & Monday.");
  g_assert_cmpint (entry->published_at, ==, instant ("2024-03-29T23:00:00Z"));

  /* Neither guid nor link: a stable hash, the same on every fetch. */
  entry = entry_at (document, 2);
  g_assert_null (entry->link);
  g_assert_true (g_str_has_prefix (entry->guid, "sha256:"));
  g_assert_cmpstr (entry->summary, ==, "Only the content element says anything.");
  g_assert_cmpint (entry->published_at, ==, instant ("2024-04-01T07:05:00Z"));
  {
    g_autoptr(HdFeedDocument) again = parse_fixture ("rss2.xml", "https://bakery.example/feed.xml",
                                                     &error);

    g_assert_no_error (error);
    g_assert_cmpstr (entry_at (again, 2)->guid, ==, entry->guid);
  }

  /* A permalink guid is the link; Dublin Core dates are RFC 3339. */
  entry = entry_at (document, 3);
  g_assert_cmpstr (entry->guid, ==, "https://bakery.example/2024/04/permalink");
  g_assert_cmpstr (entry->link, ==, "https://bakery.example/2024/04/permalink");
  g_assert_cmpint (entry->published_at, ==, instant ("2024-04-02T08:15:00Z"));
}

static void
test_rss1 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdFeedDocument) document = NULL;
  HdFeedEntry *entry;

  document = parse_fixture ("rss1.rdf", "https://news.example/rss", &error);
  g_assert_no_error (error);
  g_assert_cmpint (document->format, ==, HD_FEED_FORMAT_RSS1);
  g_assert_cmpstr (document->title, ==, "Town News");
  g_assert_cmpstr (document->site_url, ==, "https://news.example/");
  g_assert_cmpuint (document->entries->len, ==, 2);

  entry = entry_at (document, 0);
  g_assert_cmpstr (entry->guid, ==, "https://news.example/market");
  g_assert_cmpstr (entry->title, ==, "Farmers’ market moves to the square");
  g_assert_cmpint (entry->published_at, ==, instant ("2024-04-20T08:00:00Z"));

  /* No link element: rdf:about names the item. A bare date is midnight UTC. */
  entry = entry_at (document, 1);
  g_assert_cmpstr (entry->link, ==, "https://news.example/fair");
  g_assert_cmpint (entry->published_at, ==, instant ("2024-05-01T00:00:00Z"));
}

static void
test_atom (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdFeedDocument) document = NULL;
  HdFeedEntry *entry;

  document = parse_fixture ("atom.xml", "https://blog.example/feeds/atom.xml", &error);
  g_assert_no_error (error);
  g_assert_cmpint (document->format, ==, HD_FEED_FORMAT_ATOM);
  g_assert_cmpstr (document->title, ==, "Workshop journal");
  /* Relative to xml:base, not to where the feed was fetched. */
  g_assert_cmpstr (document->site_url, ==, "https://blog.example/journal/");
  g_assert_cmpuint (document->entries->len, ==, 3);

  entry = entry_at (document, 0);
  g_assert_cmpstr (entry->guid, ==, "tag:blog.example,2024:glazing");
  g_assert_cmpstr (entry->title, ==, "Glazing tips");
  g_assert_cmpstr (entry->link, ==, "https://blog.example/journal/2024/glazing");
  g_assert_cmpstr (entry->summary, ==, "Three tips for an even glaze.");
  /* Published wins over updated. */
  g_assert_cmpint (entry->published_at, ==, instant ("2024-05-30T15:45:00Z"));

  /* A nested xml:base, a link without rel, an enclosure ignored, XHTML content. */
  entry = entry_at (document, 1);
  g_assert_cmpstr (entry->link, ==, "https://blog.example/elsewhere/kiln");
  g_assert_cmpstr (entry->summary, ==, "The kiln is hot.");
  g_assert_cmpint (entry->published_at, ==, instant ("2024-05-12T11:00:00Z"));

  /* A script address never becomes a link in a post. */
  entry = entry_at (document, 2);
  g_assert_null (entry->link);
  g_assert_cmpstr (entry->guid, ==, "tag:blog.example,2024:bad");
}

static void
test_latin1 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdFeedDocument) document = NULL;

  document = parse_fixture ("latin1.xml", "https://cafe.example/rss", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (document->title, ==, "Café news");
  g_assert_cmpstr (entry_at (document, 0)->title, ==, "Crème brûlée");
}

static void
test_external_dtd_not_loaded (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdFeedDocument) document = NULL;

  /* A DOCTYPE that only names a DTD is harmless once the DTD is never fetched. */
  document = parse_fixture ("external-dtd.xml", "https://old.example/rss", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (document->entries->len, ==, 1);
  g_assert_cmpstr (entry_at (document, 0)->title, ==, "Still read");
}

typedef struct
{
  const char  *fixture;
  HdFeedError  code;
  const char  *message;
} Refusal;

static const Refusal refusals[] = {
  { "billion-laughs.xml", HD_FEED_ERROR_UNSAFE,
    "The feed at https://evil.example/feed declares its own XML entities, which Herald does not "
    "read because they can be used to attack the computer." },
  { "xxe.xml", HD_FEED_ERROR_UNSAFE, NULL },
  { "xxe-parameter.xml", HD_FEED_ERROR_UNSAFE, NULL },
  { "truncated.xml", HD_FEED_ERROR_INVALID_XML,
    "The feed at https://evil.example/feed is not valid XML (line 11)." },
  { "wrong-encoding.xml", HD_FEED_ERROR_INVALID_XML,
    "The feed at https://evil.example/feed is not valid XML (line 3)." },
  { "unknown-encoding.xml", HD_FEED_ERROR_INVALID_XML, NULL },
  { "not-xml.txt", HD_FEED_ERROR_NOT_A_FEED,
    "This address does not point to an RSS or Atom feed." },
  { "not-a-feed.xml", HD_FEED_ERROR_NOT_A_FEED,
    "This address does not point to an RSS or Atom feed." },
  { "page-without-feed.html", HD_FEED_ERROR_NOT_A_FEED,
    "The page at https://evil.example/feed is a web page that names no RSS or Atom feed. Look "
    "for a feed link on the site and add that address." },
};

static void
test_refused (gconstpointer data)
{
  const Refusal *refusal = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(HdFeedDocument) document = NULL;
  g_autofree char *passwd = NULL;

  document = parse_fixture (refusal->fixture, "https://evil.example/feed", &error);
  g_assert_null (document);
  g_assert_error (error, HD_FEED_ERROR, (int) refusal->code);
  if (refusal->message != NULL)
    g_assert_cmpstr (error->message, ==, refusal->message);

  /* Whatever happened, nothing of the local file made it into the message. */
  if (g_file_get_contents ("/etc/passwd", &passwd, NULL, NULL) && strstr (passwd, "root:"))
    g_assert_null (strstr (error->message, "root:"));
}

static void
test_discovery (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdFeedDocument) document = NULL;

  document = parse_fixture ("page-with-feed.html", "https://pottery.example/about/", &error);
  g_assert_no_error (error);
  g_assert_cmpint (document->format, ==, HD_FEED_FORMAT_HTML);
  /* The first feed the page names, resolved against the page. */
  g_assert_cmpstr (document->discovered_url, ==, "https://pottery.example/journal/atom.xml");
  g_assert_cmpuint (document->entries->len, ==, 0);
}

static void
test_too_large (void)
{
  gsize length = 50 * 1024 * 1024;
  g_autofree char *body = g_malloc (length);
  g_autoptr(GError) error = NULL;
  HdFeedDocument *document;
  gint64 start = g_get_monotonic_time ();

  memset (body, ' ', length);
  memcpy (body, "<rss><channel>", 14);

  document = hd_feed_parse (body, length, "https://big.example/feed", &error);
  g_assert_null (document);
  g_assert_error (error, HD_FEED_ERROR, HD_FEED_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==, "The feed at https://big.example/feed is larger than 5 MB, "
                   "more than Herald reads from one feed.");
  /* Refused without being read. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
}

static void
test_deep_nesting (void)
{
  g_autoptr(GString) xml = g_string_new ("<rss><channel><title>Deep</title><item><title>");
  g_autoptr(GString) html = g_string_new ("<rss><channel><item><title>x</title><description>");
  g_autoptr(HdFeedDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  /* Elements nested past libxml2's limit: refused as invalid, not a crashed stack. */
  for (guint i = 0; i < 100000; i++)
    g_string_append (xml, "<a>");
  document = hd_feed_parse (xml->str, xml->len, "https://deep.example/", &error);
  g_assert_null (document);
  g_assert_error (error, HD_FEED_ERROR, HD_FEED_ERROR_INVALID_XML);
  g_clear_error (&error);

  /* Escaped HTML nested inside a description is still only text... */
  for (guint i = 0; i < 200; i++)
    g_string_append (html, "&lt;div&gt;");
  g_string_append (html, "deep text</description></item></channel></rss>");
  document = hd_feed_parse (html->str, html->len, "https://deep.example/", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (document->entries->len, ==, 1);
  g_assert_cmpstr (entry_at (document, 0)->summary, ==, "deep text");
  g_clear_pointer (&document, hd_feed_document_free);

  /* ...and nested past the HTML parser's limit it costs the summary, not the item. */
  g_string_truncate (html, 0);
  g_string_append (html, "<rss><channel><item><title>x</title><description>");
  for (guint i = 0; i < 20000; i++)
    g_string_append (html, "&lt;div&gt;");
  g_string_append (html, "deep text</description></item></channel></rss>");
  document = hd_feed_parse (html->str, html->len, "https://deep.example/", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (document->entries->len, ==, 1);
  g_assert_cmpstr (entry_at (document, 0)->title, ==, "x");
}

static void
test_item_cap (void)
{
  g_autoptr(GString) xml = g_string_new ("<rss version=\"2.0\"><channel><title>Busy</title>");
  g_autoptr(HdFeedDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (xml, "<item><title>Item %u</title><guid>%u</guid></item>", i, i);
  g_string_append (xml, "</channel></rss>");

  document = hd_feed_parse (xml->str, xml->len, "https://busy.example/", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (document->entries->len, ==, HD_FEED_MAX_ITEMS);
  g_assert_cmpstr (entry_at (document, 0)->title, ==, "Item 0");
}

static void
test_odd_bytes (void)
{
  static const char with_nul[] = "<rss><channel><title>A\0B</title></channel></rss>";
  g_autoptr(GError) error = NULL;
  HdFeedDocument *document;

  document = hd_feed_parse (with_nul, sizeof with_nul - 1, "https://odd.example/", &error);
  g_assert_null (document);
  g_assert_error (error, HD_FEED_ERROR, HD_FEED_ERROR_INVALID_XML);
  g_clear_error (&error);

  document = hd_feed_parse ("", 0, "https://odd.example/", &error);
  g_assert_null (document);
  g_assert_error (error, HD_FEED_ERROR, HD_FEED_ERROR_NOT_A_FEED);
}

static void
test_dates (void)
{
  static const struct { const char *text; const char *expected; } cases[] = {
    { "Tue, 05 Mar 2024 09:30:00 +0000", "2024-03-05T09:30:00Z" },
    { "Tue, 5 Mar 2024 09:30:00 GMT", "2024-03-05T09:30:00Z" },
    { "Tue,05 Mar 2024 09:30:00 -0500", "2024-03-05T14:30:00Z" },
    { "05 Mar 2024 09:30 +0100", "2024-03-05T08:30:00Z" },
    { "Sun, 31 Mar 2024 23:59:59 PDT", "2024-04-01T06:59:59Z" },
    { "Wed, 02 Oct 2002 08:00:00 EST", "2002-10-02T13:00:00Z" },
    { "Wed, 02 Oct 02 08:00:00 +02:00", "2002-10-02T06:00:00Z" },
    { "Thursday, 02 May 2024 10:00:00 UT", "2024-05-02T10:00:00Z" },
    { "Mar 05 2024 09:30:00 GMT", "2024-03-05T09:30:00Z" },
    { "2024-03-05T09:30:00Z", "2024-03-05T09:30:00Z" },
    { "2024-03-05T09:30:00.123+01:00", "2024-03-05T08:30:00Z" },
    { "2024-03-05", "2024-03-05T00:00:00Z" },
    { "  2024-03-05T09:30:00-08:00  ", "2024-03-05T17:30:00Z" },
  };
  static const char *invalid[] = {
    "", "yesterday", "Tue, 31 Feb 2024 09:30:00 GMT", "Tue, 05 Foo 2024 09:30:00 GMT",
    "Tue, 05 Mar 2024 25:30:00 GMT", "2024-13-05T09:30:00Z", "05 Mar", "1 Jan 1900 00:00 GMT",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].text);
      g_assert_cmpint (hd_feed_parse_date (cases[i].text), ==, instant (cases[i].expected));
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_test_message ("%s", invalid[i]);
      g_assert_cmpint (hd_feed_parse_date (invalid[i]), ==, 0);
    }
  g_assert_cmpint (hd_feed_parse_date (NULL), ==, 0);
}

static void
test_html_to_text (void)
{
  static const struct { const char *html; const char *text; } cases[] = {
    { "plain  text\n here", "plain text here" },
    { "<p>One</p><p>Two</p>", "One Two" },
    { "Fish &amp; chips &pound;5 &#8212; &#x1F41F;", "Fish & chips £5 — 🐟" },
    { "<style>p { color: red }</style><b>Bold</b><script>evil()</script>", "Bold" },
    { "line<br>break", "line break" },
    { "<img src=x onerror=alert(1)>caption", "caption" },
    { "unclosed <b>tag", "unclosed tag" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = hd_feed_html_to_text (cases[i].html);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_resolve_url (void)
{
  static const struct { const char *base, *href, *expected; } cases[] = {
    { "https://a.example/feed/rss.xml", "/post/1", "https://a.example/post/1" },
    { "https://a.example/feed/rss.xml", "post/1", "https://a.example/feed/post/1" },
    { "https://a.example/feed/", "//b.example/x", "https://b.example/x" },
    { NULL, "http://c.example/", "http://c.example/" },
    { "https://a.example/", "  https://d.example/trimmed  ", "https://d.example/trimmed" },
    { "https://a.example/", "javascript:alert(1)", NULL },
    { "https://a.example/", "data:text/html,hi", NULL },
    { "https://a.example/", "file:///etc/passwd", NULL },
    { "https://a.example/", "mailto:someone@example.com", NULL },
    { NULL, "/relative/without/base", NULL },
    { "https://a.example/", "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *resolved = hd_feed_resolve_url (cases[i].base, cases[i].href);

      g_assert_cmpstr (resolved, ==, cases[i].expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/herald/feeds/parser/rss2", test_rss2);
  g_test_add_func ("/herald/feeds/parser/rss1", test_rss1);
  g_test_add_func ("/herald/feeds/parser/atom", test_atom);
  g_test_add_func ("/herald/feeds/parser/latin1", test_latin1);
  g_test_add_func ("/herald/feeds/parser/external-dtd", test_external_dtd_not_loaded);
  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autofree char *path = g_strdup_printf ("/herald/feeds/parser/refused/%s",
                                               refusals[i].fixture);

      g_test_add_data_func (path, &refusals[i], test_refused);
    }
  g_test_add_func ("/herald/feeds/parser/discovery", test_discovery);
  g_test_add_func ("/herald/feeds/parser/too-large", test_too_large);
  g_test_add_func ("/herald/feeds/parser/deep-nesting", test_deep_nesting);
  g_test_add_func ("/herald/feeds/parser/item-cap", test_item_cap);
  g_test_add_func ("/herald/feeds/parser/odd-bytes", test_odd_bytes);
  g_test_add_func ("/herald/feeds/parser/dates", test_dates);
  g_test_add_func ("/herald/feeds/parser/html-to-text", test_html_to_text);
  g_test_add_func ("/herald/feeds/parser/resolve-url", test_resolve_url);

  return g_test_run ();
}
