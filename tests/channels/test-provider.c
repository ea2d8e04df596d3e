/* test-provider.c: the channel layer's offline parts: errors, record keys, facets, checks
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE

#include "hd-test-channels.h"
#include "hd-provider-private.h"

static void
test_tid_format (void)
{
  g_autofree char *zero = hd_tid_from_parts (0, 0);
  g_autofree char *known = hd_tid_from_parts (G_GINT64_CONSTANT (1772445600) * G_USEC_PER_SEC, 5);

  /* 13 characters of base32-sortable; the top bit is always 0. */
  g_assert_cmpstr (zero, ==, "2222222222222");
  g_assert_true (hd_tid_is_valid (known));
  g_assert_cmpint (hd_tid_get_time (known), ==, G_GINT64_CONSTANT (1772445600) * G_USEC_PER_SEC);

  g_assert_true (hd_tid_is_valid ("3jzfcijpj2z2a"));
  g_assert_false (hd_tid_is_valid ("3jzfcijpj2z2"));
  g_assert_false (hd_tid_is_valid ("kjzfcijpj2z2a"));
  g_assert_false (hd_tid_is_valid ("3jzfcijpj2z21"));
  g_assert_false (hd_tid_is_valid ("3JZFCIJPJ2Z2A"));
}

static void
test_tid_monotonic (void)
{
  g_autofree char *previous = hd_tid_new ();
  gint64 now = g_get_real_time ();

  g_assert_true (hd_tid_is_valid (previous));
  g_assert_cmpint (ABS (hd_tid_get_time (previous) - now), <, 10 * G_USEC_PER_SEC);

  /* Faster than the clock ticks: each one still sorts after the last. */
  for (guint i = 0; i < 5000; i++)
    {
      g_autofree char *next = hd_tid_new ();

      g_assert_true (hd_tid_is_valid (next));
      g_assert_cmpstr (next, >, previous);
      g_free (previous);
      previous = g_steal_pointer (&next);
    }
}

static void
test_tid_for_key (void)
{
  g_autofree char *a = hd_tid_for_key ("0b7c1a44-outbox-row", TEST_NOW);
  g_autofree char *again = hd_tid_for_key ("0b7c1a44-outbox-row", TEST_NOW);
  g_autofree char *other = hd_tid_for_key ("0b7c1a45-outbox-row", TEST_NOW);
  gint64 time = hd_tid_get_time (a);

  /* A retry after a crash asks for the same key; another change for another. */
  g_assert_cmpstr (a, ==, again);
  g_assert_cmpstr (a, !=, other);
  g_assert_true (hd_tid_is_valid (a));
  g_assert_cmpint (time / G_USEC_PER_SEC, ==, TEST_NOW);
}

typedef struct
{
  HdBlueskyFacetKind kind;
  gsize start;
  gsize end;
  const char *value;
} ExpectedFacet;

static void
check_facets (const char          *text,
              const ExpectedFacet *expected,
              guint                n_expected)
{
  g_autoptr(GPtrArray) facets = hd_bluesky_find_facets (text);

  g_assert_cmpuint (facets->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    {
      HdBlueskyFacet *facet = g_ptr_array_index (facets, i);

      g_assert_cmpint (facet->kind, ==, expected[i].kind);
      g_assert_cmpuint (facet->byte_start, ==, expected[i].start);
      g_assert_cmpuint (facet->byte_end, ==, expected[i].end);
      g_assert_cmpstr (facet->value, ==, expected[i].value);
    }
}

static void
test_facets_byte_offsets (void)
{
  /* "Hello " is 6 bytes and the waving hand 4: the link starts at byte 11, not 8. */
  static const ExpectedFacet expected[] = {
    { HD_BLUESKY_FACET_LINK, 11, 30, "https://example.com" },
    { HD_BLUESKY_FACET_MENTION, 31, 42, "alice.test" },
    { HD_BLUESKY_FACET_TAG, 43, 50, "herald" },
  };
  static const ExpectedFacet punctuation[] = {
    { HD_BLUESKY_FACET_LINK, 5, 30, "https://example.com/a?b=1" },
    { HD_BLUESKY_FACET_MENTION, 32, 45, "bob.bsky.app" },
    { HD_BLUESKY_FACET_TAG, 59, 65, "café" },
  };

  check_facets ("Hello 👋 https://example.com @alice.test #herald", expected,
                G_N_ELEMENTS (expected));
  check_facets ("See: https://example.com/a?b=1. @bob.bsky.app! Fresh bread #café, #2026 a#b",
                punctuation, G_N_ELEMENTS (punctuation));
  /* An e-mail address is no mention, a lone "#" no tag, a handle without a dot no handle. */
  check_facets ("mail me@example.com # #️⃣ @localhost", NULL, 0);
}

static void
test_error_mapping (void)
{
  struct {
    HdHttpError http_code;
    guint status;
    const char *body;
    int expected;
    const char *message_part;
  } cases[] = {
    { HD_HTTP_ERROR_UNAUTHORIZED, 401, "{\"error\":\"The access token is invalid\"}",
      HD_PROVIDER_ERROR_AUTH, "The access token is invalid" },
    { HD_HTTP_ERROR_REJECTED, 400,
      "{\"error\":\"ExpiredToken\",\"message\":\"Token has expired\"}",
      HD_PROVIDER_ERROR_AUTH, "Token has expired" },
    { HD_HTTP_ERROR_REJECTED, 422, "{\"error\":\"Validation failed: Text can't be blank\"}",
      HD_PROVIDER_ERROR_INVALID, "Validation failed: Text can't be blank" },
    { HD_HTTP_ERROR_REJECTED, 400,
      "{\"error\":\"InvalidRequest\",\"message\":\"Invalid app.bsky.feed.post record\"}",
      HD_PROVIDER_ERROR_INVALID, "Invalid app.bsky.feed.post record" },
    { HD_HTTP_ERROR_REJECTED, 400,
      "{\"error\":\"RecordNotFound\",\"message\":\"Could not locate record\"}",
      HD_PROVIDER_ERROR_NOT_FOUND, NULL },
    { HD_HTTP_ERROR_REJECTED, 409, "{\"error\":\"InvalidSwap\",\"message\":\"Record was at bafy\"}",
      HD_PROVIDER_ERROR_CONFLICT, "Record was at bafy" },
    { HD_HTTP_ERROR_NOT_FOUND, 404, "{\"error\":\"Record not found\"}",
      HD_PROVIDER_ERROR_NOT_FOUND, NULL },
    { HD_HTTP_ERROR_SERVER, 503, NULL, HD_PROVIDER_ERROR_TRANSIENT, NULL },
    { HD_HTTP_ERROR_MALFORMED, 200, NULL, HD_PROVIDER_ERROR_TRANSIENT, NULL },
    { HD_HTTP_ERROR_TRUNCATED, 200, NULL, HD_PROVIDER_ERROR_TRANSIENT, NULL },
    { HD_HTTP_ERROR_NETWORK, 0, NULL, HD_PROVIDER_ERROR_TRANSIENT, NULL },
    { HD_HTTP_ERROR_RATE_LIMITED, 429,
      "{\"error\":\"RateLimitExceeded\",\"message\":\"Rate Limit Exceeded\"}",
      HD_PROVIDER_ERROR_RATE_LIMITED, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) http_error = g_error_new_literal (HD_HTTP_ERROR, cases[i].http_code,
                                                          "from the network layer");
      g_autoptr(JsonNode) body = cases[i].body != NULL ? json_from_string (cases[i].body, NULL)
                                                       : NULL;
      g_autoptr(GError) error = hd_provider_error_from_http (http_error, cases[i].status, body,
                                                            90, "Mastodon");

      g_test_message ("case %u", i);
      g_assert_error (error, HD_PROVIDER_ERROR, cases[i].expected);
      if (cases[i].message_part != NULL)
        g_assert_nonnull (strstr (error->message, cases[i].message_part));
      if (cases[i].expected == HD_PROVIDER_ERROR_RATE_LIMITED)
        g_assert_cmpuint (hd_provider_error_get_retry_after (error), ==, 90);
      else
        g_assert_cmpuint (hd_provider_error_get_retry_after (error), ==, 0);
    }

  {
    g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "x");
    g_autoptr(GError) mapped = hd_provider_error_from_http (cancelled, 0, NULL, 0, "Bluesky");
    g_autoptr(GError) copied = NULL;

    g_assert_error (mapped, G_IO_ERROR, G_IO_ERROR_CANCELLED);

    /* The retry-after survives a copy, as a GTask makes one. */
    g_clear_error (&mapped);
    mapped = hd_provider_error_new_rate_limited (42, "slow down");
    copied = g_error_copy (mapped);
    g_assert_cmpuint (hd_provider_error_get_retry_after (copied), ==, 42);
  }
}

static void
test_validate_against_caps (void)
{
  TestEnv env = { 0, };
  g_autoptr(HdChannel) channel = hd_channel_new ();
  g_autoptr(HdProvider) mastodon = NULL;
  g_autoptr(HdProvider) bluesky = NULL;
  g_autoptr(HdPost) post = NULL;
  g_autoptr(HdProviderPost) request = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  test_env_init (&env);
  hd_channel_set_kind (channel, HD_CHANNEL_KIND_MASTODON);
  hd_channel_set_base_url (channel, "https://bakery.example");
  hd_channel_set_display_name (channel, "Corner Bakery");
  hd_store_save_channel (env.store, channel, &error);
  g_assert_no_error (error);
  mastodon = hd_provider_new_for_channel (env.http, env.store, channel, &error);
  g_assert_no_error (error);

  post = test_save_draft (&env, channel, "Fresh sourdough at 8.");
  request = test_provider_post (post, channel, "key-1", TEST_NOW);
  g_assert_true (hd_provider_validate (mastodon, request, TEST_NOW, problems));
  g_assert_cmpuint (problems->len, ==, 0);

  /* Native scheduling: four minutes ahead is too soon for Mastodon. */
  request->scheduled_at = TEST_NOW + 4 * 60;
  g_assert_false (hd_provider_validate (mastodon, request, TEST_NOW, problems));
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_false (hd_provider_can_schedule_at (mastodon, TEST_NOW + 4 * 60, TEST_NOW));
  g_assert_true (hd_provider_can_schedule_at (mastodon, TEST_NOW + 5 * 60, TEST_NOW));
  request->scheduled_at = 0;

  /* Every URL counts 23: 480 letters and a long link are over 500. */
  for (guint i = 0; i < 480; i++)
    g_string_append_c (long_text, 'a');
  g_string_append (long_text, " https://example.com/a/very/long/path/that/counts/as/23");
  hd_post_set_text (post, long_text->str);
  g_ptr_array_set_size (problems, 0);
  g_assert_false (hd_provider_validate (mastodon, request, TEST_NOW, problems));
  g_assert_cmpuint (problems->len, ==, 1);

  /* Bluesky: 300 graphemes, no native scheduling, at most 4 pictures. */
  hd_channel_set_kind (channel, HD_CHANNEL_KIND_BLUESKY);
  bluesky = hd_provider_new_for_channel (env.http, env.store, channel, &error);
  g_assert_no_error (error);
  g_assert_false (hd_provider_can_schedule_at (bluesky, TEST_NOW + 3600, TEST_NOW));
  g_assert_cmpint (hd_provider_get_caps (bluesky)->idempotency, ==,
                   HD_PROVIDER_IDEMPOTENCY_RECORD_KEY);
  hd_post_set_text (post, "Hi");
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(HdMedia) media = test_import_png (&env, "A loaf");

      hd_provider_post_add_media (request, media);
    }
  g_ptr_array_set_size (problems, 0);
  g_assert_false (hd_provider_validate (bluesky, request, TEST_NOW, problems));
  g_assert_cmpuint (problems->len, ==, 1);

  g_clear_object (&mastodon);
  g_clear_object (&bluesky);
  g_clear_pointer (&request, hd_provider_post_unref);
  g_clear_object (&post);
  test_env_clear (&env);
}

static void
test_mastodon_html (void)
{
  g_autofree char *text = hd_mastodon_html_to_text (
    "<p>Fresh bread &amp; cake<br />at 8</p><p>See <a href=\"https://example.com\">"
    "<span class=\"invisible\">https://</span><span class=\"\">example.com</span></a> "
    "&#39;today&#39;</p>");

  g_assert_cmpstr (text, ==, "Fresh bread & cake\nat 8\n\nSee https://example.com 'today'");
}

static void
test_normalize_urls (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *plain = hd_mastodon_normalize_instance_url ("  mastodon.social/ ", &error);
  g_autofree char *account = hd_mastodon_normalize_instance_url ("@bakery@fosstodon.org", NULL);
  g_autofree char *clear = hd_mastodon_normalize_instance_url ("http://example.org", &error);
  g_autofree char *pds = hd_bluesky_normalize_pds_url ("", NULL);

  g_assert_cmpstr (plain, ==, "https://mastodon.social");
  g_assert_cmpstr (account, ==, "https://fosstodon.org");
  g_assert_null (clear);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID);
  g_assert_cmpstr (pds, ==, "https://bsky.social");
}

/* The calendar says from the kind of channel alone whether a post goes out with the computer
 * off; the providers say it from their own capabilities. Both must agree on every instant,
 * most of all around the edges of each window. */
static void
test_kind_schedule_agrees_with_caps (void)
{
  static const gint64 offsets[] = {
    -1, 0, 1, 60,
    5 * 60 - 1, 5 * 60, 5 * 60 + 1,
    10 * 60 - 1, 10 * 60, 10 * 60 + 1,
    24 * 60 * 60,
    30 * 24 * 60 * 60 - 1, 30 * 24 * 60 * 60, 30 * 24 * 60 * 60 + 1,
    75 * 24 * 60 * 60, 400 * 24 * 60 * 60,
  };
  g_autoptr(HdHttp) http = hd_http_new ();
  guint native = 0;

  for (HdChannelKind kind = HD_CHANNEL_KIND_MASTODON; kind <= HD_CHANNEL_KIND_X; kind++)
    {
      g_autoptr(HdChannel) channel = hd_channel_new ();
      g_autoptr(HdProvider) provider = NULL;
      g_autoptr(GError) error = NULL;
      const HdProviderCaps *caps;
      gint64 edges[4];

      hd_channel_set_id (channel, "7d1c0f4e-schedule-edges");
      hd_channel_set_kind (channel, kind);
      hd_channel_set_display_name (channel, "Hazel & Hound");
      hd_channel_set_base_url (channel, "https://platform.example/v1");
      hd_channel_set_remote_account_id (channel, "17841400000000001");
      provider = hd_provider_new_for_channel (http, NULL, channel, &error);
      g_assert_no_error (error);
      g_assert_nonnull (provider);
      caps = hd_provider_get_caps (provider);

      /* Every fixed offset, and one second either side of this provider's own edges. */
      edges[0] = caps->schedule_min_ahead - 1;
      edges[1] = caps->schedule_min_ahead;
      edges[2] = caps->schedule_max_ahead;
      edges[3] = caps->schedule_max_ahead + 1;

      for (guint i = 0; i < G_N_ELEMENTS (offsets) + G_N_ELEMENTS (edges); i++)
        {
          gint64 ahead = i < G_N_ELEMENTS (offsets) ? offsets[i]
                                                     : edges[i - G_N_ELEMENTS (offsets)];
          gboolean by_provider = hd_provider_can_schedule_at (provider, TEST_NOW + ahead,
                                                              TEST_NOW);
          gboolean by_kind = hd_provider_kind_can_schedule_at (kind, TEST_NOW + ahead, TEST_NOW);

          if (by_provider != by_kind)
            g_error ("%s, %" G_GINT64_FORMAT " s ahead: the provider says %d, the kind %d",
                     hd_channel_kind_to_label (kind), ahead, by_provider, by_kind);
          native += by_kind;
        }
    }

  /* Not an agreement of two answers that are always "no": some instants are native. */
  g_assert_cmpuint (native, >, 0);
  g_assert_true (hd_provider_kind_can_schedule_at (HD_CHANNEL_KIND_FACEBOOK_PAGE,
                                                   TEST_NOW + 10 * 60, TEST_NOW));
  g_assert_false (hd_provider_kind_can_schedule_at (HD_CHANNEL_KIND_FACEBOOK_PAGE,
                                                    TEST_NOW + 10 * 60 - 1, TEST_NOW));
  g_assert_false (hd_provider_kind_can_schedule_at (HD_CHANNEL_KIND_INSTAGRAM,
                                                    TEST_NOW + 24 * 60 * 60, TEST_NOW));
}

/* A platform's reason is quoted as the end of a sentence, ended once. */
static void
test_refusal_is_a_sentence (void)
{
  g_autoptr(GError) bare = _hd_provider_refused ("Mastodon", "Text character limit exceeded");
  g_autoptr(GError) ended = _hd_provider_refused ("X", "Your Tweet text is too long. ");

  g_assert_error (bare, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID);
  g_assert_cmpstr (bare->message, ==, "Mastodon refused it: Text character limit exceeded.");
  g_assert_cmpstr (ended->message, ==, "X refused it: Your Tweet text is too long.");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/herald/channels/tid/format", test_tid_format);
  g_test_add_func ("/herald/channels/tid/monotonic", test_tid_monotonic);
  g_test_add_func ("/herald/channels/tid/for-key", test_tid_for_key);
  g_test_add_func ("/herald/channels/bluesky/facet-byte-offsets", test_facets_byte_offsets);
  g_test_add_func ("/herald/channels/provider/error-mapping", test_error_mapping);
  g_test_add_func ("/herald/channels/provider/refusal-is-a-sentence",
                   test_refusal_is_a_sentence);
  g_test_add_func ("/herald/channels/provider/validate", test_validate_against_caps);
  g_test_add_func ("/herald/channels/mastodon/html-to-text", test_mastodon_html);
  g_test_add_func ("/herald/channels/normalize-urls", test_normalize_urls);
  g_test_add_func ("/herald/channels/provider/kind-schedule-agrees-with-caps",
                   test_kind_schedule_agrees_with_caps);

  return g_test_run ();
}
