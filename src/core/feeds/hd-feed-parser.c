/* hd-feed-parser.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-feeds"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "hd-feed-parser.h"

G_DEFINE_QUARK (hd-feed-error-quark, hd_feed_error)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlParserCtxt, xmlFreeParserCtxt)

#define NS_ATOM    "http://www.w3.org/2005/Atom"
#define NS_RDF     "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NS_RSS1    "http://purl.org/rss/1.0/"
#define NS_RSS090  "http://my.netscape.com/rdf/simple/0.9/"
#define NS_DC      "http://purl.org/dc/elements/1.1/"
#define NS_CONTENT "http://purl.org/rss/1.0/modules/content/"

/* A summary is a reminder of what the item says, not the article itself. */
#define MAX_SUMMARY_CHARS 600
#define MAX_TITLE_CHARS   300

typedef struct
{
  gboolean declares_entities;
} ParseState;

void
hd_feed_entry_free (HdFeedEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->guid);
  g_free (entry->title);
  g_free (entry->link);
  g_free (entry->summary);
  g_free (entry);
}

void
hd_feed_document_free (HdFeedDocument *document)
{
  if (document == NULL)
    return;

  g_free (document->title);
  g_free (document->site_url);
  g_free (document->discovered_url);
  g_clear_pointer (&document->entries, g_ptr_array_unref);
  g_free (document);
}

static HdFeedDocument *
document_new (HdFeedFormat format)
{
  HdFeedDocument *document = g_new0 (HdFeedDocument, 1);

  document->format = format;
  document->title = g_strdup ("");
  document->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_feed_entry_free);

  return document;
}

/* Text */

static char *
truncate_chars (char  *text,
                glong  max_chars)
{
  const char *end;

  if (g_utf8_strlen (text, -1) <= max_chars)
    return text;

  end = g_utf8_offset_to_pointer (text, max_chars - 1);
  {
    g_autofree char *kept = g_strndup (text, end - text);
    char *result = g_strconcat (g_strchomp (kept), "…", NULL);

    g_free (text);
    return result;
  }
}

/* Collapses every run of white space (including no-break spaces) into one space, and makes
 * sure the result is valid UTF-8 whatever the feed sent. */
static char *
collapse_whitespace (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  GString *out = g_string_sized_new (strlen (valid));
  gboolean pending_space = FALSE;

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x00A0 || c == 0x200B)
        {
          pending_space = out->len > 0;
          continue;
        }
      /* Control characters have no place in a title or a summary. */
      if (g_unichar_iscntrl (c))
        continue;

      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static gboolean
is_block_element (const xmlChar *name)
{
  static const char *blocks[] = {
    "p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
    "blockquote", "pre", "hr", "section", "article", "figure", "figcaption", "dt", "dd",
  };

  for (guint i = 0; i < G_N_ELEMENTS (blocks); i++)
    if (xmlStrcasecmp (name, (const xmlChar *) blocks[i]) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
is_invisible_element (const xmlChar *name)
{
  return xmlStrcasecmp (name, (const xmlChar *) "script") == 0 ||
         xmlStrcasecmp (name, (const xmlChar *) "style") == 0 ||
         xmlStrcasecmp (name, (const xmlChar *) "head") == 0 ||
         xmlStrcasecmp (name, (const xmlChar *) "template") == 0;
}

/* Walks without recursion: a hostile document may nest as deep as the parser lets it. */
static void
append_text_of (GString   *out,
                xmlNode   *top)
{
  xmlNode *node = top->children;

  while (node != NULL && node != top)
    {
      gboolean descend = FALSE;

      if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
        {
          if (node->content != NULL)
            g_string_append (out, (const char *) node->content);
        }
      else if (node->type == XML_ELEMENT_NODE)
        {
          if (is_block_element (node->name))
            g_string_append_c (out, ' ');
          descend = !is_invisible_element (node->name) && node->children != NULL;
        }

      if (descend)
        {
          node = node->children;
          continue;
        }

      while (node != top && node->next == NULL)
        {
          node = node->parent;
          if (node != top && node->type == XML_ELEMENT_NODE && is_block_element (node->name))
            g_string_append_c (out, ' ');
        }
      if (node != top)
        node = node->next;
    }
}

char *
hd_feed_html_to_text (const char *html)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GString) out = NULL;
  xmlNode *root;
  gsize length;

  if (html == NULL)
    return g_strdup ("");

  /* Plain text needs no parser, and is the common case for titles. */
  if (strpbrk (html, "<&") == NULL)
    return collapse_whitespace (html);

  length = strlen (html);
  if (length > G_MAXINT)
    return g_strdup ("");

  doc = htmlReadMemory (html, (int) length, NULL, "UTF-8",
                        HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                        HTML_PARSE_RECOVER | HTML_PARSE_NODEFDTD);
  root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;
  if (root == NULL)
    return g_strdup ("");

  out = g_string_new (NULL);
  append_text_of (out, (xmlNode *) doc);

  return collapse_whitespace (out->str);
}

/* URLs and dates */

char *
hd_feed_resolve_url (const char *base,
                     const char *href)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *trimmed = NULL;
  const char *scheme;

  if (href == NULL)
    return NULL;

  trimmed = g_strstrip (g_strdup (href));
  if (*trimmed == '\0')
    return NULL;

  if (base != NULL && *base != '\0')
    {
      g_autoptr(GUri) base_uri = g_uri_parse (base, G_URI_FLAGS_PARSE_RELAXED, NULL);

      if (base_uri != NULL)
        uri = g_uri_parse_relative (base_uri, trimmed, G_URI_FLAGS_PARSE_RELAXED, NULL);
    }
  if (uri == NULL)
    uri = g_uri_parse (trimmed, G_URI_FLAGS_PARSE_RELAXED, NULL);
  if (uri == NULL)
    return NULL;

  scheme = g_uri_get_scheme (uri);
  if (scheme == NULL ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
    return NULL;
  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return NULL;

  return g_uri_to_string (uri);
}

static int
month_from_name (const char *name)
{
  static const char *months[] = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
  };

  if (strlen (name) < 3)
    return 0;

  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    if (g_ascii_strncasecmp (name, months[i], 3) == 0)
      return i + 1;

  return 0;
}

static gboolean
parse_number (const char *text,
              guint       min_digits,
              guint       max_digits,
              int        *value)
{
  guint n = strlen (text);
  int result = 0;

  if (n < min_digits || n > max_digits)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      result = result * 10 + (text[i] - '0');
    }

  *value = result;
  return TRUE;
}

/* Seconds east of UTC, or FALSE for a zone nobody writes. */
static gboolean
parse_zone (const char *zone,
            int        *offset)
{
  static const struct { const char *name; int hours; } names[] = {
    { "GMT", 0 }, { "UT", 0 }, { "UTC", 0 }, { "Z", 0 },
    { "EST", -5 }, { "EDT", -4 }, { "CST", -6 }, { "CDT", -5 },
    { "MST", -7 }, { "MDT", -6 }, { "PST", -8 }, { "PDT", -7 },
  };
  int hours, minutes;

  if (zone == NULL)
    {
      *offset = 0;
      return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (zone, names[i].name) == 0)
      {
        *offset = names[i].hours * 3600;
        return TRUE;
      }

  if ((zone[0] == '+' || zone[0] == '-') && strlen (zone) == 5 &&
      parse_number ((char[]) { zone[1], zone[2], '\0' }, 2, 2, &hours) &&
      parse_number ((char[]) { zone[3], zone[4], '\0' }, 2, 2, &minutes))
    ;
  else if ((zone[0] == '+' || zone[0] == '-') && strlen (zone) == 6 && zone[3] == ':' &&
           parse_number ((char[]) { zone[1], zone[2], '\0' }, 2, 2, &hours) &&
           parse_number ((char[]) { zone[4], zone[5], '\0' }, 2, 2, &minutes))
    ;
  else
    return FALSE;

  if (hours > 23 || minutes > 59)
    return FALSE;

  *offset = (hours * 3600 + minutes * 60) * (zone[0] == '-' ? -1 : 1);
  return TRUE;
}

static gint64
make_instant (int year,
              int month,
              int day,
              int hour,
              int minute,
              int second,
              int offset)
{
  g_autoptr(GDateTime) utc = NULL;

  if (year < 1970 || year > 9999 || hour > 23 || minute > 59 || second > 60)
    return 0;

  /* A leap second is close enough to the next minute. */
  utc = g_date_time_new_utc (year, month, day, hour, minute, MIN (second, 59));
  if (utc == NULL)
    return 0;

  return g_date_time_to_unix (utc) - offset;
}

static gint64
parse_rfc822 (const char *text)
{
  g_auto(GStrv) raw = g_strsplit_set (text, " \t\r\n,", -1);
  g_autoptr(GPtrArray) tokens = g_ptr_array_new ();
  int day = 0, month = 0, year = 0, hour = 0, minute = 0, second = 0, offset = 0;
  g_auto(GStrv) clock = NULL;
  guint i = 0;

  for (guint j = 0; raw[j] != NULL; j++)
    if (raw[j][0] != '\0')
      g_ptr_array_add (tokens, raw[j]);

  /* An optional day name, with or without its comma. */
  if (i < tokens->len && g_ascii_isalpha (((char *) tokens->pdata[i])[0]) &&
      month_from_name (tokens->pdata[i]) == 0)
    i++;

  if (i + 3 >= tokens->len)
    return 0;

  if (parse_number (tokens->pdata[i], 1, 2, &day))
    month = month_from_name (tokens->pdata[i + 1]);
  else if ((month = month_from_name (tokens->pdata[i])) != 0)
    {
      /* "Mar 05 2024": seen in the wild, though not what the RFC says. */
      if (!parse_number (tokens->pdata[i + 1], 1, 2, &day))
        return 0;
    }
  if (month == 0)
    return 0;

  if (!parse_number (tokens->pdata[i + 2], 2, 4, &year))
    return 0;
  if (strlen (tokens->pdata[i + 2]) == 2)
    year += year < 50 ? 2000 : 1900;

  clock = g_strsplit (tokens->pdata[i + 3], ":", -1);
  if (g_strv_length (clock) < 2 || g_strv_length (clock) > 3 ||
      !parse_number (clock[0], 1, 2, &hour) ||
      !parse_number (clock[1], 2, 2, &minute) ||
      (clock[2] != NULL && !parse_number (clock[2], 2, 2, &second)))
    return 0;

  if (!parse_zone (i + 4 < tokens->len ? tokens->pdata[i + 4] : NULL, &offset))
    {
      /* Military single letters and other oddities: the wall time is still worth keeping. */
      offset = 0;
    }

  return make_instant (year, month, day, hour, minute, second, offset);
}

static gint64
parse_rfc3339 (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) parsed = NULL;
  g_autofree char *full = NULL;
  gint64 instant;

  /* W3C-DTF, which Dublin Core uses, allows a bare date. */
  if (strlen (text) == 10)
    text = full = g_strconcat (text, "T00:00:00Z", NULL);

  parsed = g_date_time_new_from_iso8601 (text, utc);
  if (parsed == NULL)
    return 0;

  instant = g_date_time_to_unix (parsed);
  return instant > 0 ? instant : 0;
}

gint64
hd_feed_parse_date (const char *text)
{
  g_autofree char *trimmed = NULL;

  if (text == NULL)
    return 0;

  trimmed = g_strstrip (g_strdup (text));
  if (strlen (trimmed) > 64)
    return 0;

  if (strlen (trimmed) >= 10 && g_ascii_isdigit (trimmed[0]) && trimmed[4] == '-')
    return parse_rfc3339 (trimmed);

  return parse_rfc822 (trimmed);
}

/* Elements */

static gboolean
has_ns (xmlNode    *node,
        const char *ns)
{
  if (ns == NULL)
    return node->ns == NULL || node->ns->href == NULL ||
           xmlStrEqual (node->ns->href, (const xmlChar *) NS_RSS1) ||
           xmlStrEqual (node->ns->href, (const xmlChar *) NS_RSS090);

  return node->ns != NULL && xmlStrEqual (node->ns->href, (const xmlChar *) ns);
}

static gboolean
is_element (xmlNode    *node,
            const char *name,
            const char *ns)
{
  return node->type == XML_ELEMENT_NODE &&
         xmlStrEqual (node->name, (const xmlChar *) name) &&
         has_ns (node, ns);
}

static xmlNode *
find_child (xmlNode    *parent,
            const char *name,
            const char *ns)
{
  for (xmlNode *child = parent->children; child != NULL; child = child->next)
    if (is_element (child, name, ns))
      return child;

  return NULL;
}

static char *
node_text (xmlNode *node)
{
  xmlChar *content;
  char *text;

  if (node == NULL)
    return NULL;

  content = xmlNodeGetContent (node);
  text = g_strdup ((const char *) content);
  xmlFree (content);

  return text;
}

static char *
child_text (xmlNode    *parent,
            const char *name,
            const char *ns)
{
  return node_text (find_child (parent, name, ns));
}

static char *
child_html_text (xmlNode    *parent,
                 const char *name,
                 const char *ns)
{
  g_autofree char *html = child_text (parent, name, ns);

  return html != NULL ? hd_feed_html_to_text (html) : NULL;
}

static char *
get_prop (xmlNode    *node,
          const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy = g_strdup ((const char *) value);

  xmlFree (value);
  return copy;
}

/* Resolves against the xml:base in force at @node, else the document's own address. */
static char *
resolve_at (xmlNode    *node,
            const char *href)
{
  xmlChar *base = xmlNodeGetBase (node->doc, node);
  char *resolved;

  /* For HTML, libxml2 only reports a <base> element, not the page's own address. */
  if (base == NULL && node->doc->URL != NULL)
    base = xmlStrdup (node->doc->URL);
  resolved = hd_feed_resolve_url ((const char *) base, href);

  xmlFree (base);
  return resolved;
}

static char *
fallback_guid (HdFeedEntry *entry,
               const char  *date_text)
{
  g_autofree char *material = g_strdup_printf ("%s\n%s\n%s", entry->title,
                                               date_text != NULL ? date_text : "",
                                               entry->title[0] == '\0' ? entry->summary : "");
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, material, -1);

  return g_strconcat ("sha256:", digest, NULL);
}

static void
finish_entry (HdFeedEntry *entry,
              char        *guid,
              const char  *date_text)
{
  g_autofree char *trimmed = guid != NULL ? g_strstrip (guid) : NULL;

  if (entry->title == NULL)
    entry->title = g_strdup ("");
  if (entry->summary == NULL)
    entry->summary = g_strdup ("");
  entry->title = truncate_chars (entry->title, MAX_TITLE_CHARS);
  entry->summary = truncate_chars (entry->summary, MAX_SUMMARY_CHARS);
  entry->published_at = hd_feed_parse_date (date_text);

  if (trimmed != NULL && *trimmed != '\0')
    entry->guid = collapse_whitespace (trimmed);
  else if (entry->link != NULL)
    entry->guid = g_strdup (entry->link);
  else
    entry->guid = fallback_guid (entry, date_text);
}

/* RSS 2.0 and RSS 1.0 */

static HdFeedEntry *
parse_rss_item (xmlNode *item)
{
  HdFeedEntry *entry = g_new0 (HdFeedEntry, 1);
  g_autofree char *link = child_text (item, "link", NULL);
  g_autofree char *date = NULL;
  char *guid = NULL;
  xmlNode *guid_node = find_child (item, "guid", NULL);

  entry->title = child_html_text (item, "title", NULL);
  entry->link = resolve_at (item, link);

  if (guid_node != NULL)
    {
      g_autofree char *permalink = get_prop (guid_node, "isPermaLink");

      guid = node_text (guid_node);
      if (entry->link == NULL && g_strcmp0 (permalink, "false") != 0)
        entry->link = resolve_at (guid_node, guid);
    }
  else
    {
      /* RSS 1.0 names each item by its address. */
      xmlChar *about = xmlGetNsProp (item, (const xmlChar *) "about", (const xmlChar *) NS_RDF);

      guid = g_strdup ((const char *) about);
      xmlFree (about);
      if (guid != NULL && entry->link == NULL)
        entry->link = resolve_at (item, guid);
    }

  entry->summary = child_html_text (item, "description", NULL);
  if (entry->summary == NULL || *entry->summary == '\0')
    {
      g_free (entry->summary);
      entry->summary = child_html_text (item, "encoded", NS_CONTENT);
    }

  date = child_text (item, "pubDate", NULL);
  if (date == NULL)
    date = child_text (item, "date", NS_DC);

  finish_entry (entry, guid, date);
  return entry;
}

static void
add_rss_items (HdFeedDocument *document,
               xmlNode        *parent)
{
  for (xmlNode *child = parent->children;
       child != NULL && document->entries->len < HD_FEED_MAX_ITEMS;
       child = child->next)
    if (is_element (child, "item", NULL))
      g_ptr_array_add (document->entries, parse_rss_item (child));
}

static HdFeedDocument *
parse_rss (xmlNode      *root,
           HdFeedFormat  format)
{
  HdFeedDocument *document = document_new (format);
  xmlNode *channel = find_child (root, "channel", NULL);

  if (channel != NULL)
    {
      g_autofree char *link = child_text (channel, "link", NULL);

      g_free (document->title);
      document->title = child_html_text (channel, "title", NULL);
      if (document->title == NULL)
        document->title = g_strdup ("");
      document->site_url = resolve_at (channel, link);
      add_rss_items (document, channel);
    }

  /* RSS 1.0 puts items beside the channel; some old RSS 0.9x feeds do too. */
  add_rss_items (document, root);
  document->title = truncate_chars (document->title, MAX_TITLE_CHARS);

  return document;
}

/* Atom 1.0 */

static char *
atom_text (xmlNode    *parent,
           const char *name)
{
  xmlNode *node = find_child (parent, name, NS_ATOM);
  g_autofree char *type = NULL;
  g_autofree char *text = NULL;

  if (node == NULL)
    return NULL;

  type = get_prop (node, "type");
  text = node_text (node);

  /* Escaped HTML in "html"; real markup (already parsed, text only) in "xhtml". */
  if (g_strcmp0 (type, "html") == 0)
    return hd_feed_html_to_text (text);

  return collapse_whitespace (text);
}

static char *
atom_link (xmlNode *parent)
{
  char *found = NULL;

  for (xmlNode *child = parent->children; child != NULL; child = child->next)
    {
      g_autofree char *rel = NULL;
      g_autofree char *href = NULL;
      g_autofree char *type = NULL;

      if (!is_element (child, "link", NS_ATOM))
        continue;

      rel = get_prop (child, "rel");
      if (rel != NULL && g_strcmp0 (rel, "alternate") != 0)
        continue;

      href = get_prop (child, "href");
      type = get_prop (child, "type");

      /* The first alternate wins, unless a later one is the HTML page itself. */
      if (found == NULL || g_strcmp0 (type, "text/html") == 0)
        {
          char *resolved = resolve_at (child, href);

          if (resolved != NULL)
            {
              g_free (found);
              found = resolved;
              if (g_strcmp0 (type, "text/html") == 0)
                break;
            }
        }
    }

  return found;
}

static HdFeedEntry *
parse_atom_entry (xmlNode *node)
{
  HdFeedEntry *entry = g_new0 (HdFeedEntry, 1);
  g_autofree char *date = child_text (node, "published", NS_ATOM);

  if (date == NULL)
    date = child_text (node, "updated", NS_ATOM);

  entry->title = atom_text (node, "title");
  entry->link = atom_link (node);
  entry->summary = atom_text (node, "summary");
  if (entry->summary == NULL || *entry->summary == '\0')
    {
      g_free (entry->summary);
      entry->summary = atom_text (node, "content");
    }

  finish_entry (entry, child_text (node, "id", NS_ATOM), date);
  return entry;
}

static HdFeedDocument *
parse_atom (xmlNode *root)
{
  HdFeedDocument *document = document_new (HD_FEED_FORMAT_ATOM);

  g_free (document->title);
  document->title = atom_text (root, "title");
  if (document->title == NULL)
    document->title = g_strdup ("");
  document->title = truncate_chars (document->title, MAX_TITLE_CHARS);
  document->site_url = atom_link (root);

  for (xmlNode *child = root->children;
       child != NULL && document->entries->len < HD_FEED_MAX_ITEMS;
       child = child->next)
    if (is_element (child, "entry", NS_ATOM))
      g_ptr_array_add (document->entries, parse_atom_entry (child));

  return document;
}

/* Web pages that name their feed */

static gboolean
has_token (const char *list,
           const char *token)
{
  g_auto(GStrv) tokens = NULL;

  if (list == NULL)
    return FALSE;

  tokens = g_strsplit_set (list, " \t\r\n", -1);
  for (guint i = 0; tokens[i] != NULL; i++)
    if (g_ascii_strcasecmp (tokens[i], token) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
is_feed_type (const char *type)
{
  g_autofree char *bare = NULL;

  if (type == NULL)
    return FALSE;

  bare = g_strstrip (g_ascii_strdown (type, -1));
  return g_str_has_prefix (bare, "application/rss+xml") ||
         g_str_has_prefix (bare, "application/atom+xml") ||
         g_str_has_prefix (bare, "application/rdf+xml");
}

static char *
find_announced_feed (xmlDoc *doc)
{
  xmlNode *top = (xmlNode *) doc;
  xmlNode *node = top->children;

  while (node != NULL && node != top)
    {
      if (node->type == XML_ELEMENT_NODE &&
          xmlStrcasecmp (node->name, (const xmlChar *) "link") == 0)
        {
          g_autofree char *rel = get_prop (node, "rel");
          g_autofree char *type = get_prop (node, "type");

          if (has_token (rel, "alternate") && is_feed_type (type))
            {
              g_autofree char *href = get_prop (node, "href");
              char *resolved = resolve_at (node, href);

              if (resolved != NULL)
                return resolved;
            }
        }

      if (node->type == XML_ELEMENT_NODE && node->children != NULL)
        {
          node = node->children;
          continue;
        }
      while (node != top && node->next == NULL)
        node = node->parent;
      if (node != top)
        node = node->next;
    }

  return NULL;
}

static HdFeedDocument *
discover_in (xmlDoc      *doc,
             const char  *url,
             GError     **error)
{
  HdFeedDocument *document;
  char *found = find_announced_feed (doc);

  if (found == NULL)
    {
      g_set_error (error, HD_FEED_ERROR, HD_FEED_ERROR_NOT_A_FEED,
                   _("The page at %s is a web page that names no RSS or Atom feed. Look for a "
                     "feed link on the site and add that address."), url);
      return NULL;
    }

  document = document_new (HD_FEED_FORMAT_HTML);
  document->discovered_url = found;
  return document;
}

static HdFeedDocument *
discover_in_html (const char  *data,
                  gsize        length,
                  const char  *url,
                  GError     **error)
{
  g_autoptr(xmlDoc) doc = htmlReadMemory (data, (int) length, url, NULL,
                                          HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                                          HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER |
                                          HTML_PARSE_NODEFDTD);

  if (doc == NULL)
    {
      g_set_error (error, HD_FEED_ERROR, HD_FEED_ERROR_NOT_A_FEED,
                   _("This address does not point to an RSS or Atom feed."));
      return NULL;
    }

  return discover_in (doc, url, error);
}

/* A feed starts with markup, possibly after a byte order mark and white space; JSON feeds,
 * plain text and binary files do not. */
static gboolean
starts_like_markup (const char *data,
                    gsize       length)
{
  gsize i = 0;

  if (length >= 2 && (((guchar) data[0] == 0xFE && (guchar) data[1] == 0xFF) ||
                      ((guchar) data[0] == 0xFF && (guchar) data[1] == 0xFE)))
    return TRUE;
  if (length >= 3 && (guchar) data[0] == 0xEF && (guchar) data[1] == 0xBB &&
      (guchar) data[2] == 0xBF)
    i = 3;

  while (i < length && g_ascii_isspace (data[i]))
    i++;

  return i < length && data[i] == '<';
}

static gboolean
looks_like_html (const char *data,
                 gsize       length)
{
  g_autofree char *head = g_ascii_strdown (data, MIN (length, 1024));

  return strstr (head, "<!doctype html") != NULL || strstr (head, "<html") != NULL;
}

/* Parsing */

static void
on_entity_decl (void          *ctx,
                const xmlChar *name,
                int            type,
                const xmlChar *public_id,
                const xmlChar *system_id,
                xmlChar       *content)
{
  xmlParserCtxt *ctxt = ctx;
  ParseState *state = ctxt->_private;

  /* Refuse at the first declaration, before anything could be expanded or fetched. */
  state->declares_entities = TRUE;
  xmlStopParser (ctxt);
}

static void
on_unparsed_entity_decl (void          *ctx,
                         const xmlChar *name,
                         const xmlChar *public_id,
                         const xmlChar *system_id,
                         const xmlChar *notation_name)
{
  on_entity_decl (ctx, name, 0, public_id, system_id, NULL);
}

static void
init_libxml (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      g_once_init_leave (&initialized, 1);
    }
}

static void
set_invalid_xml_error (GError        **error,
                       const char     *url,
                       xmlParserCtxt  *ctxt)
{
  const xmlError *last = xmlCtxtGetLastError (ctxt);

  if (last != NULL && last->line > 0)
    g_set_error (error, HD_FEED_ERROR, HD_FEED_ERROR_INVALID_XML,
                 _("The feed at %s is not valid XML (line %d)."), url, last->line);
  else
    g_set_error (error, HD_FEED_ERROR, HD_FEED_ERROR_INVALID_XML,
                 _("The feed at %s is not valid XML."), url);
}

HdFeedDocument *
hd_feed_parse (const char  *data,
               gsize        length,
               const char  *url,
               GError     **error)
{
  g_autoptr(xmlParserCtxt) ctxt = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  ParseState state = { FALSE };
  xmlNode *root;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (url == NULL)
    url = "";

  if (length > HD_FEED_MAX_BYTES)
    {
      g_set_error (error, HD_FEED_ERROR, HD_FEED_ERROR_TOO_LARGE,
                   _("The feed at %s is larger than %d MB, more than Herald reads from one "
                     "feed."), url, HD_FEED_MAX_BYTES / (1024 * 1024));
      return NULL;
    }

  if (length == 0)
    {
      g_set_error (error, HD_FEED_ERROR, HD_FEED_ERROR_NOT_A_FEED,
                   _("This address does not point to an RSS or Atom feed: it sent nothing."));
      return NULL;
    }

  if (!starts_like_markup (data, length))
    {
      g_set_error (error, HD_FEED_ERROR, HD_FEED_ERROR_NOT_A_FEED,
                   _("This address does not point to an RSS or Atom feed."));
      return NULL;
    }

  init_libxml ();

  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    {
      g_set_error (error, HD_FEED_ERROR, HD_FEED_ERROR_INVALID_XML,
                   _("The feed at %s could not be read."), url);
      return NULL;
    }
  ctxt->_private = &state;
  ctxt->sax->entityDecl = on_entity_decl;
  ctxt->sax->unparsedEntityDecl = on_unparsed_entity_decl;

  /* No XML_PARSE_NOENT, DTDLOAD or HUGE: nothing external is read and libxml2's own limits
   * on depth and expansion stay on. */
  doc = xmlCtxtReadMemory (ctxt, data, (int) length, url, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOERROR |
                           XML_PARSE_NOWARNING);

  if (state.declares_entities)
    {
      g_set_error (error, HD_FEED_ERROR, HD_FEED_ERROR_UNSAFE,
                   _("The feed at %s declares its own XML entities, which Herald does not read "
                     "because they can be used to attack the computer."), url);
      return NULL;
    }

  if (doc == NULL || !ctxt->wellFormed)
    {
      if (looks_like_html (data, length))
        return discover_in_html (data, length, url, error);

      set_invalid_xml_error (error, url, ctxt);
      return NULL;
    }

  root = xmlDocGetRootElement (doc);
  if (root == NULL)
    {
      set_invalid_xml_error (error, url, ctxt);
      return NULL;
    }

  if (xmlStrEqual (root->name, (const xmlChar *) "rss"))
    return parse_rss (root, HD_FEED_FORMAT_RSS2);
  if (xmlStrEqual (root->name, (const xmlChar *) "RDF") && has_ns (root, NS_RDF))
    return parse_rss (root, HD_FEED_FORMAT_RSS1);
  if (xmlStrEqual (root->name, (const xmlChar *) "feed") && has_ns (root, NS_ATOM))
    return parse_atom (root);
  if (xmlStrcasecmp (root->name, (const xmlChar *) "html") == 0)
    return discover_in (doc, url, error);

  g_set_error (error, HD_FEED_ERROR, HD_FEED_ERROR_NOT_A_FEED,
               _("This address does not point to an RSS or Atom feed."));
  return NULL;
}
