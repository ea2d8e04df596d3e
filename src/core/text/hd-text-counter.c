/* hd-text-counter.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-text"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utext.h>

#include "hd-text-counter.h"

#define URL_LENGTH 23

/* twitter-text config v3 */
#define X_SCALE          100
#define X_DEFAULT_WEIGHT 200
#define X_LIMIT          280

#define MASTODON_LIMIT      500
#define BLUESKY_LIMIT       300
#define BLUESKY_BYTE_LIMIT  3000
#define LINKEDIN_LIMIT      3000
#define INSTAGRAM_LIMIT     2200
#define INSTAGRAM_HASHTAGS  30
#define INSTAGRAM_MENTIONS  20
#define FACEBOOK_LIMIT      63206

/* Generic top-level domains a bare domain may end in to be linked, a subset of the list
 * twitter-text carries: the ones a small business is likely to write. Every two-letter
 * ASCII label is taken as a country-code domain. */
static const char * const generic_tlds[] = {
  "academy", "agency", "app", "art", "bar", "beer", "biz", "blog", "boutique", "cafe",
  "club", "co", "com", "coffee", "company", "consulting", "cool", "design", "dev", "digital",
  "eco", "edu", "email", "events", "farm", "fashion", "fit", "fitness", "food", "fun",
  "gallery", "garden", "gov", "green", "guru", "health", "help", "info", "ink", "int", "irish",
  "jobs", "kitchen", "life", "link", "live", "london", "ltd", "media", "menu", "mil",
  "mobi", "museum", "music", "name", "net", "network", "news", "nyc", "one", "online", "org",
  "page", "photo", "photography", "photos", "pizza", "plus", "pro", "restaurant", "scot",
  "services", "shop", "site", "social", "solutions", "space", "store", "studio", "style",
  "tech", "today", "top", "travel", "video", "vip", "wales", "website", "wiki", "wine",
  "works", "world", "xyz", "yoga", "zone",
};

static const char *
channel_name (HdChannelKind kind)
{
  switch (kind)
    {
    case HD_CHANNEL_KIND_MASTODON:
      return _("Mastodon");
    case HD_CHANNEL_KIND_BLUESKY:
      return _("Bluesky");
    case HD_CHANNEL_KIND_FACEBOOK_PAGE:
      return _("Facebook");
    case HD_CHANNEL_KIND_INSTAGRAM:
      return _("Instagram");
    case HD_CHANNEL_KIND_LINKEDIN:
      return _("LinkedIn");
    case HD_CHANNEL_KIND_X:
      return _("X");
    default:
      g_return_val_if_reached ("?");
    }
}

guint
hd_text_channel_default_limit (HdChannelKind kind)
{
  switch (kind)
    {
    case HD_CHANNEL_KIND_MASTODON:
      return MASTODON_LIMIT;
    case HD_CHANNEL_KIND_BLUESKY:
      return BLUESKY_LIMIT;
    case HD_CHANNEL_KIND_FACEBOOK_PAGE:
      return FACEBOOK_LIMIT;
    case HD_CHANNEL_KIND_INSTAGRAM:
      return INSTAGRAM_LIMIT;
    case HD_CHANNEL_KIND_LINKEDIN:
      return LINKEDIN_LIMIT;
    case HD_CHANNEL_KIND_X:
      return X_LIMIT;
    default:
      g_return_val_if_reached (0);
    }
}

/* Opening a break iterator loads ICU's rules, which costs far more than segmenting a
 * post; one per thread is kept and pointed at each new text instead. */
static void
close_break_iterator (gpointer data)
{
  ubrk_close (data);
}

static GPrivate grapheme_iterator_key = G_PRIVATE_INIT (close_break_iterator);

static UBreakIterator *
grapheme_iterator_for (UText *utext)
{
  UBreakIterator *iter = g_private_get (&grapheme_iterator_key);
  UErrorCode status = U_ZERO_ERROR;

  if (iter == NULL)
    {
      iter = ubrk_open (UBRK_CHARACTER, "", NULL, 0, &status);
      if (U_FAILURE (status))
        {
          g_critical ("ICU cannot segment text: %s", u_errorName (status));
          return NULL;
        }
      g_private_set (&grapheme_iterator_key, iter);
    }

  ubrk_setUText (iter, utext, &status);
  if (U_FAILURE (status))
    {
      g_critical ("ICU cannot segment text: %s", u_errorName (status));
      return NULL;
    }

  return iter;
}

typedef void (* ClusterFunc) (const char *start,
                              const char *end,
                              gpointer    data);

static void
foreach_complex_cluster (const char  *text,
                         gsize        length,
                         ClusterFunc  func,
                         gpointer     data)
{
  UText utext = UTEXT_INITIALIZER;
  UErrorCode status = U_ZERO_ERROR;
  UBreakIterator *iter = NULL;
  int32_t start;
  int32_t end;

  utext_openUTF8 (&utext, text, length, &status);
  if (U_SUCCESS (status))
    iter = grapheme_iterator_for (&utext);

  if (iter == NULL)
    {
      for (const char *p = text; p < text + length; p = g_utf8_next_char (p))
        func (p, g_utf8_next_char (p), data);
      utext_close (&utext);
      return;
    }

  start = ubrk_first (iter);
  for (end = ubrk_next (iter); end != UBRK_DONE; start = end, end = ubrk_next (iter))
    func (text + start, text + end, data);

  utext_close (&utext);
}

/* Calls @func on each extended grapheme cluster. Between two ASCII characters there is
 * always a cluster boundary (CR LF aside): no ASCII character extends, joins or prefixes
 * another. So ASCII runs skip ICU, which only sees the stretches around other text. */
static void
foreach_cluster (const char  *text,
                 gsize        length,
                 ClusterFunc  func,
                 gpointer     data)
{
  const guchar *s = (const guchar *) text;
  gsize i = 0;

  while (i < length)
    {
      gsize j;

      if (s[i] < 0x80 && (i + 1 == length || s[i + 1] < 0x80))
        {
          gsize next = (s[i] == '\r' && i + 1 < length && s[i + 1] == '\n') ? i + 2 : i + 1;

          func (text + i, text + next, data);
          i = next;
          continue;
        }

      /* the stretch up to the next pair of ASCII characters */
      for (j = i + 1; j < length; j++)
        if (s[j - 1] < 0x80 && s[j] < 0x80 && !(s[j - 1] == '\r' && s[j] == '\n'))
          break;
      foreach_complex_cluster (text + i, j - i, func, data);
      i = j;
    }
}

static void
count_cluster (const char *start,
               const char *end,
               gpointer    data)
{
  (*(guint *) data)++;
}

guint
hd_text_count_graphemes (const char *text,
                         gssize      length)
{
  guint count = 0;

  g_return_val_if_fail (text != NULL, 0);

  if (length < 0)
    length = strlen (text);

  foreach_cluster (text, length, count_cluster, &count);

  return count;
}

guint
hd_text_count_utf16 (const char *text)
{
  guint units = 0;

  g_return_val_if_fail (text != NULL, 0);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    units += g_utf8_get_char (p) > 0xFFFF ? 2 : 1;

  return units;
}

static inline gboolean
is_ascii_word (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

static gboolean
is_word_char_at (const char *p)
{
  gunichar c = g_utf8_get_char (p);

  return c == '_' || g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static gboolean
is_word_char_before (const char *text,
                     const char *p)
{
  if (p == text)
    return FALSE;

  return is_word_char_at (g_utf8_prev_char (p));
}

/* A path may hold almost anything up to white space; what it may not end in is sentence
 * punctuation, and a closing bracket only belongs to it when the path opened one. */
static const char *
scan_url_tail (const char *start)
{
  const char *p = start;
  const char *end;
  int parens = 0;
  int brackets = 0;

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == '<' || c == '>' || c == '"' || c == 0x201C || c == 0x201D
          || c == 0x3000 || c == 0x3001 || c == 0x3002)
        break;
      if (c == '(')
        parens++;
      else if (c == ')' && --parens < 0)
        break;
      else if (c == '[')
        brackets++;
      else if (c == ']' && --brackets < 0)
        break;

      p = g_utf8_next_char (p);
    }

  end = p;
  while (end > start && strchr (".,;:!?'*", end[-1]) != NULL)
    end--;

  return end;
}

static gboolean
is_generic_tld (const char *label,
                gsize       length)
{
  for (gsize i = 0; i < G_N_ELEMENTS (generic_tlds); i++)
    if (strlen (generic_tlds[i]) == length
        && g_ascii_strncasecmp (generic_tlds[i], label, length) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
is_country_tld (const char *label,
                gsize       length)
{
  return length == 2 && g_ascii_isalpha (label[0]) && g_ascii_isalpha (label[1]);
}

/* The host of a URL written with its scheme: labels of letters, digits and hyphens (any
 * script, for internationalised names) with at least one dot, and an optional port. */
static const char *
scan_scheme_host (const char *p)
{
  const char *end = NULL;
  guint labels = 0;
  gsize last_label = 0;

  while (TRUE)
    {
      const char *label_start = p;

      while (*p != '\0')
        {
          gunichar c = g_utf8_get_char (p);

          if (!(c == '-' || c == '_' || g_unichar_isalnum (c) || g_unichar_ismark (c)))
            break;
          p = g_utf8_next_char (p);
        }
      if (p == label_start)
        break;

      labels++;
      end = p;
      last_label = g_utf8_strlen (label_start, p - label_start);
      if (*p != '.')
        break;
      p++;
    }

  if (labels < 2 || last_label < 2)
    return NULL;

  p = end;
  if (*p == ':' && g_ascii_isdigit (p[1]))
    {
      p++;
      while (g_ascii_isdigit (*p))
        p++;
    }

  return p;
}

/* A bare domain as twitter-text links it: ASCII labels ending in a known top-level
 * domain, not glued to a word, an address or a path before it; "name.cc" alone (a
 * country-code domain with a single label and no path) is left as text, except t.co. */
static const char *
scan_bare_domain (const char *text,
                  const char *p)
{
  const char *q = p;
  const char *label_start = p;
  const char *best_end = NULL;
  guint labels = 0;
  guint best_labels = 0;
  gboolean best_is_country = FALSE;

  if (p > text && (is_ascii_word (p[-1]) || strchr ("@$#-./", p[-1]) != NULL))
    return NULL;

  while (TRUE)
    {
      while (is_ascii_word (*q) || *q == '-')
        q++;
      if (q == label_start)
        break;
      labels++;

      if (labels >= 2 && !(is_ascii_word (*q) || (*q != '\0' && strchr ("@+-", *q) != NULL)))
        {
          gsize length = q - label_start;
          gboolean country = is_country_tld (label_start, length);

          if (country || is_generic_tld (label_start, length))
            {
              best_end = q;
              best_labels = labels;
              best_is_country = country;
            }
        }

      if (*q != '.')
        break;
      q++;
      label_start = q;
    }

  if (best_end == NULL)
    return NULL;

  q = best_end;
  if (*q == ':' && g_ascii_isdigit (q[1]))
    {
      q++;
      while (g_ascii_isdigit (*q))
        q++;
    }

  if (*q == '/' || *q == '?')
    return scan_url_tail (q);

  if (best_is_country && best_labels == 2 && g_ascii_strncasecmp (p, "t.co", 4) != 0)
    return NULL;

  return best_end;
}

static gsize
scheme_length (const char *p)
{
  if (g_ascii_strncasecmp (p, "https://", 8) == 0)
    return 8;
  if (g_ascii_strncasecmp (p, "http://", 7) == 0)
    return 7;
  return 0;
}

GArray *
hd_text_find_urls (const char     *text,
                   HdTextUrlFlags  flags)
{
  GArray *spans;
  const char *p = text;

  g_return_val_if_fail (text != NULL, NULL);

  spans = g_array_new (FALSE, FALSE, sizeof (HdTextSpan));

  while (*p != '\0')
    {
      gsize scheme;
      const char *end = NULL;

      if (!g_ascii_isalnum (*p))
        {
          p = g_utf8_next_char (p);
          continue;
        }

      scheme = scheme_length (p);
      if (scheme > 0)
        {
          /* twitter-text: not after a letter, a digit, '@', '$' or '#' */
          if (p == text || !(g_ascii_isalnum (p[-1]) || strchr ("@$#", p[-1]) != NULL))
            {
              const char *host_end = scan_scheme_host (p + scheme);

              if (host_end != NULL)
                end = (*host_end == '/' || *host_end == '?' || *host_end == '#')
                        ? scan_url_tail (host_end) : host_end;
            }
        }
      else if (flags & HD_TEXT_URLS_BARE_DOMAINS)
        {
          end = scan_bare_domain (text, p);
        }

      if (end != NULL && end > p)
        {
          HdTextSpan span = { p - text, end - text };

          g_array_append_val (spans, span);
          p = end;
          continue;
        }

      /* Skip the rest of the word so that a domain is never found inside one. */
      while (is_ascii_word (*p))
        p++;
      if (!g_ascii_isalnum (*p) && *p != '\0' && (guchar) *p < 0x80)
        p++;
    }

  return spans;
}

/* Mastodon's `@user@domain`: the byte length of the whole mention and of its `@user`. */
static gboolean
scan_mastodon_mention (const char *text,
                       const char *p,
                       gsize      *full_length,
                       gsize      *short_length)
{
  const char *user = p + 1;
  const char *q = user;
  const char *user_end;
  const char *domain_end = NULL;

  if (*p != '@')
    return FALSE;
  if (p > text && (p[-1] == '=' || p[-1] == '/' || is_word_char_before (text, p)))
    return FALSE;

  while (is_ascii_word (*q) || *q == '.' || *q == '-')
    q++;
  /* the username may hold dots and hyphens, but not at its ends */
  while (q > user && (q[-1] == '.' || q[-1] == '-'))
    q--;
  if (q == user || !is_ascii_word (*user))
    return FALSE;
  user_end = q;

  if (*q == '@')
    {
      const char *d = q + 1;

      while (*d != '\0' && (*d == '.' || *d == '-' || is_word_char_at (d)))
        {
          d = g_utf8_next_char (d);
          if (is_word_char_at (g_utf8_prev_char (d)))
            domain_end = d;
        }
    }

  *short_length = user_end - p;
  *full_length = (domain_end != NULL ? domain_end : user_end) - p;

  return TRUE;
}

guint
hd_text_count_mastodon (const char *text)
{
  g_autoptr(GArray) urls = NULL;
  g_autoptr(GString) countable = NULL;
  const char *p = text;
  guint next_url = 0;

  g_return_val_if_fail (text != NULL, 0);

  urls = hd_text_find_urls (text, HD_TEXT_URLS_WITH_SCHEME);
  countable = g_string_sized_new (strlen (text));

  while (*p != '\0')
    {
      gsize offset = p - text;
      gsize full;
      gsize shortened;

      if (next_url < urls->len && g_array_index (urls, HdTextSpan, next_url).start == offset)
        {
          g_string_append (countable, "xxxxxxxxxxxxxxxxxxxxxxx");
          p = text + g_array_index (urls, HdTextSpan, next_url).end;
          next_url++;
          continue;
        }

      if (*p == '@' && scan_mastodon_mention (text, p, &full, &shortened))
        {
          g_string_append_len (countable, p, shortened);
          p += full;
          continue;
        }

      g_string_append_c (countable, *p);
      p++;
    }

  G_STATIC_ASSERT (sizeof ("xxxxxxxxxxxxxxxxxxxxxxx") - 1 == URL_LENGTH);

  return hd_text_count_graphemes (countable->str, countable->len);
}

static inline guint
x_code_point_weight (gunichar c)
{
  if (c <= 0x10FF
      || (c >= 0x2000 && c <= 0x200D)
      || (c >= 0x2010 && c <= 0x201F)
      || (c >= 0x2032 && c <= 0x2037))
    return X_SCALE;

  return X_DEFAULT_WEIGHT;
}

/* Whether a grapheme cluster is one emoji as twitter-text's emoji parser sees it: a flag,
 * an emoji shown as such by default, or a character made an emoji by a variation
 * selector, a keycap, a skin tone or a zero-width joiner. */
static gboolean
cluster_is_emoji (const char *p,
                  const char *end)
{
  gunichar first = g_utf8_get_char (p);

  if (first < 0x80 && !(first == '#' || first == '*' || g_ascii_isdigit (first)))
    return FALSE;
  if (u_hasBinaryProperty (first, UCHAR_REGIONAL_INDICATOR)
      || u_hasBinaryProperty (first, UCHAR_EMOJI_PRESENTATION))
    return TRUE;
  if (!u_hasBinaryProperty (first, UCHAR_EMOJI))
    return FALSE;

  for (p = g_utf8_next_char (p); p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0xFE0F || c == 0x20E3 || c == 0x200D
          || u_hasBinaryProperty (c, UCHAR_EMOJI_MODIFIER))
        return TRUE;
    }

  return FALSE;
}

static void
weigh_cluster (const char *start,
               const char *end,
               gpointer    data)
{
  guint64 *weight = data;

  if (cluster_is_emoji (start, end))
    {
      *weight += X_DEFAULT_WEIGHT;
      return;
    }

  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    *weight += x_code_point_weight (g_utf8_get_char (p));
}

static guint
x_weight_of_normalized (const char *text)
{
  g_autoptr(GArray) urls = hd_text_find_urls (text, HD_TEXT_URLS_BARE_DOMAINS);
  gsize length = strlen (text);
  gsize pos = 0;
  guint64 weight = 0;

  for (guint i = 0; i <= urls->len; i++)
    {
      gsize url_start = i < urls->len ? g_array_index (urls, HdTextSpan, i).start : length;

      foreach_cluster (text + pos, url_start - pos, weigh_cluster, &weight);
      if (i < urls->len)
        {
          weight += URL_LENGTH * X_SCALE;
          pos = g_array_index (urls, HdTextSpan, i).end;
        }
    }

  return weight / X_SCALE;
}

/* Whether NFC could change the text: only characters that are not NFC_Quick_Check=Yes, or
 * that combine (canonical class other than 0), can be recomposed or reordered. */
static gboolean
may_need_nfc (const char *text)
{
  for (const guchar *p = (const guchar *) text; *p != '\0'; )
    {
      gunichar c;

      if (*p < 0x80)
        {
          p++;
          continue;
        }

      c = g_utf8_get_char ((const char *) p);
      if (c >= 0x300
          && (u_getCombiningClass (c) != 0
              || u_getIntPropertyValue (c, UCHAR_NFC_QUICK_CHECK) != UNORM_YES))
        return TRUE;
      p = (const guchar *) g_utf8_next_char (p);
    }

  return FALSE;
}

guint
hd_text_count_x_weighted (const char *text)
{
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (text != NULL, 0);

  if (!may_need_nfc (text))
    return x_weight_of_normalized (text);

  normalized = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  if (normalized == NULL)
    return 0;

  return x_weight_of_normalized (normalized);
}

/* Instagram links `#tag` and `@name` only when they start a word. */
static guint
count_marked_words (const char *text,
                    char        mark,
                    gboolean    unicode_words)
{
  guint count = 0;

  for (const char *p = strchr (text, mark); p != NULL; p = strchr (p + 1, mark))
    {
      const char *next = p + 1;

      if (is_word_char_before (text, p))
        continue;
      if (unicode_words ? !is_word_char_at (next) || g_unichar_ismark (g_utf8_get_char (next))
                        : !(is_ascii_word (*next) || *next == '.'))
        continue;
      count++;
    }

  return count;
}

guint
hd_text_count_hashtags (const char *text)
{
  g_return_val_if_fail (text != NULL, 0);

  return count_marked_words (text, '#', TRUE);
}

guint
hd_text_count_mentions (const char *text)
{
  g_return_val_if_fail (text != NULL, 0);

  return count_marked_words (text, '@', FALSE);
}

static void
add_problem (GString    *problems,
             const char *sentence)
{
  if (problems->len > 0)
    g_string_append (problems, "; ");
  g_string_append (problems, sentence);
}

static void
check_limit (GString    *problems,
             const char *channel,
             guint       used,
             guint       limit)
{
  g_autofree char *sentence = NULL;
  guint excess;

  if (used <= limit)
    return;

  excess = used - limit;
  sentence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u character over %s’s limit of %u",
                                           "%u characters over %s’s limit of %u",
                                           excess),
                              excess, channel, limit);
  add_problem (problems, sentence);
}

static void
check_bytes (GString    *problems,
             const char *channel,
             gsize       used,
             gsize       limit)
{
  g_autofree char *sentence = NULL;
  guint excess;

  if (used <= limit)
    return;

  excess = used - limit;
  sentence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u byte over %s’s limit of %u bytes",
                                           "%u bytes over %s’s limit of %u bytes",
                                           excess),
                              excess, channel, (guint) limit);
  add_problem (problems, sentence);
}

static void
check_items (GString    *problems,
             const char *channel,
             guint       used,
             guint       limit,
             gboolean    hashtags)
{
  g_autofree char *sentence = NULL;
  guint excess;

  if (used <= limit)
    return;

  excess = used - limit;
  if (hashtags)
    sentence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%u hashtag over %s’s limit of %u",
                                             "%u hashtags over %s’s limit of %u",
                                             excess),
                                excess, channel, limit);
  else
    sentence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%u mention over %s’s limit of %u",
                                             "%u mentions over %s’s limit of %u",
                                             excess),
                                excess, channel, limit);
  add_problem (problems, sentence);
}

/**
 * hd_text_count_new:
 * @kind: the channel whose rules apply
 * @text: the post's text, valid UTF-8
 * @limit: the channel's length limit, or 0 for the platform default (a Mastodon instance
 *   may set its own)
 *
 * Returns: (transfer full): the count against every limit of the channel
 */
HdTextCount *
hd_text_count_new (HdChannelKind  kind,
                   const char    *text,
                   guint          limit)
{
  g_autoptr(HdTextCount) count = NULL;
  g_autoptr(GString) problems = NULL;
  const char *name;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (g_utf8_validate (text, -1, NULL), NULL);
  g_return_val_if_fail (kind >= HD_CHANNEL_KIND_MASTODON && kind <= HD_CHANNEL_KIND_X, NULL);

  count = g_new0 (HdTextCount, 1);
  count->kind = kind;
  count->limit = limit > 0 ? limit : hd_text_channel_default_limit (kind);
  name = channel_name (kind);
  problems = g_string_new (NULL);

  switch (kind)
    {
    case HD_CHANNEL_KIND_X:
      count->used = hd_text_count_x_weighted (text);
      break;

    case HD_CHANNEL_KIND_MASTODON:
      count->used = hd_text_count_mastodon (text);
      break;

    case HD_CHANNEL_KIND_BLUESKY:
      count->used = hd_text_count_graphemes (text, -1);
      count->bytes = strlen (text);
      count->byte_limit = BLUESKY_BYTE_LIMIT;
      break;

    case HD_CHANNEL_KIND_INSTAGRAM:
      count->used = hd_text_count_utf16 (text);
      count->hashtags = hd_text_count_hashtags (text);
      count->hashtag_limit = INSTAGRAM_HASHTAGS;
      count->mentions = hd_text_count_mentions (text);
      count->mention_limit = INSTAGRAM_MENTIONS;
      break;

    case HD_CHANNEL_KIND_FACEBOOK_PAGE:
    case HD_CHANNEL_KIND_LINKEDIN:
      count->used = hd_text_count_utf16 (text);
      break;

    default:
      g_assert_not_reached ();
    }

  check_limit (problems, name, count->used, count->limit);
  if (count->byte_limit > 0)
    check_bytes (problems, name, count->bytes, count->byte_limit);
  if (count->hashtag_limit > 0)
    check_items (problems, name, count->hashtags, count->hashtag_limit, TRUE);
  if (count->mention_limit > 0)
    check_items (problems, name, count->mentions, count->mention_limit, FALSE);

  if (problems->len > 0)
    {
      count->over = TRUE;
      count->problem = g_string_free (g_steal_pointer (&problems), FALSE);
    }

  return g_steal_pointer (&count);
}

void
hd_text_count_free (HdTextCount *count)
{
  if (count == NULL)
    return;

  g_free (count->problem);
  g_free (count);
}
