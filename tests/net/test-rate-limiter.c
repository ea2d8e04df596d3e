/* test-rate-limiter.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "hd-rate-limiter.h"

/* 2026-03-02 10:00:00 UTC */
#define START 1772445600

typedef struct
{
  gint64              now;
  HdRateLimiter      *limiter;
  SoupMessageHeaders *headers;
} Fixture;

static gint64
fake_clock (gpointer user_data)
{
  Fixture *fixture = user_data;

  return fixture->now;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->now = START;
  fixture->limiter = hd_rate_limiter_new ();
  hd_rate_limiter_set_clock (fixture->limiter, fake_clock, fixture);
  fixture->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->limiter);
  g_clear_pointer (&fixture->headers, soup_message_headers_unref);
}

static void
set_header (Fixture    *fixture,
            const char *name,
            const char *value)
{
  soup_message_headers_replace (fixture->headers, name, value);
}

static void
set_header_int (Fixture    *fixture,
                const char *name,
                gint64      value)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  soup_message_headers_replace (fixture->headers, name, text);
}

static char *
iso8601 (gint64      instant,
         const char *fraction)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (instant);
  g_autofree char *base = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");

  return g_strconcat (base, fraction, "Z", NULL);
}

static char *
http_date (gint64 instant)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (instant);

  return g_date_time_format (dt, "%a, %d %b %Y %H:%M:%S GMT");
}

static guint
wait_for (Fixture    *fixture,
          const char *key)
{
  return hd_rate_limiter_get_wait (fixture->limiter, key);
}

static void
update (Fixture    *fixture,
        const char *key,
        guint       status)
{
  hd_rate_limiter_update (fixture->limiter, key, status, fixture->headers);
}

static void
test_unknown_key_goes (Fixture       *fixture,
                       gconstpointer  data)
{
  g_assert_cmpuint (wait_for (fixture, "never-seen"), ==, 0);
}

static void
test_mastodon_exhausted (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *reset = iso8601 (START + 120, ".000000");

  set_header (fixture, "X-RateLimit-Limit", "300");
  set_header (fixture, "X-RateLimit-Remaining", "0");
  set_header (fixture, "X-RateLimit-Reset", reset);
  update (fixture, "mastodon", 200);

  g_assert_cmpuint (wait_for (fixture, "mastodon"), ==, 120);
  fixture->now += 100;
  g_assert_cmpuint (wait_for (fixture, "mastodon"), ==, 20);
  fixture->now += 20;
  g_assert_cmpuint (wait_for (fixture, "mastodon"), ==, 0);
}

static void
test_mastodon_fraction_rounds_up (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autofree char *reset = iso8601 (START + 59, ".452371");

  set_header (fixture, "X-RateLimit-Limit", "300");
  set_header (fixture, "X-RateLimit-Remaining", "0");
  set_header (fixture, "X-RateLimit-Reset", reset);
  update (fixture, "mastodon", 200);

  g_assert_cmpuint (wait_for (fixture, "mastodon"), ==, 60);
}

static void
test_mastodon_plenty_left (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *reset = iso8601 (START + 300, "");

  set_header (fixture, "X-RateLimit-Limit", "300");
  set_header (fixture, "X-RateLimit-Remaining", "250");
  set_header (fixture, "X-RateLimit-Reset", reset);
  update (fixture, "mastodon", 200);

  hd_rate_limiter_note_sent (fixture->limiter, "mastodon");
  g_assert_cmpuint (wait_for (fixture, "mastodon"), ==, 0);
}

/* Near the end of the window, the last requests are spread out instead of sent at once. */
static void
test_pacing_when_nearly_spent (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *reset = iso8601 (START + 100, "");

  set_header (fixture, "X-RateLimit-Limit", "300");
  set_header (fixture, "X-RateLimit-Remaining", "5");
  set_header (fixture, "X-RateLimit-Reset", reset);
  update (fixture, "mastodon", 200);

  g_assert_cmpuint (wait_for (fixture, "mastodon"), ==, 0);
  hd_rate_limiter_note_sent (fixture->limiter, "mastodon");
  /* four left for 100 seconds: one every 25 */
  g_assert_cmpuint (wait_for (fixture, "mastodon"), ==, 25);
  fixture->now += 25;
  g_assert_cmpuint (wait_for (fixture, "mastodon"), ==, 0);
}

/* Requests in flight count before their answers come back. */
static void
test_sent_requests_use_up_the_window (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autofree char *reset = iso8601 (START + 60, "");

  set_header (fixture, "X-RateLimit-Limit", "300");
  set_header (fixture, "X-RateLimit-Remaining", "2");
  set_header (fixture, "X-RateLimit-Reset", reset);
  update (fixture, "mastodon", 200);

  hd_rate_limiter_note_sent (fixture->limiter, "mastodon");
  fixture->now += 30;
  hd_rate_limiter_note_sent (fixture->limiter, "mastodon");
  g_assert_cmpuint (wait_for (fixture, "mastodon"), ==, 30);
}

/* A server clock an hour ahead of the laptop's still means "in two minutes". */
static void
test_server_clock_skew (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *date = http_date (START + 3600);
  g_autofree char *reset = iso8601 (START + 3600 + 120, "");

  set_header (fixture, "Date", date);
  set_header (fixture, "X-RateLimit-Limit", "300");
  set_header (fixture, "X-RateLimit-Remaining", "0");
  set_header (fixture, "X-RateLimit-Reset", reset);
  update (fixture, "mastodon", 200);

  g_assert_cmpuint (wait_for (fixture, "mastodon"), ==, 120);
}

static void
test_bluesky_epoch_reset (Fixture       *fixture,
                          gconstpointer  data)
{
  set_header (fixture, "RateLimit-Limit", "3000");
  set_header (fixture, "RateLimit-Remaining", "0");
  set_header_int (fixture, "RateLimit-Reset", START + 45);
  set_header (fixture, "RateLimit-Policy", "3000;w=300");
  update (fixture, "bluesky", 200);

  g_assert_cmpuint (wait_for (fixture, "bluesky"), ==, 45);
}

static void
test_ietf_delta_reset (Fixture       *fixture,
                       gconstpointer  data)
{
  set_header (fixture, "RateLimit-Limit", "100");
  set_header (fixture, "RateLimit-Remaining", "0");
  set_header (fixture, "RateLimit-Reset", "30");
  update (fixture, "pds", 200);

  g_assert_cmpuint (wait_for (fixture, "pds"), ==, 30);
}

/* The policy header alone says how large the window is, so pacing still works. */
static void
test_policy_gives_the_limit (Fixture       *fixture,
                             gconstpointer  data)
{
  set_header (fixture, "RateLimit-Remaining", "3");
  set_header (fixture, "RateLimit-Reset", "90");
  set_header (fixture, "RateLimit-Policy", "100;w=300");
  update (fixture, "pds", 200);

  hd_rate_limiter_note_sent (fixture->limiter, "pds");
  g_assert_cmpuint (wait_for (fixture, "pds"), ==, 45);
}

static void
test_x_epoch_reset (Fixture       *fixture,
                    gconstpointer  data)
{
  set_header (fixture, "x-rate-limit-limit", "200");
  set_header (fixture, "x-rate-limit-remaining", "0");
  set_header_int (fixture, "x-rate-limit-reset", START + 900);
  update (fixture, "x", 200);

  g_assert_cmpuint (wait_for (fixture, "x"), ==, 900);
  fixture->now += 901;
  g_assert_cmpuint (wait_for (fixture, "x"), ==, 0);
}

static void
test_meta_low_usage (Fixture       *fixture,
                     gconstpointer  data)
{
  set_header (fixture, "X-App-Usage", "{\"call_count\":28,\"total_time\":25,\"total_cputime\":25}");
  update (fixture, "facebook", 200);

  hd_rate_limiter_note_sent (fixture->limiter, "facebook");
  g_assert_cmpuint (wait_for (fixture, "facebook"), ==, 0);
}

static void
test_meta_slows_down (Fixture       *fixture,
                      gconstpointer  data)
{
  set_header (fixture, "X-App-Usage", "{\"call_count\":60,\"total_time\":80,\"total_cputime\":12}");
  update (fixture, "facebook", 200);

  g_assert_cmpuint (wait_for (fixture, "facebook"), ==, 0);
  hd_rate_limiter_note_sent (fixture->limiter, "facebook");
  /* 80 %: 1 + 5 × 3 seconds apart */
  g_assert_cmpuint (wait_for (fixture, "facebook"), ==, 16);
  fixture->now += 16;
  g_assert_cmpuint (wait_for (fixture, "facebook"), ==, 0);
}

static void
test_meta_stops (Fixture       *fixture,
                 gconstpointer  data)
{
  set_header (fixture, "X-App-Usage", "{\"call_count\":96,\"total_time\":20,\"total_cputime\":10}");
  update (fixture, "facebook", 200);

  g_assert_cmpuint (wait_for (fixture, "facebook"), ==, 600);
}

static void
test_meta_business_regain_access (Fixture       *fixture,
                                  gconstpointer  data)
{
  set_header (fixture, "X-Business-Use-Case-Usage",
              "{\"112233\":[{\"type\":\"pages\",\"call_count\":98,\"total_cputime\":30,"
              "\"total_time\":40,\"estimated_time_to_regain_access\":7}],"
              "\"445566\":[{\"type\":\"ads_management\",\"call_count\":10,"
              "\"total_cputime\":5,\"total_time\":5,\"estimated_time_to_regain_access\":0}]}");
  update (fixture, "instagram", 200);

  g_assert_cmpuint (wait_for (fixture, "instagram"), ==, 7 * 60);
  fixture->now += 7 * 60;
  g_assert_cmpuint (wait_for (fixture, "instagram"), ==, 0);
}

static void
test_meta_malformed_usage_ignored (Fixture       *fixture,
                                   gconstpointer  data)
{
  set_header (fixture, "X-App-Usage", "{\"call_count\":99");
  set_header (fixture, "X-Business-Use-Case-Usage", "[1,2,3]");
  update (fixture, "facebook", 200);

  hd_rate_limiter_note_sent (fixture->limiter, "facebook");
  g_assert_cmpuint (wait_for (fixture, "facebook"), ==, 0);
}

static void
test_retry_after_seconds (Fixture       *fixture,
                          gconstpointer  data)
{
  set_header (fixture, "Retry-After", "90");
  update (fixture, "mastodon", 429);

  g_assert_cmpuint (wait_for (fixture, "mastodon"), ==, 90);
  fixture->now += 90;
  g_assert_cmpuint (wait_for (fixture, "mastodon"), ==, 0);
}

static void
test_retry_after_http_date (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *date = http_date (START);
  g_autofree char *retry = http_date (START + 150);

  set_header (fixture, "Date", date);
  set_header (fixture, "Retry-After", retry);
  update (fixture, "bluesky", 503);

  g_assert_cmpuint (wait_for (fixture, "bluesky"), ==, 150);
}

static void
test_429_without_retry_after (Fixture       *fixture,
                              gconstpointer  data)
{
  update (fixture, "linkedin", 429);

  g_assert_cmpuint (wait_for (fixture, "linkedin"), ==, 60);
}

/* An answer that only says "Retry-After: 30" means thirty seconds, even when an earlier
 * answer had announced a window ending in five minutes. */
static void
test_retry_after_outranks_stale_window (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_autofree char *reset = iso8601 (START + 300, ".000000");
  g_autofree char *date = http_date (START);

  set_header (fixture, "X-RateLimit-Limit", "300");
  set_header (fixture, "X-RateLimit-Remaining", "0");
  set_header (fixture, "X-RateLimit-Reset", reset);
  set_header (fixture, "Date", date);
  update (fixture, "mastodon", 200);
  g_assert_cmpuint (wait_for (fixture, "mastodon"), ==, 300);

  soup_message_headers_clear (fixture->headers);
  set_header (fixture, "Retry-After", "30");
  update (fixture, "mastodon", 429);

  g_assert_cmpuint (wait_for (fixture, "mastodon"), ==, 30);
  fixture->now += 30;
  g_assert_cmpuint (wait_for (fixture, "mastodon"), ==, 0);
}

/* A 429 with the reset known waits exactly until the reset. */
static void
test_429_waits_for_reset (Fixture       *fixture,
                          gconstpointer  data)
{
  set_header (fixture, "x-rate-limit-limit", "200");
  set_header (fixture, "x-rate-limit-remaining", "3");
  set_header_int (fixture, "x-rate-limit-reset", START + 200);
  update (fixture, "x", 429);

  g_assert_cmpuint (wait_for (fixture, "x"), ==, 200);
}

static void
test_absurd_retry_after_is_capped (Fixture       *fixture,
                                   gconstpointer  data)
{
  set_header (fixture, "Retry-After", "99999999999999999999");
  update (fixture, "mastodon", 429);
  g_assert_cmpuint (wait_for (fixture, "mastodon"), <=, 24 * 60 * 60);

  set_header (fixture, "Retry-After", "900000000");
  update (fixture, "bluesky", 429);
  g_assert_cmpuint (wait_for (fixture, "bluesky"), ==, 24 * 60 * 60);
}

static void
test_keys_apart (Fixture       *fixture,
                 gconstpointer  data)
{
  set_header (fixture, "Retry-After", "30");
  update (fixture, "bakery-mastodon", 429);

  g_assert_cmpuint (wait_for (fixture, "bakery-mastodon"), ==, 30);
  g_assert_cmpuint (wait_for (fixture, "bakery-bluesky"), ==, 0);

  hd_rate_limiter_forget (fixture->limiter, "bakery-mastodon");
  g_assert_cmpuint (wait_for (fixture, "bakery-mastodon"), ==, 0);
}

static void
test_garbage_headers_ignored (Fixture       *fixture,
                              gconstpointer  data)
{
  set_header (fixture, "X-RateLimit-Limit", "lots");
  set_header (fixture, "X-RateLimit-Remaining", "-4");
  set_header (fixture, "X-RateLimit-Reset", "soon");
  set_header (fixture, "RateLimit-Remaining", "0x10");
  set_header (fixture, "RateLimit-Reset", "");
  update (fixture, "odd", 200);

  g_assert_cmpuint (wait_for (fixture, "odd"), ==, 0);
}

static void
test_window_already_reset (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *reset = iso8601 (START - 10, "");

  set_header (fixture, "X-RateLimit-Limit", "300");
  set_header (fixture, "X-RateLimit-Remaining", "0");
  set_header (fixture, "X-RateLimit-Reset", reset);
  update (fixture, "mastodon", 200);

  g_assert_cmpuint (wait_for (fixture, "mastodon"), ==, 0);
}

#define ADD(path, func) \
  g_test_add ("/herald/net/rate-limiter/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD ("unknown-key-goes", test_unknown_key_goes);
  ADD ("mastodon-exhausted", test_mastodon_exhausted);
  ADD ("mastodon-fraction-rounds-up", test_mastodon_fraction_rounds_up);
  ADD ("mastodon-plenty-left", test_mastodon_plenty_left);
  ADD ("pacing-when-nearly-spent", test_pacing_when_nearly_spent);
  ADD ("sent-requests-use-up-the-window", test_sent_requests_use_up_the_window);
  ADD ("server-clock-skew", test_server_clock_skew);
  ADD ("bluesky-epoch-reset", test_bluesky_epoch_reset);
  ADD ("ietf-delta-reset", test_ietf_delta_reset);
  ADD ("policy-gives-the-limit", test_policy_gives_the_limit);
  ADD ("x-epoch-reset", test_x_epoch_reset);
  ADD ("meta-low-usage", test_meta_low_usage);
  ADD ("meta-slows-down", test_meta_slows_down);
  ADD ("meta-stops", test_meta_stops);
  ADD ("meta-business-regain-access", test_meta_business_regain_access);
  ADD ("meta-malformed-usage-ignored", test_meta_malformed_usage_ignored);
  ADD ("retry-after-seconds", test_retry_after_seconds);
  ADD ("retry-after-http-date", test_retry_after_http_date);
  ADD ("429-without-retry-after", test_429_without_retry_after);
  ADD ("retry-after-outranks-stale-window", test_retry_after_outranks_stale_window);
  ADD ("429-waits-for-reset", test_429_waits_for_reset);
  ADD ("absurd-retry-after-is-capped", test_absurd_retry_after_is_capped);
  ADD ("keys-apart", test_keys_apart);
  ADD ("garbage-headers-ignored", test_garbage_headers_ignored);
  ADD ("window-already-reset", test_window_already_reset);

  return g_test_run ();
}
