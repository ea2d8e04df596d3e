/* test-feed-fetcher.c: fetching feeds from a server on 127.0.0.1, and its failures.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-test"

#include "config.h"

#include <string.h>

#include "feed-server.h"
#include "hd-feed-fetcher.h"
#include "hd-feed-parser.h"

typedef struct
{
  FeedServer    *server;
  HdFeedFetcher *fetcher;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->server = feed_server_new ();
  fixture->fetcher = hd_feed_fetcher_new (NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->fetcher);
  g_clear_pointer (&fixture->server, feed_server_free);
}

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static HdFeedResponse *
fetch (Fixture     *fixture,
       const char  *path,
       const char  *etag,
       const char  *last_modified,
       GError     **error)
{
  g_autofree char *url = g_str_has_prefix (path, "/") ? feed_server_url (fixture->server, path)
                                                      : g_strdup (path);
  g_autoptr(GAsyncResult) result = NULL;

  hd_feed_fetcher_fetch_async (fixture->fetcher, url, etag, last_modified, NULL, store_result,
                               &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return hd_feed_fetcher_fetch_finish (fixture->fetcher, result, error);
}

static void
test_ok_then_not_modified (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(HdFeedResponse) first = NULL;
  g_autoptr(HdFeedResponse) second = NULL;
  g_autoptr(HdFeedResponse) third = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = feed_server_url (fixture->server, "/feed.xml");

  first = fetch (fixture, "/feed.xml", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (first->not_modified);
  g_assert_nonnull (first->body);
  g_assert_nonnull (strstr (g_bytes_get_data (first->body, NULL), "Harbour Bakery"));
  g_assert_cmpstr (first->url, ==, url);
  g_assert_cmpstr (first->etag, ==, "\"v1\"");
  g_assert_cmpstr (first->last_modified, ==, "Wed, 01 May 2024 12:00:00 GMT");
  g_assert_cmpstr (first->content_type, ==, "application/rss+xml");

  /* The validators sent back save the body... */
  second = fetch (fixture, "/feed.xml", first->etag, first->last_modified, &error);
  g_assert_no_error (error);
  g_assert_true (second->not_modified);
  g_assert_null (second->body);
  g_assert_cmpstr (second->etag, ==, "\"v1\"");
  g_assert_cmpuint (feed_server_count_not_modified (fixture->server), ==, 1);

  /* ...until the feed changes. */
  feed_server_set_feed_version (fixture->server, 2);
  third = fetch (fixture, "/feed.xml", first->etag, first->last_modified, &error);
  g_assert_no_error (error);
  g_assert_false (third->not_modified);
  g_assert_cmpstr (third->etag, ==, "\"v2\"");
  g_assert_nonnull (strstr (g_bytes_get_data (third->body, NULL), "Bread club"));
}

typedef struct
{
  const char  *path;
  HdFeedError  code;
  const char  *message;   /* NULL: checked by prefix below */
  const char  *prefix;
} Failure;

static const Failure failures[] = {
  { "/missing", HD_FEED_ERROR_HTTP, "The server answered 404: the feed is not there any more." },
  { "/gone", HD_FEED_ERROR_HTTP, "The server answered 410: the feed has been taken down." },
  { "/broken", HD_FEED_ERROR_HTTP,
    "The server answered 500: it has a problem of its own. Try again later." },
  { "/loop-a", HD_FEED_ERROR_REDIRECTS, NULL, "The address http://127.0.0.1:" },
  { "/chain/6", HD_FEED_ERROR_REDIRECTS, NULL, "The address http://127.0.0.1:" },
  { "/to-file", HD_FEED_ERROR_REDIRECTS, NULL, "The address http://127.0.0.1:" },
  { "/huge", HD_FEED_ERROR_TOO_LARGE, NULL, "The feed at http://127.0.0.1:" },
  { "/huge-length", HD_FEED_ERROR_TOO_LARGE, NULL, "The feed at http://127.0.0.1:" },
  { "/image.png", HD_FEED_ERROR_WRONG_TYPE,
    "This address does not point to an RSS or Atom feed: the server sent a file of type "
    "image/png." },
  { "ftp://127.0.0.1/feed", HD_FEED_ERROR_INVALID_URL,
    "“ftp://127.0.0.1/feed” is not a web address. Type the address of a feed, starting with "
    "https://." },
};

static void
test_failure (Fixture       *fixture,
              gconstpointer  data)
{
  const Failure *failure = data;
  g_autoptr(HdFeedResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  response = fetch (fixture, failure->path, NULL, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, HD_FEED_ERROR, (int) failure->code);
  if (failure->message != NULL)
    g_assert_cmpstr (error->message, ==, failure->message);
  else
    g_assert_true (g_str_has_prefix (error->message, failure->prefix));
}

static void
test_redirects_followed (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(HdFeedResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *final = feed_server_url (fixture->server, "/feed.xml");

  /* Five redirects are fine; the sixth is one too many (see failures). */
  response = fetch (fixture, "/chain/5", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (response->url, ==, final);
  g_assert_nonnull (response->body);
}

static void
test_loop_message (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(HdFeedResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  response = fetch (fixture, "/loop-a", NULL, NULL, &error);
  g_assert_error (error, HD_FEED_ERROR, HD_FEED_ERROR_REDIRECTS);
  g_assert_nonnull (strstr (error->message, "redirects in a loop"));
  /* Each address was asked once: the loop was seen, not run five times. */
  g_assert_cmpuint (feed_server_count_requests (fixture->server, "/loop-a"), ==, 1);
  g_assert_cmpuint (feed_server_count_requests (fixture->server, "/loop-b"), ==, 1);
}

static void
test_slow (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(HdFeedResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  hd_feed_fetcher_set_timeout (fixture->fetcher, 300);
  response = fetch (fixture, "/slow", NULL, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, HD_FEED_ERROR, HD_FEED_ERROR_TIMEOUT);
  g_assert_true (g_str_has_suffix (error->message, "did not answer within 1 seconds. Try again "
                                   "later."));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(HdFeedResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = feed_server_url (fixture->server, "/slow");

  hd_feed_fetcher_fetch_async (fixture->fetcher, url, NULL, NULL, cancellable, store_result,
                               &result);
  g_timeout_add_once (100, (GSourceOnceFunc) g_cancellable_cancel, cancellable);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  response = hd_feed_fetcher_fetch_finish (fixture->fetcher, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_unreachable (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(HdFeedResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  guint16 port;

  /* A port that was free a moment ago and is closed now: connection refused. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
  url = g_strdup_printf ("http://127.0.0.1:%u/feed.xml", port);

  response = fetch (fixture, url, NULL, NULL, &error);
  g_assert_error (error, HD_FEED_ERROR, HD_FEED_ERROR_NETWORK);
  g_assert_true (g_str_has_prefix (error->message, "Herald could not reach http://127.0.0.1:"));
}

static void
test_normalize_url (void)
{
  static const struct { const char *text, *expected; } cases[] = {
    { "example.com/feed", "https://example.com/feed" },
    { "  https://example.com/rss  ", "https://example.com/rss" },
    { "http://example.com:8080/atom.xml", "http://example.com:8080/atom.xml" },
    { "", NULL },
    { "not a url", NULL },
    { "javascript:alert(1)", NULL },
    { "file:///etc/passwd", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *url = hd_feed_normalize_url (cases[i].text, &error);

      g_assert_cmpstr (url, ==, cases[i].expected);
      if (cases[i].expected == NULL)
        g_assert_error (error, HD_FEED_ERROR, HD_FEED_ERROR_INVALID_URL);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/herald/feeds/fetcher/ok-then-not-modified", Fixture, NULL, fixture_set_up,
              test_ok_then_not_modified, fixture_tear_down);
  for (guint i = 0; i < G_N_ELEMENTS (failures); i++)
    {
      g_autofree char *name = g_strdup_printf ("/herald/feeds/fetcher/failure%s%s",
                                               failures[i].path[0] == '/' ? "" : "/",
                                               failures[i].path[0] == '/' ? failures[i].path
                                                                          : "ftp");

      g_test_add (name, Fixture, &failures[i], fixture_set_up, test_failure, fixture_tear_down);
    }
  g_test_add ("/herald/feeds/fetcher/redirects-followed", Fixture, NULL, fixture_set_up,
              test_redirects_followed, fixture_tear_down);
  g_test_add ("/herald/feeds/fetcher/redirect-loop", Fixture, NULL, fixture_set_up,
              test_loop_message, fixture_tear_down);
  g_test_add ("/herald/feeds/fetcher/slow", Fixture, NULL, fixture_set_up, test_slow,
              fixture_tear_down);
  g_test_add ("/herald/feeds/fetcher/cancelled", Fixture, NULL, fixture_set_up, test_cancelled,
              fixture_tear_down);
  g_test_add ("/herald/feeds/fetcher/unreachable", Fixture, NULL, fixture_set_up,
              test_unreachable, fixture_tear_down);
  g_test_add_func ("/herald/feeds/fetcher/normalize-url", test_normalize_url);

  return g_test_run ();
}
