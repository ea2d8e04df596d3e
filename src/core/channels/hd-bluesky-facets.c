/* hd-bluesky-facets.c
 *
 * Detection follows the reference client's rich-text rules (@atproto/api detectFacets):
 * a mention or a link starts the text or follows a space or "(", a hashtag starts the text
 * or follows a space; trailing punctuation is not part of any of them.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-channels"

#include "config.h"

#include <string.h>

#include "hd-bluesky-facets.h"
#include "hd-text-counter.h"

/* A tag longer than this many characters is not a tag on Bluesky. */
#define MAX_TAG_LENGTH 64

void
hd_bluesky_facet_free (HdBlueskyFacet *facet)
{
  if (facet == NULL)
    return;

  g_free (facet->value);
  g_free (facet);
}

static HdBlueskyFacet *
facet_new (HdBlueskyFacetKind  kind,
           gsize               start,
           gsize               end,
           char               *value)
{
  HdBlueskyFacet *facet = g_new0 (HdBlueskyFacet, 1);

  facet->kind = kind;
  facet->byte_start = start;
  facet->byte_end = end;
  facet->value = value;

  return facet;
}

static gboolean
is_label_char (char c)
{
  return g_ascii_isalnum (c) || c == '-';
}

/* The handle syntax of the AT Protocol: dot-separated labels of letters, digits and
 * hyphens, at least two of them, none starting or ending with a hyphen, the last one
 * starting with a letter. */
gboolean
hd_bluesky_is_valid_handle (const char *handle)
{
  g_auto(GStrv) labels = NULL;
  guint n_labels;

  if (handle == NULL || strlen (handle) > 253)
    return FALSE;

  labels = g_strsplit (handle, ".", -1);
  n_labels = g_strv_length (labels);
  if (n_labels < 2)
    return FALSE;

  for (guint i = 0; i < n_labels; i++)
    {
      gsize length = strlen (labels[i]);

      if (length == 0 || length > 63 || labels[i][0] == '-' || labels[i][length - 1] == '-')
        return FALSE;

      for (gsize j = 0; j < length; j++)
        {
          if (!is_label_char (labels[i][j]))
            return FALSE;
        }
    }

  return g_ascii_isalpha (labels[n_labels - 1][0]);
}

static gboolean
starts_word (const char *text,
             const char *p,
             gboolean    after_parenthesis)
{
  gunichar before;

  if (p == text)
    return TRUE;

  before = g_utf8_get_char (g_utf8_prev_char (p));
  return g_unichar_isspace (before) || (after_parenthesis && before == '(');
}

static void
find_mentions (const char *text,
               GPtrArray  *facets)
{
  for (const char *p = strchr (text, '@'); p != NULL; p = strchr (p + 1, '@'))
    {
      const char *end = p + 1;
      g_autofree char *handle = NULL;

      if (!starts_word (text, p, TRUE))
        continue;

      while (is_label_char (*end) || *end == '.')
        end++;

      /* A sentence may end right after the handle. */
      while (end > p + 1 && (end[-1] == '.' || end[-1] == '-'))
        end--;

      /* \b in the reference: the handle must not run on into a word character. */
      if (*end != '\0' && (g_unichar_isalnum (g_utf8_get_char (end)) || *end == '_'))
        continue;

      handle = g_strndup (p + 1, end - (p + 1));
      if (!hd_bluesky_is_valid_handle (handle))
        continue;

      g_ptr_array_add (facets, facet_new (HD_BLUESKY_FACET_MENTION, p - text, end - text,
                                          g_ascii_strdown (handle, -1)));
    }
}

static gboolean
is_tag_breaker (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x00AD || c == 0x2060 || c == 0x200A || c == 0x200B
         || c == 0x200C || c == 0x200D || c == 0x20E2;
}

static gboolean
is_punctuation (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_CONNECT_PUNCTUATION:
    case G_UNICODE_DASH_PUNCTUATION:
    case G_UNICODE_CLOSE_PUNCTUATION:
    case G_UNICODE_FINAL_PUNCTUATION:
    case G_UNICODE_INITIAL_PUNCTUATION:
    case G_UNICODE_OTHER_PUNCTUATION:
    case G_UNICODE_OPEN_PUNCTUATION:
      return TRUE;
    default:
      return FALSE;
    }
}

static void
find_tags (const char *text,
           GPtrArray  *facets)
{
  const char *p = text;

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);
      const char *start = p;
      const char *body;
      const char *end;
      gboolean has_non_digit = FALSE;

      p = g_utf8_next_char (p);

      if ((c != '#' && c != 0xFF03) || !starts_word (text, start, FALSE))
        continue;

      body = p;
      /* A "#" followed by the emoji variation selector is the keycap emoji #️⃣. */
      if (g_utf8_get_char (body) == 0xFE0F)
        continue;

      end = body;
      while (*end != '\0' && !is_tag_breaker (g_utf8_get_char (end)))
        end = g_utf8_next_char (end);

      while (end > body && is_punctuation (g_utf8_get_char (g_utf8_prev_char (end))))
        end = g_utf8_prev_char (end);

      for (const char *q = body; q < end; q = g_utf8_next_char (q))
        {
          gunichar ch = g_utf8_get_char (q);

          if (!g_unichar_isdigit (ch) && !is_punctuation (ch))
            has_non_digit = TRUE;
        }

      if (end == body || !has_non_digit || g_utf8_strlen (body, end - body) > MAX_TAG_LENGTH)
        continue;

      g_ptr_array_add (facets, facet_new (HD_BLUESKY_FACET_TAG, start - text, end - text,
                                          g_strndup (body, end - body)));
      p = end;
    }
}

static void
find_links (const char *text,
            GPtrArray  *facets)
{
  g_autoptr(GArray) spans = hd_text_find_urls (text, HD_TEXT_URLS_WITH_SCHEME);

  for (guint i = 0; i < spans->len; i++)
    {
      HdTextSpan *span = &g_array_index (spans, HdTextSpan, i);
      gsize end = span->end;

      if (!starts_word (text, text + span->start, TRUE))
        continue;

      while (end > span->start && strchr (".,;:!?", text[end - 1]) != NULL)
        end--;
      if (end > span->start && text[end - 1] == ')'
          && memchr (text + span->start, '(', end - span->start) == NULL)
        end--;

      g_ptr_array_add (facets, facet_new (HD_BLUESKY_FACET_LINK, span->start, end,
                                          g_strndup (text + span->start, end - span->start)));
    }
}

static int
compare_facets (gconstpointer a,
                gconstpointer b)
{
  const HdBlueskyFacet *facet_a = *(HdBlueskyFacet * const *) a;
  const HdBlueskyFacet *facet_b = *(HdBlueskyFacet * const *) b;

  return facet_a->byte_start < facet_b->byte_start ? -1
         : facet_a->byte_start > facet_b->byte_start ? 1 : 0;
}

static gboolean
overlaps_any (GPtrArray      *facets,
              HdBlueskyFacet *facet)
{
  for (guint i = 0; i < facets->len; i++)
    {
      HdBlueskyFacet *other = g_ptr_array_index (facets, i);

      if (facet->byte_start < other->byte_end && other->byte_start < facet->byte_end)
        return TRUE;
    }

  return FALSE;
}

/**
 * hd_bluesky_find_facets:
 *
 * Returns: (transfer full) (element-type HdBlueskyFacet): the facets of @text in order;
 *   links win over a mention or tag inside them ("https://example.com/#top")
 */
GPtrArray *
hd_bluesky_find_facets (const char *text)
{
  GDestroyNotify free_facet = (GDestroyNotify) hd_bluesky_facet_free;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (free_facet);
  GPtrArray *facets = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_bluesky_facet_free);

  g_return_val_if_fail (text != NULL && g_utf8_validate (text, -1, NULL), facets);

  find_links (text, facets);
  find_mentions (text, found);
  find_tags (text, found);

  for (guint i = 0; i < found->len; i++)
    {
      HdBlueskyFacet *facet = g_ptr_array_index (found, i);

      if (!overlaps_any (facets, facet))
        g_ptr_array_add (facets, g_steal_pointer (&found->pdata[i]));
    }

  g_ptr_array_sort (facets, compare_facets);
  return facets;
}
