/* feed-server.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-test"

#include "config.h"

#include <string.h>

#include "feed-server.h"

struct _FeedServer
{
  SoupServer *server;
  GUri       *base;
  GHashTable *requests;
  GPtrArray  *paused;
  guint       version;
  guint       not_modified;
  gboolean    down;
};

static const char feed_v1[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<rss version=\"2.0\"><channel>\n"
  "<title>Harbour Bakery</title><link>/</link>\n"
  "<item><title>Sourdough is back</title><link>/sourdough</link><guid>b-1</guid>"
  "<pubDate>Tue, 05 Mar 2024 09:30:00 +0000</pubDate>"
  "<description><![CDATA[<p>Every <b>Saturday</b>.</p>]]></description></item>\n"
  "<item><title>Easter hours</title><link>/easter</link><guid>b-2</guid>"
  "<pubDate>Fri, 29 Mar 2024 18:00:00 +0000</pubDate></item>\n"
  "<item><title>New ovens</title><link>/ovens</link><guid>b-3</guid>"
  "<pubDate>Mon, 15 Apr 2024 07:00:00 +0000</pubDate></item>\n"
  "<item><title>Summer menu</title><link>/summer</link><guid>b-4</guid>"
  "<pubDate>Wed, 01 May 2024 12:00:00 +0000</pubDate></item>\n"
  "</channel></rss>\n";

static const char feed_v2[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<rss version=\"2.0\"><channel>\n"
  "<title>Harbour Bakery</title><link>/</link>\n"
  "<item><title>Sourdough is back, now on Sundays too</title><link>/sourdough</link>"
  "<guid>b-1</guid><pubDate>Tue, 05 Mar 2024 09:30:00 +0000</pubDate></item>\n"
  "<item><title>Easter hours</title><link>/easter</link><guid>b-2</guid>"
  "<pubDate>Fri, 29 Mar 2024 18:00:00 +0000</pubDate></item>\n"
  "<item><title>New ovens</title><link>/ovens</link><guid>b-3</guid>"
  "<pubDate>Mon, 15 Apr 2024 07:00:00 +0000</pubDate></item>\n"
  "<item><title>Summer menu</title><link>/summer</link><guid>b-4</guid>"
  "<pubDate>Wed, 01 May 2024 12:00:00 +0000</pubDate></item>\n"
  "<item><title>Bread club</title><link>/club</link><guid>b-5</guid>"
  "<pubDate>Sat, 01 Jun 2024 08:00:00 +0000</pubDate></item>\n"
  "</channel></rss>\n";

static const char atom[] =
  "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
  "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
  "<title>Pottery journal</title><link href=\"/journal/\"/>\n"
  "<id>urn:journal</id><updated>2024-06-01T12:00:00Z</updated>\n"
  "<entry><title>Kiln day</title><link href=\"/journal/kiln\"/><id>urn:kiln</id>"
  "<updated>2024-05-12T07:00:00Z</updated><summary>The kiln is hot.</summary></entry>\n"
  "</feed>\n";

static const char page[] =
  "<!DOCTYPE html><html><head><meta charset=utf-8><title>Pottery</title>"
  "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/atom.xml\">"
  "</head><body><p>Welcome</body></html>";

static const char plain_page[] =
  "<!DOCTYPE html><html><head><title>Nothing</title></head><body>No feed</body></html>";

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *type,
         const char        *body,
         gsize              length)
{
  soup_server_message_set_status (msg, status, NULL);
  if (type != NULL)
    soup_server_message_set_response (msg, type, SOUP_MEMORY_COPY, body, length);
}

static void
redirect (SoupServerMessage *msg,
          const char        *location)
{
  soup_server_message_set_status (msg, SOUP_STATUS_FOUND, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location",
                                location);
}

static void
serve_feed (FeedServer        *self,
            SoupServerMessage *msg)
{
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  g_autofree char *etag = g_strdup_printf ("\"v%u\"", self->version);
  const char *last_modified = self->version == 1 ? "Wed, 01 May 2024 12:00:00 GMT"
                                                 : "Sat, 01 Jun 2024 08:00:00 GMT";
  const char *body = self->version == 1 ? feed_v1 : feed_v2;

  soup_message_headers_replace (response, "ETag", etag);
  soup_message_headers_replace (response, "Last-Modified", last_modified);

  if (g_strcmp0 (soup_message_headers_get_one (request, "If-None-Match"), etag) == 0)
    {
      self->not_modified++;
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      return;
    }

  respond (msg, SOUP_STATUS_OK, "application/rss+xml; charset=utf-8", body, strlen (body));
}

static void
handle (SoupServer        *server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  FeedServer *self = user_data;
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->requests, path));

  g_hash_table_replace (self->requests, g_strdup (path), GUINT_TO_POINTER (count + 1));

  if (self->down)
    respond (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "text/plain", "down", 4);
  else if (g_str_equal (path, "/feed.xml"))
    serve_feed (self, msg);
  else if (g_str_equal (path, "/atom.xml"))
    respond (msg, SOUP_STATUS_OK, "application/atom+xml", atom, strlen (atom));
  else if (g_str_equal (path, "/page.html"))
    respond (msg, SOUP_STATUS_OK, "text/html; charset=utf-8", page, strlen (page));
  else if (g_str_equal (path, "/plain.html"))
    respond (msg, SOUP_STATUS_OK, "text/html", plain_page, strlen (plain_page));
  else if (g_str_equal (path, "/gone"))
    respond (msg, SOUP_STATUS_GONE, "text/plain", "gone", 4);
  else if (g_str_equal (path, "/broken"))
    respond (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "text/html", "<h1>Oops</h1>", 13);
  else if (g_str_equal (path, "/loop-a"))
    redirect (msg, "/loop-b");
  else if (g_str_equal (path, "/loop-b"))
    redirect (msg, "/loop-a");
  else if (g_str_has_prefix (path, "/chain/"))
    {
      guint64 n = g_ascii_strtoull (path + strlen ("/chain/"), NULL, 10);
      g_autofree char *next = n > 1 ? g_strdup_printf ("/chain/%" G_GUINT64_FORMAT, n - 1)
                                    : g_strdup ("/feed.xml");

      redirect (msg, next);
    }
  else if (g_str_equal (path, "/to-file"))
    redirect (msg, "file:///etc/passwd");
  else if (g_str_equal (path, "/slow"))
    {
      soup_server_message_pause (msg);
      g_ptr_array_add (self->paused, g_object_ref (msg));
    }
  else if (g_str_equal (path, "/huge"))
    {
      SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
      SoupMessageBody *body = soup_server_message_get_response_body (msg);
      g_autofree char *chunk = g_malloc (1024 * 1024);

      memset (chunk, ' ', 1024 * 1024);
      memcpy (chunk, "<rss><channel>", 14);
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      soup_message_headers_set_content_type (headers, "application/rss+xml", NULL);
      for (guint i = 0; i < 6; i++)
        soup_message_body_append (body, SOUP_MEMORY_COPY, chunk, 1024 * 1024);
      soup_message_body_complete (body);
    }
  else if (g_str_equal (path, "/huge-length"))
    {
      gsize length = 6 * 1024 * 1024;
      char *body = g_malloc (length);

      memset (body, ' ', length);
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/rss+xml", SOUP_MEMORY_TAKE, body,
                                        length);
    }
  else if (g_str_equal (path, "/image.png"))
    respond (msg, SOUP_STATUS_OK, "image/png", "\x89PNG\r\n\x1a\n", 8);
  else
    respond (msg, SOUP_STATUS_NOT_FOUND, "text/html", "<h1>Not found</h1>", 18);
}

FeedServer *
feed_server_new (void)
{
  FeedServer *self = g_new0 (FeedServer, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  self->version = 1;
  self->requests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->paused = g_ptr_array_new_with_free_func (g_object_unref);
  self->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (self->server, NULL, handle, self, NULL);
  soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (self->server);
  g_assert_nonnull (uris);
  self->base = g_uri_ref (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return self;
}

void
feed_server_free (FeedServer *self)
{
  /* Let the clients that were kept waiting go. */
  for (guint i = 0; i < self->paused->len; i++)
    {
      SoupServerMessage *msg = g_ptr_array_index (self->paused, i);

      soup_server_message_set_status (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL);
      soup_server_message_unpause (msg);
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;

  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_pointer (&self->paused, g_ptr_array_unref);
  g_clear_pointer (&self->requests, g_hash_table_unref);
  g_clear_pointer (&self->base, g_uri_unref);
  g_free (self);
}

char *
feed_server_url (FeedServer *self,
                 const char *path)
{
  return g_strdup_printf ("http://127.0.0.1:%d%s", g_uri_get_port (self->base), path);
}

void
feed_server_set_feed_version (FeedServer *self,
                              guint       version)
{
  self->version = version;
}

guint
feed_server_count_requests (FeedServer *self,
                            const char *path)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->requests, path));
}

guint
feed_server_count_not_modified (FeedServer *self)
{
  return self->not_modified;
}

void
feed_server_set_down (FeedServer *self,
                      gboolean    down)
{
  self->down = down;
}
