/* hd-test-posts.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-test"

#include "hd-test-posts.h"

#include "hd-store-posts.h"

HdPost *
hd_test_schedule_post (HdApplication *app,
                       const char    *text,
                       gint64         instant,
                       HdChannel     *channel)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdVariant) variant = hd_variant_new ();
  HdPost *post = hd_post_new ();

  hd_post_set_text (post, text);
  hd_post_set_state (post, HD_POST_STATE_SCHEDULED);
  hd_post_set_scheduled_at (post, instant);
  hd_post_set_time_zone (post, "Europe/London");
  hd_variant_set_channel_id (variant, hd_channel_get_id (channel));
  hd_variant_set_state (variant, HD_POST_STATE_SCHEDULED);
  hd_post_add_variant (post, variant);
  hd_store_save_post (hd_application_get_store (app), post, &error);
  g_assert_no_error (error);

  return post;
}

HdPostState
hd_test_post_state (HdApplication *app,
                    HdPost        *post)
{
  g_autoptr(HdPost) loaded = hd_store_load_post (hd_application_get_store (app),
                                                 hd_post_get_id (post), NULL);

  return loaded != NULL ? hd_post_get_state (loaded) : HD_POST_STATE_IDEA;
}

gint64
hd_test_now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}
