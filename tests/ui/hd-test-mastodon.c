/* hd-test-mastodon.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-test"

#include "hd-test-mastodon.h"

#include "hd-channels.h"

typedef struct
{
  SoupSession  *session;
  gboolean      done;
  GAsyncResult *result;
} Browser;

static void
on_page_loaded (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GBytes) page = soup_session_send_and_read_finish (SOUP_SESSION (object), result,
                                                             NULL);

  ((Browser *) user_data)->done = TRUE;
}

static void
play_browser (const char *uri,
              gpointer    user_data)
{
  Browser *browser = user_data;
  g_autoptr(SoupMessage) message = soup_message_new ("GET", uri);

  soup_session_send_and_read_async (browser->session, message, G_PRIORITY_DEFAULT, NULL,
                                    on_page_loaded, browser);
}

static void
authorize_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  ((Browser *) user_data)->result = g_object_ref (result);
}

HdChannel *
hd_test_connect_mastodon (HdApplication  *app,
                          HdFakeMastodon *fake)
{
  g_autoptr(HdMastodonConnect) connect = NULL;
  g_autoptr(GError) error = NULL;
  Browser browser = { soup_session_new (), FALSE, NULL };
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  HdChannel *channel;

  connect = hd_mastodon_connect_new (hd_application_get_http (app),
                                     hd_application_get_store (app),
                                     hd_fake_mastodon_get_url (fake), &error);
  g_assert_no_error (error);
  hd_mastodon_connect_authorize_async (connect, play_browser, &browser, NULL, authorize_cb,
                                       &browser);
  while (browser.result == NULL || !browser.done)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out connecting the Mastodon account");
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  channel = hd_mastodon_connect_authorize_finish (connect, browser.result, &error);
  g_assert_no_error (error);
  g_object_unref (browser.result);
  g_object_unref (browser.session);

  return channel;
}
