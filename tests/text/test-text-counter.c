/* test-text-counter.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "hd-text-counter.h"

#define FAMILY      "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D" \
                    "\xF0\x9F\x91\xA7\xE2\x80\x8D\xF0\x9F\x91\xA6"   /* 👨‍👩‍👧‍👦, 25 bytes */
#define FLAG_GB     "\xF0\x9F\x87\xAC\xF0\x9F\x87\xA7"             /* 🇬🇧 */
#define FLAG_FR     "\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7"             /* 🇫🇷 */
#define THUMB_TONE  "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD"             /* 👍🏽 */
#define HEART       "\xE2\x9D\xA4\xEF\xB8\x8F"                     /* ❤️ */
#define KEYCAP_ONE  "1\xEF\xB8\x8F\xE2\x83\xA3"                    /* 1️⃣ */
#define COFFEE      "\xE2\x98\x95"                                 /* ☕ */
#define GRIN        "\xF0\x9F\x98\x80"                             /* 😀 */
#define E_COMBINING "e\xCC\x81"                                    /* e + U+0301 */
#define E_ACUTE     "\xC3\xA9"                                     /* é */
#define JAMO_GA     "\xE1\x84\x80\xE1\x85\xA1"                     /* ᄀ + ᅡ */
#define NIHONGO     "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E"         /* 日本語 */
#define RIGHT_QUOTE "\xE2\x80\x99"                                 /* ’ U+2019 */
#define ELLIPSIS    "\xE2\x80\xA6"                                 /* … U+2026 */

static char *
repeat (const char *unit,
        guint       times)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < times; i++)
    g_string_append (out, unit);

  return g_string_free (out, FALSE);
}

static char *
long_url (void)
{
  g_autofree char *path = repeat ("a", 280);

  return g_strconcat ("https://example.com/", path, NULL);
}

typedef struct
{
  const char *name;
  const char *text;
  guint       x;
  guint       mastodon;
  guint       bluesky;
  guint       utf16;
} Case;

static const Case cases[] = {
  { "empty", "", 0, 0, 0, 0 },
  { "ascii", "hello", 5, 5, 5, 5 },
  { "zwj-family", FAMILY, 2, 1, 1, 11 },
  { "flag", FLAG_GB, 2, 1, 1, 4 },
  { "skin-tone", THUMB_TONE, 2, 1, 1, 4 },
  { "heart-with-selector", HEART, 2, 1, 1, 2 },
  { "keycap", KEYCAP_ONE, 2, 1, 1, 3 },
  { "two-emoji", GRIN GRIN, 4, 2, 2, 4 },
  { "combining-acute", E_COMBINING, 1, 1, 1, 2 },
  { "precomposed-acute", E_ACUTE, 1, 1, 1, 1 },
  { "hangul-jamo", JAMO_GA, 2, 1, 1, 2 },
  { "cjk", NIHONGO, 6, 3, 3, 3 },
  { "right-quote-weighs-one", RIGHT_QUOTE, 1, 1, 1, 1 },
  { "ellipsis-weighs-two", ELLIPSIS, 2, 1, 1, 1 },
  { "mention-with-domain", "@alice@example.social hi", 24, 9, 24, 24 },
  { "email-is-not-a-mention", "mail bob@example.com", 20, 20, 20, 20 },
  { "bare-domain", "see example.com.", 28, 16, 16, 16 },
  { "bare-country-domain-alone", "example.de", 10, 10, 10, 10 },
  { "bare-country-domain-with-path", "example.de/shop", 23, 15, 15, 15 },
  { "bare-country-subdomain", "www.example.de", 23, 14, 14, 14 },
  { "url-in-brackets", "(https://example.com/a)", 25, 25, 23, 23 },
  { "mixed", "Caf" E_ACUTE " " COFFEE " at https://example.com/menu " FLAG_FR,
    37, 35, 36, 39 },
};

static void
test_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Case *c = &cases[i];

      g_test_message ("case %s", c->name);
      g_assert_cmpuint (hd_text_count_x_weighted (c->text), ==, c->x);
      g_assert_cmpuint (hd_text_count_mastodon (c->text), ==, c->mastodon);
      g_assert_cmpuint (hd_text_count_graphemes (c->text, -1), ==, c->bluesky);
      g_assert_cmpuint (hd_text_count_utf16 (c->text), ==, c->utf16);
    }
}

static void
test_long_url (void)
{
  g_autofree char *url = long_url ();
  g_autofree char *text = g_strconcat ("Menu: ", url, " today", NULL);
  g_autoptr(HdTextCount) bluesky = NULL;

  g_assert_cmpuint (hd_text_count_x_weighted (url), ==, 23);
  g_assert_cmpuint (hd_text_count_mastodon (url), ==, 23);
  g_assert_cmpuint (hd_text_count_x_weighted (text), ==, 6 + 23 + 6);
  g_assert_cmpuint (hd_text_count_mastodon (text), ==, 6 + 23 + 6);

  /* Bluesky has no link shortening: the whole URL counts. */
  bluesky = hd_text_count_new (HD_CHANNEL_KIND_BLUESKY, url, 0);
  g_assert_cmpuint (bluesky->used, ==, 300);
  g_assert_false (bluesky->over);
}

static void
test_find_urls (void)
{
  const char *text = "Go to https://shop.example.com/a?b=c, or www.example.co.uk; "
                     "not foo@example.com nor x.example.";
  g_autoptr(GArray) with_scheme = hd_text_find_urls (text, HD_TEXT_URLS_WITH_SCHEME);
  g_autoptr(GArray) bare = hd_text_find_urls (text, HD_TEXT_URLS_BARE_DOMAINS);
  HdTextSpan *span;
  g_autofree char *first = NULL;

  g_assert_cmpuint (with_scheme->len, ==, 1);
  span = &g_array_index (with_scheme, HdTextSpan, 0);
  first = g_strndup (text + span->start, span->end - span->start);
  g_assert_cmpstr (first, ==, "https://shop.example.com/a?b=c");

  g_assert_cmpuint (bare->len, ==, 2);
  span = &g_array_index (bare, HdTextSpan, 1);
  g_assert_cmpuint (span->end - span->start, ==, strlen ("www.example.co.uk"));
  g_assert_true (strncmp (text + span->start, "www.example.co.uk", span->end - span->start) == 0);
}

typedef struct
{
  HdChannelKind kind;
  const char   *unit;
  guint         units_at_limit;
} Boundary;

static void
test_boundaries (void)
{
  static const Boundary boundaries[] = {
    { HD_CHANNEL_KIND_X, "a", 280 },
    { HD_CHANNEL_KIND_MASTODON, "a", 500 },
    { HD_CHANNEL_KIND_MASTODON, FAMILY, 500 },
    { HD_CHANNEL_KIND_BLUESKY, "a", 300 },
    { HD_CHANNEL_KIND_LINKEDIN, "a", 3000 },
    { HD_CHANNEL_KIND_INSTAGRAM, "a", 2200 },
    { HD_CHANNEL_KIND_FACEBOOK_PAGE, "a", 63206 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (boundaries); i++)
    {
      const Boundary *b = &boundaries[i];
      g_autofree char *at = NULL;
      g_autofree char *past = NULL;
      g_autoptr(HdTextCount) fits = NULL;
      g_autoptr(HdTextCount) over = NULL;

      at = repeat (b->unit, b->units_at_limit);
      past = g_strconcat (at, b->unit, NULL);
      fits = hd_text_count_new (b->kind, at, 0);
      over = hd_text_count_new (b->kind, past, 0);

      g_test_message ("channel %d", b->kind);
      g_assert_cmpuint (fits->limit, ==, hd_text_channel_default_limit (b->kind));
      g_assert_cmpuint (fits->used, ==, fits->limit);
      g_assert_false (fits->over);
      g_assert_null (fits->problem);
      g_assert_true (over->over);
      g_assert_cmpuint (over->used, ==, over->limit + 1);
      g_assert_nonnull (over->problem);
    }
}

static void
test_x_weights (void)
{
  g_autofree char *cjk_140 = repeat ("\xE3\x81\x82", 140);      /* あ */
  g_autofree char *cjk_141 = repeat ("\xE3\x81\x82", 141);
  g_autofree char *emoji_140 = repeat (FAMILY, 140);
  g_autofree char *emoji_141 = repeat (FAMILY, 141);
  g_autofree char *a_292 = repeat ("a", 292);
  g_autoptr(HdTextCount) count = NULL;

  count = hd_text_count_new (HD_CHANNEL_KIND_X, cjk_140, 0);
  g_assert_cmpuint (count->used, ==, 280);
  g_assert_false (count->over);
  g_clear_pointer (&count, hd_text_count_free);

  count = hd_text_count_new (HD_CHANNEL_KIND_X, cjk_141, 0);
  g_assert_cmpuint (count->used, ==, 282);
  g_assert_cmpstr (count->problem, ==, "2 characters over X’s limit of 280");
  g_clear_pointer (&count, hd_text_count_free);

  count = hd_text_count_new (HD_CHANNEL_KIND_X, emoji_140, 0);
  g_assert_cmpuint (count->used, ==, 280);
  g_assert_false (count->over);
  g_clear_pointer (&count, hd_text_count_free);

  count = hd_text_count_new (HD_CHANNEL_KIND_X, emoji_141, 0);
  g_assert_true (count->over);
  g_clear_pointer (&count, hd_text_count_free);

  count = hd_text_count_new (HD_CHANNEL_KIND_X, a_292, 0);
  g_assert_cmpstr (count->problem, ==, "12 characters over X’s limit of 280");
}

static void
test_x_normalizes_first (void)
{
  /* "e" + combining acute is one character once composed, not two. */
  g_autofree char *decomposed = repeat (E_COMBINING, 280);
  g_autoptr(HdTextCount) count = hd_text_count_new (HD_CHANNEL_KIND_X, decomposed, 0);

  g_assert_cmpuint (count->used, ==, 280);
  g_assert_false (count->over);
}

static void
test_mastodon_instance_limit (void)
{
  g_autofree char *text = repeat ("a", 501);
  g_autoptr(HdTextCount) standard = hd_text_count_new (HD_CHANNEL_KIND_MASTODON, text, 0);
  g_autoptr(HdTextCount) generous = hd_text_count_new (HD_CHANNEL_KIND_MASTODON, text, 1000);

  g_assert_true (standard->over);
  g_assert_cmpstr (standard->problem, ==, "1 character over Mastodon’s limit of 500");
  g_assert_false (generous->over);
  g_assert_cmpuint (generous->limit, ==, 1000);
}

static void
test_mastodon_mention_domain_is_free (void)
{
  g_autofree char *body = repeat ("a", 493);
  g_autofree char *text = g_strconcat ("@alice@a-very-long-instance-name.example.social ", body,
                                       NULL);
  g_autoptr(HdTextCount) count = hd_text_count_new (HD_CHANNEL_KIND_MASTODON, text, 0);

  g_assert_cmpuint (count->used, ==, 500);
  g_assert_false (count->over);
}

static void
test_bluesky_bytes (void)
{
  g_autofree char *families = repeat (FAMILY, 40);
  g_autofree char *flags = repeat (FLAG_GB, 250);
  g_autofree char *at_limit = g_strconcat (families, flags, NULL);
  g_autofree char *past_limit = g_strconcat (at_limit, "a", NULL);
  g_autofree char *emoji_300 = repeat (FAMILY, 300);
  g_autoptr(HdTextCount) fits = hd_text_count_new (HD_CHANNEL_KIND_BLUESKY, at_limit, 0);
  g_autoptr(HdTextCount) over = hd_text_count_new (HD_CHANNEL_KIND_BLUESKY, past_limit, 0);
  g_autoptr(HdTextCount) heavy = hd_text_count_new (HD_CHANNEL_KIND_BLUESKY, emoji_300, 0);

  g_assert_cmpuint (fits->used, ==, 290);
  g_assert_cmpuint (fits->bytes, ==, 3000);
  g_assert_cmpuint (fits->byte_limit, ==, 3000);
  g_assert_false (fits->over);

  g_assert_cmpuint (over->used, ==, 291);
  g_assert_true (over->over);
  g_assert_cmpstr (over->problem, ==, "1 byte over Bluesky’s limit of 3000 bytes");

  /* 300 graphemes is within the grapheme limit, but not the byte limit. */
  g_assert_cmpuint (heavy->used, ==, 300);
  g_assert_cmpuint (heavy->bytes, ==, 7500);
  g_assert_cmpstr (heavy->problem, ==, "4500 bytes over Bluesky’s limit of 3000 bytes");
}

static void
test_instagram_tags (void)
{
  g_autoptr(GString) tags = g_string_new ("Spring menu");
  g_autoptr(GString) mentions = g_string_new ("Thanks");
  g_autoptr(HdTextCount) count = NULL;

  for (guint i = 0; i < 30; i++)
    g_string_append_printf (tags, " #tag%u", i);
  for (guint i = 0; i < 20; i++)
    g_string_append_printf (mentions, " @friend.%u", i);

  count = hd_text_count_new (HD_CHANNEL_KIND_INSTAGRAM, tags->str, 0);
  g_assert_cmpuint (count->hashtags, ==, 30);
  g_assert_cmpuint (count->hashtag_limit, ==, 30);
  g_assert_false (count->over);
  g_clear_pointer (&count, hd_text_count_free);

  g_string_append (tags, " #one_more");
  count = hd_text_count_new (HD_CHANNEL_KIND_INSTAGRAM, tags->str, 0);
  g_assert_true (count->over);
  g_assert_cmpstr (count->problem, ==, "1 hashtag over Instagram’s limit of 30");
  g_clear_pointer (&count, hd_text_count_free);

  count = hd_text_count_new (HD_CHANNEL_KIND_INSTAGRAM, mentions->str, 0);
  g_assert_cmpuint (count->mentions, ==, 20);
  g_assert_false (count->over);
  g_clear_pointer (&count, hd_text_count_free);

  g_string_append (mentions, " @one_more");
  count = hd_text_count_new (HD_CHANNEL_KIND_INSTAGRAM, mentions->str, 0);
  g_assert_true (count->over);
  g_assert_cmpstr (count->problem, ==, "1 mention over Instagram’s limit of 20");

  g_assert_cmpuint (hd_text_count_hashtags ("C# and F# are not tags, #caf" E_ACUTE " is"), ==, 1);
  g_assert_cmpuint (hd_text_count_mentions ("mail me@example.com or @bakery"), ==, 1);
}

static void
test_emoji_cost_on_utf16_channels (void)
{
  g_autofree char *text = repeat (GRIN, 1500);
  g_autoptr(HdTextCount) linkedin = hd_text_count_new (HD_CHANNEL_KIND_LINKEDIN, text, 0);
  g_autofree char *more = g_strconcat (text, "a", NULL);
  g_autoptr(HdTextCount) over = hd_text_count_new (HD_CHANNEL_KIND_LINKEDIN, more, 0);

  g_assert_cmpuint (linkedin->used, ==, 3000);
  g_assert_false (linkedin->over);
  g_assert_true (over->over);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/herald/text/counter/table", test_table);
  g_test_add_func ("/herald/text/counter/long-url", test_long_url);
  g_test_add_func ("/herald/text/counter/find-urls", test_find_urls);
  g_test_add_func ("/herald/text/counter/boundaries", test_boundaries);
  g_test_add_func ("/herald/text/counter/x-weights", test_x_weights);
  g_test_add_func ("/herald/text/counter/x-normalizes-first", test_x_normalizes_first);
  g_test_add_func ("/herald/text/counter/mastodon-instance-limit", test_mastodon_instance_limit);
  g_test_add_func ("/herald/text/counter/mastodon-mention-domain-is-free",
                   test_mastodon_mention_domain_is_free);
  g_test_add_func ("/herald/text/counter/bluesky-bytes", test_bluesky_bytes);
  g_test_add_func ("/herald/text/counter/instagram-tags", test_instagram_tags);
  g_test_add_func ("/herald/text/counter/emoji-on-utf16-channels",
                   test_emoji_cost_on_utf16_channels);

  return g_test_run ();
}
