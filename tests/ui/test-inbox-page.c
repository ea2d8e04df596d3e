/* test-inbox-page.c: the Inbox page over a seeded store: the list and its filters, a thread
 * with Herald's post, answering offline, done and undo, saved replies, hiding and deleted
 * comments
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-test"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "hd-core.h"
#include "hd-store-inbox.h"
#include "hd-store-outbox.h"
#include "hd-store-posts.h"
#include "inbox/hd-inbox-page.h"
#include "inbox/hd-inbox-thread.h"
#include "inbox/hd-reply-box.h"
#include "inbox/hd-saved-reply-popover.h"

#define HOUR 3600

typedef struct
{
  char        *dir;
  HdStore     *store;
  HdHttp      *http;
  char        *toots;
  char        *page_channel;
  char        *post_id;
  gint64       now;
  GtkWindow   *window;
  HdInboxPage *page;
} Fixture;

static void
iterate (void)
{
  for (guint i = 0; i < 5; i++)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static char *
add_channel (Fixture       *fixture,
             HdChannelKind  kind,
             const char    *name)
{
  g_autoptr(HdChannel) channel = hd_channel_new ();
  g_autoptr(GError) error = NULL;

  hd_channel_set_kind (channel, kind);
  hd_channel_set_display_name (channel, name);
  hd_channel_set_state (channel, HD_CHANNEL_STATE_CONNECTED);
  hd_channel_set_base_url (channel, "https://example.invalid");
  hd_channel_set_remote_account_id (channel, "1001");
  hd_store_save_channel (fixture->store, channel, &error);
  g_assert_no_error (error);

  return g_strdup (hd_channel_get_id (channel));
}

static void
add_item (Fixture     *fixture,
          const char  *id,
          const char  *channel_id,
          HdInboxKind  kind,
          const char  *author,
          const char  *text,
          gint64       hours_ago,
          const char  *thread_id,
          const char  *post_id)
{
  g_autoptr(HdInboxItem) item = hd_inbox_item_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *remote_id = g_strdup_printf ("remote-%s", id);
  g_autofree char *handle = g_strdup_printf ("@%s", author);

  hd_inbox_item_set_id (item, id);
  hd_inbox_item_set_channel_id (item, channel_id);
  hd_inbox_item_set_kind (item, kind);
  hd_inbox_item_set_remote_id (item, remote_id);
  hd_inbox_item_set_thread_id (item, thread_id);
  hd_inbox_item_set_author_name (item, author);
  hd_inbox_item_set_author_handle (item, handle);
  hd_inbox_item_set_text (item, text);
  hd_inbox_item_set_received_at (item, fixture->now - hours_ago * HOUR);
  hd_inbox_item_set_post_id (item, post_id);
  hd_inbox_item_set_reply_state (item, HD_REPLY_STATE_UNREAD);
  hd_store_save_inbox_item (fixture->store, item, &error);
  g_assert_no_error (error);
}

/* A bakery's inbox: two comments under its rye post on Mastodon, a question on its Page, a
 * mention, and one comment already dealt with. */
static void
seed (Fixture *fixture)
{
  g_autoptr(HdPost) post = hd_post_new ();
  g_autoptr(HdVariant) variant = hd_variant_new ();
  g_autoptr(GError) error = NULL;

  hd_post_set_text (post, "Rye is back on Saturday");
  hd_post_set_state (post, HD_POST_STATE_PUBLISHED);
  hd_post_set_published_at (post, fixture->now - 30 * HOUR);
  hd_post_set_scheduled_at (post, fixture->now - 30 * HOUR);
  hd_post_set_time_zone (post, "Europe/London");
  hd_variant_set_channel_id (variant, fixture->toots);
  hd_variant_set_text (variant, "Rye is back on Saturday, at last #bread");
  hd_variant_set_state (variant, HD_POST_STATE_PUBLISHED);
  hd_post_add_variant (post, variant);
  hd_store_save_post (fixture->store, post, &error);
  g_assert_no_error (error);
  fixture->post_id = g_strdup (hd_post_get_id (post));

  add_item (fixture, "rye-1", fixture->toots, HD_INBOX_KIND_COMMENT, "Ann",
            "What time do you open?", 5, "rye-thread", fixture->post_id);
  add_item (fixture, "rye-2", fixture->toots, HD_INBOX_KIND_COMMENT, "Ben",
            "Is it the dark rye?", 2, "rye-thread", fixture->post_id);
  add_item (fixture, "page-1", fixture->page_channel, HD_INBOX_KIND_COMMENT, "Cleo",
            "Do you deliver?", 1, "page-thread", NULL);
  add_item (fixture, "mention-1", fixture->toots, HD_INBOX_KIND_MENTION, "Dev",
            "Best bakery in town, ask @bakery", 3, NULL, NULL);
  add_item (fixture, "old-1", fixture->toots, HD_INBOX_KIND_COMMENT, "Eve", "Thanks!", 48,
            "old-thread", NULL);
  hd_store_set_inbox_item_done (fixture->store, "old-1", TRUE, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GtkWidget *overlay = adw_toast_overlay_new ();

  fixture->now = g_get_real_time () / G_USEC_PER_SEC;
  fixture->dir = g_dir_make_tmp ("herald-inbox-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "herald.db", NULL);
  fixture->store = hd_store_open (path, &error);
  g_assert_no_error (error);
  fixture->http = hd_http_new ();
  if (GPOINTER_TO_INT (data) > 0)
    {
      fixture->toots = add_channel (fixture, HD_CHANNEL_KIND_MASTODON, "Bakery toots");
      fixture->page_channel = add_channel (fixture, HD_CHANNEL_KIND_FACEBOOK_PAGE,
                                           "Bakery Page");
    }
  if (GPOINTER_TO_INT (data) > 1)
    seed (fixture);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  fixture->page = HD_INBOX_PAGE (g_object_new (HD_TYPE_INBOX_PAGE, NULL));
  hd_inbox_page_set_http (fixture->page, fixture->http);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (fixture->page));
  gtk_window_set_child (fixture->window, overlay);
  gtk_window_set_default_size (fixture->window, 1000, 800);
  gtk_window_present (fixture->window);
  hd_inbox_page_set_store (fixture->page, fixture->store);
  iterate ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  iterate ();
  g_clear_object (&fixture->http);
  g_clear_object (&fixture->store);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->toots);
  g_free (fixture->page_channel);
  g_free (fixture->post_id);
}

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, found);
}

/* The widgets of @type the user can see: mapped, under @root. */
static GPtrArray *
find_shown (GtkWidget *root,
            GType      type)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  GPtrArray *shown = g_ptr_array_new ();

  collect (root, type, all);
  for (guint i = 0; i < all->len; i++)
    if (gtk_widget_get_mapped (all->pdata[i]))
      g_ptr_array_add (shown, all->pdata[i]);

  return shown;
}

static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  g_autoptr(GPtrArray) labels = find_shown (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (labels->pdata[i]), text) == 0)
      return labels->pdata[i];

  return NULL;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  g_autoptr(GPtrArray) buttons = find_shown (root, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (buttons->pdata[i]), label) == 0)
      return buttons->pdata[i];

  return NULL;
}

/* The status page shown in place of the list; the thread's own does not count. */
/* What a click does, without waiting for the button to show itself pressed. */
static void
click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static AdwStatusPage *
shown_status_page (GtkWidget *root)
{
  g_autoptr(GPtrArray) pages = find_shown (root, ADW_TYPE_STATUS_PAGE);

  for (guint i = 0; i < pages->len; i++)
    if (gtk_widget_get_ancestor (pages->pdata[i], HD_TYPE_INBOX_THREAD) == NULL)
      return pages->pdata[i];

  return NULL;
}

/* The ids the list shows, in order, joined with spaces. */
static char *
shown_ids (Fixture *fixture)
{
  GListModel *items = hd_inbox_page_get_items (fixture->page);
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(HdInboxItem) item = g_list_model_get_item (items, i);

      g_string_append_printf (ids, "%s%s", i > 0 ? " " : "", hd_inbox_item_get_id (item));
    }

  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static HdInboxThread *
open_item (Fixture    *fixture,
           const char *id)
{
  hd_inbox_page_open_item (fixture->page, id);
  iterate ();

  return hd_inbox_page_get_thread (fixture->page);
}

static void
test_empty_states (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *page = GTK_WIDGET (fixture->page);
  AdwStatusPage *status = shown_status_page (page);
  g_autofree char *toots = NULL;

  /* No channel: says to connect one, with the way there. */
  g_assert_nonnull (status);
  g_assert_nonnull (strstr (adw_status_page_get_description (status), "Connect a channel"));
  g_assert_nonnull (find_button (page, "_Go to Channels"));

  /* A channel but nothing yet: says how things arrive, and no circular button. */
  toots = add_channel (fixture, HD_CHANNEL_KIND_MASTODON, "Bakery toots");
  iterate ();
  status = shown_status_page (page);
  g_assert_nonnull (status);
  g_assert_nonnull (strstr (adw_status_page_get_description (status), "while it runs"));
  g_assert_null (find_button (page, "_Go to Channels"));
}

static void
test_filters_hide_everything (Fixture       *fixture,
                              gconstpointer  data)
{
  GtkWidget *page = GTK_WIDGET (fixture->page);
  AdwStatusPage *status;
  g_autofree char *ids = NULL;

  /* The Page's only comment, then Unanswered on top of a channel with nothing unanswered. */
  hd_store_set_inbox_item_done (fixture->store, "page-1", TRUE, NULL);
  hd_inbox_page_set_filter (fixture->page, TRUE, fixture->page_channel, NULL);
  iterate ();
  status = shown_status_page (page);
  g_assert_nonnull (status);
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "Nothing Matches");

  click (find_button (page, "_Show Everything"));
  iterate ();
  g_assert_null (shown_status_page (page));
  ids = shown_ids (fixture);
  g_assert_cmpstr (ids, ==, "page-1 rye-2 mention-1 rye-1 old-1");
}

static void
test_list_and_filters (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *page = GTK_WIDGET (fixture->page);
  g_autoptr(GPtrArray) toggles = find_shown (page, GTK_TYPE_TOGGLE_BUTTON);
  GtkToggleButton *unanswered = NULL;
  g_autofree char *all = NULL;
  g_autofree char *open = NULL;
  g_autofree char *on_toots = NULL;
  g_autofree char *on_post = NULL;

  /* Newest first, across channels, with the post each answers. */
  all = shown_ids (fixture);
  g_assert_cmpstr (all, ==, "page-1 rye-2 mention-1 rye-1 old-1");
  g_assert_nonnull (find_label (page, "Do you deliver?"));
  g_assert_nonnull (find_label (page, "On “Rye is back on Saturday”"));
  g_assert_nonnull (find_label (page, "Done"));
  g_assert_cmpuint (hd_inbox_page_get_n_unanswered (fixture->page), ==, 4);

  /* The toggle in the bar: what is done goes. */
  for (guint i = 0; i < toggles->len; i++)
    if (g_strcmp0 (gtk_button_get_label (toggles->pdata[i]), "_Unanswered") == 0)
      unanswered = toggles->pdata[i];
  g_assert_nonnull (unanswered);
  gtk_toggle_button_set_active (unanswered, TRUE);
  iterate ();
  open = shown_ids (fixture);
  g_assert_cmpstr (open, ==, "page-1 rye-2 mention-1 rye-1");

  hd_inbox_page_set_filter (fixture->page, TRUE, fixture->toots, NULL);
  iterate ();
  on_toots = shown_ids (fixture);
  g_assert_cmpstr (on_toots, ==, "rye-2 mention-1 rye-1");

  hd_inbox_page_set_filter (fixture->page, FALSE, NULL, fixture->post_id);
  iterate ();
  on_post = shown_ids (fixture);
  g_assert_cmpstr (on_post, ==, "rye-2 rye-1");
}

static void
test_thread (Fixture       *fixture,
             gconstpointer  data)
{
  HdInboxThread *thread = open_item (fixture, "rye-2");
  GListModel *messages = hd_inbox_thread_get_messages (thread);
  g_autoptr(HdInboxItem) first = NULL;
  g_autoptr(HdInboxItem) second = NULL;
  g_autoptr(HdInboxItem) opened = NULL;

  /* Herald's post on top, as this channel had it, then the comments oldest first. */
  g_assert_cmpstr (hd_inbox_thread_get_post_text (thread), ==,
                   "Rye is back on Saturday, at last #bread");
  g_assert_nonnull (find_label (GTK_WIDGET (thread), "Rye is back on Saturday, at last #bread"));
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 2);
  first = g_list_model_get_item (messages, 0);
  second = g_list_model_get_item (messages, 1);
  g_assert_cmpstr (hd_inbox_item_get_id (first), ==, "rye-1");
  g_assert_cmpstr (hd_inbox_item_get_id (second), ==, "rye-2");
  g_assert_nonnull (find_label (GTK_WIDGET (thread), "What time do you open?"));

  /* Opening it is reading it. */
  opened = hd_store_load_inbox_item (fixture->store, "rye-2", NULL);
  g_assert_cmpint (hd_inbox_item_get_reply_state (opened), ==, HD_REPLY_STATE_READ);

  /* A mention is about no post: nothing on top. */
  thread = open_item (fixture, "mention-1");
  g_assert_null (hd_inbox_thread_get_post_text (thread));
}

static void
test_reply_offline (Fixture       *fixture,
                    gconstpointer  data)
{
  HdInboxThread *thread = open_item (fixture, "rye-1");
  HdReplyBox *box = hd_inbox_thread_get_reply_box (thread);
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autoptr(HdInboxItem) reply = NULL;
  g_auto(HdInboxStatus) status = { 0 };
  GListModel *messages;
  HdChange *change;

  /* The channel's own counting and limit, live. */
  g_assert_false (gtk_widget_is_sensitive (find_button (GTK_WIDGET (thread), "_Send")));
  for (guint i = 0; i < 501; i++)
    g_string_append_c (long_text, 'a');
  hd_reply_box_set_text (box, long_text->str);
  iterate ();
  g_assert_cmpstr (hd_reply_box_get_counter_text (box), ==, "501 / 500");
  g_assert_false (hd_reply_box_can_send (box));
  g_assert_false (gtk_widget_is_sensitive (find_button (GTK_WIDGET (thread), "_Send")));

  hd_reply_box_set_text (box, "From 8 until 4, see you Saturday!");
  iterate ();
  g_assert_cmpstr (hd_reply_box_get_counter_text (box), ==, "33 / 500");
  g_assert_true (gtk_widget_is_sensitive (find_button (GTK_WIDGET (thread), "_Send")));

  /* No network anywhere in this test: the answer waits in the outbox and in the thread. */
  click (find_button (GTK_WIDGET (thread), "_Send"));
  iterate ();
  g_autofree char *left = hd_reply_box_dup_text (box);
  g_assert_cmpstr (left, ==, "");

  messages = hd_inbox_thread_get_messages (thread);
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 3);
  reply = g_list_model_get_item (messages, 2);
  g_assert_cmpstr (hd_inbox_item_get_text (reply), ==, "From 8 until 4, see you Saturday!");
  g_assert_true (hd_store_get_inbox_status (fixture->store, hd_inbox_item_get_id (reply),
                                            &status, NULL));
  g_assert_true (status.outgoing);
  g_assert_cmpint (status.send_state, ==, HD_OUTBOX_STATE_PENDING);
  g_assert_nonnull (find_label (GTK_WIDGET (thread), "Waiting to be sent"));
  g_assert_nonnull (find_label (GTK_WIDGET (thread), "From 8 until 4, see you Saturday!"));

  changes = hd_store_list_changes (fixture->store, fixture->toots, HD_OUTBOX_STATE_PENDING,
                                   NULL);
  g_assert_cmpuint (changes->len, ==, 1);
  change = changes->pdata[0];
  g_assert_cmpstr (change->subject_kind, ==, "inbox-item");
  g_assert_cmpstr (change->operation, ==, "reply");
  g_assert_cmpstr (change->subject_id, ==, hd_inbox_item_get_id (reply));

  /* Answered now: no longer among the unanswered. */
  g_assert_cmpuint (hd_inbox_page_get_n_unanswered (fixture->page), ==, 3);
}

static gboolean
has_shortcut (GtkWidget       *widget,
              guint            key,
              GdkModifierType  modifiers,
              const char      *action_name)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger)
              && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == key
              && gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers
              && GTK_IS_NAMED_ACTION (action)
              && g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)),
                            action_name) == 0)
            return TRUE;
        }
    }

  return FALSE;
}

static void
test_done_and_undo (Fixture       *fixture,
                    gconstpointer  data)
{
  HdInboxThread *thread = open_item (fixture, "page-1");
  g_autoptr(HdInboxItem) done = NULL;
  g_autoptr(HdInboxItem) undone = NULL;
  g_autofree char *open = NULL;
  GtkWidget *undo;

  g_assert_true (has_shortcut (GTK_WIDGET (thread), GDK_KEY_d, GDK_CONTROL_MASK,
                               "thread.mark-done"));
  g_assert_true (has_shortcut (GTK_WIDGET (thread), GDK_KEY_Return, GDK_CONTROL_MASK,
                               "thread.send"));

  gtk_widget_activate_action (GTK_WIDGET (thread), "thread.mark-done", NULL);
  iterate ();
  done = hd_store_load_inbox_item (fixture->store, "page-1", NULL);
  g_assert_cmpint (hd_inbox_item_get_reply_state (done), ==, HD_REPLY_STATE_DONE);
  hd_inbox_page_set_filter (fixture->page, TRUE, NULL, NULL);
  iterate ();
  open = shown_ids (fixture);
  g_assert_null (strstr (open, "page-1"));

  /* The toast takes it back to where it was: read, waiting for an answer. */
  g_assert_nonnull (find_label (GTK_WIDGET (fixture->window), "Marked as done"));
  undo = find_button (GTK_WIDGET (fixture->window), "_Undo");
  g_assert_nonnull (undo);
  click (undo);
  iterate ();
  undone = hd_store_load_inbox_item (fixture->store, "page-1", NULL);
  g_assert_cmpint (hd_inbox_item_get_reply_state (undone), ==, HD_REPLY_STATE_READ);
  g_free (open);
  open = shown_ids (fixture);
  g_assert_nonnull (strstr (open, "page-1"));
}

static void
test_saved_replies (Fixture       *fixture,
                    gconstpointer  data)
{
  HdInboxThread *thread = open_item (fixture, "rye-1");
  HdReplyBox *box = hd_inbox_thread_get_reply_box (thread);
  HdSavedReplyPopover *popover = hd_reply_box_get_saved_replies (box);
  g_autoptr(HdSnippet) hours = hd_snippet_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) buttons = NULL;
  g_autofree char *text = NULL;
  GtkWidget *insert = NULL;

  hd_snippet_set_name (hours, "Opening hours");
  hd_snippet_set_text (hours, "We open 8–4, Tuesday to Saturday.");
  hd_store_save_saved_reply (fixture->store, hours, &error);
  g_assert_no_error (error);
  iterate ();

  /* One click on it in the popover puts it in the reply. */
  hd_reply_box_set_text (box, "Hello! ");
  gtk_popover_popup (GTK_POPOVER (popover));
  iterate ();
  buttons = find_shown (GTK_WIDGET (popover), GTK_TYPE_BUTTON);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (buttons->pdata[i]),
                   "We open 8–4, Tuesday to Saturday.") == 0)
      insert = buttons->pdata[i];
  g_assert_nonnull (insert);
  click (insert);
  iterate ();
  text = hd_reply_box_dup_text (box);
  g_assert_cmpstr (text, ==, "Hello! We open 8–4, Tuesday to Saturday.");

  /* And what is written can be kept for next time. */
  hd_reply_box_set_text (box, "Yes, we deliver within 5 km.");
  g_assert_true (hd_saved_reply_popover_save_text (popover, "Delivery", &error));
  g_assert_no_error (error);
  iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (hd_saved_reply_popover_get_replies (popover)), ==,
                    2);
}

static GtkWidget *
find_button_by_tooltip (GtkWidget  *root,
                        const char *prefix)
{
  g_autoptr(GPtrArray) buttons = find_shown (root, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (gtk_widget_get_tooltip_text (buttons->pdata[i]) != NULL
        && g_str_has_prefix (gtk_widget_get_tooltip_text (buttons->pdata[i]), prefix))
      return buttons->pdata[i];

  return NULL;
}

static GtkWidget *
find_hide_button (GtkWidget *root)
{
  return find_button_by_tooltip (root, "Hide this comment");
}

static void
test_hide_and_deleted (Fixture       *fixture,
                       gconstpointer  data)
{
  HdInboxThread *thread = open_item (fixture, "rye-1");
  g_autoptr(GPtrArray) deleted = g_ptr_array_new ();
  g_autoptr(GPtrArray) none = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) cards = NULL;
  g_auto(HdInboxStatus) status = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hide_rows = NULL;
  gboolean dimmed = FALSE;
  guint n_new = 0;

  /* Mastodon offers no hiding: no button. A Facebook Page does. */
  g_assert_null (find_hide_button (GTK_WIDGET (thread)));
  thread = open_item (fixture, "page-1");
  g_assert_nonnull (find_hide_button (GTK_WIDGET (thread)));
  click (find_hide_button (GTK_WIDGET (thread)));
  iterate ();
  g_assert_true (hd_store_get_inbox_status (fixture->store, "page-1", &status, NULL));
  g_assert_true (status.hidden);
  hide_rows = hd_store_list_changes (fixture->store, fixture->page_channel,
                                     HD_OUTBOX_STATE_PENDING, NULL);
  g_assert_cmpuint (hide_rows->len, ==, 1);
  g_assert_nonnull (find_label (GTK_WIDGET (thread), "Hidden"));

  /* Its author deleted a comment on the platform: still there, dimmed, with a note. */
  g_ptr_array_add (deleted, "remote-rye-1");
  hd_store_record_inbox_pull (fixture->store, fixture->toots, none, deleted, NULL, NULL,
                              fixture->now, &n_new, &error);
  g_assert_no_error (error);
  thread = open_item (fixture, "rye-2");
  g_assert_nonnull (find_label (GTK_WIDGET (thread), "What time do you open?"));
  cards = find_shown (GTK_WIDGET (thread), GTK_TYPE_BOX);
  for (guint i = 0; i < cards->len; i++)
    dimmed |= gtk_widget_has_css_class (cards->pdata[i], "hd-deleted");
  g_assert_true (dimmed);
  g_assert_nonnull (find_label (GTK_WIDGET (thread),
                                "Its author deleted this on the platform. Herald keeps it so "
                                "the conversation still reads."));
  g_assert_nonnull (find_label (GTK_WIDGET (fixture->page), "Deleted"));
}

/* The marks come with the item as the store reads it, so the list shows them as it scrolls
 * without asking the store again for each row. */
static void
test_item_marks (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) deleted = g_ptr_array_new ();
  g_autoptr(GPtrArray) none = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(HdInboxItem) hidden = NULL;
  g_autoptr(HdInboxItem) gone = NULL;
  g_autoptr(HdInboxItem) drafted = NULL;
  g_autoptr(HdInboxItem) plain = NULL;
  g_autoptr(GError) error = NULL;
  guint n_new = 0;

  g_assert_null (find_label (GTK_WIDGET (fixture->page), "Hidden"));
  g_assert_null (find_label (GTK_WIDGET (fixture->page), "Deleted"));

  hd_store_set_inbox_item_hidden (fixture->store, "page-1", TRUE, FALSE, &error);
  g_assert_no_error (error);
  g_ptr_array_add (deleted, "remote-rye-1");
  hd_store_record_inbox_pull (fixture->store, fixture->toots, none, deleted, NULL, NULL,
                              fixture->now, &n_new, &error);
  g_assert_no_error (error);
  hd_store_set_inbox_draft (fixture->store, "rye-2", "We open at eight.", &error);
  g_assert_no_error (error);
  iterate ();

  hidden = hd_store_load_inbox_item (fixture->store, "page-1", &error);
  g_assert_no_error (error);
  g_assert_true (hd_inbox_item_get_hidden (hidden));
  g_assert_false (hd_inbox_item_get_deleted (hidden));
  gone = hd_store_load_inbox_item (fixture->store, "rye-1", &error);
  g_assert_no_error (error);
  g_assert_true (hd_inbox_item_get_deleted (gone));
  g_assert_false (hd_inbox_item_get_hidden (gone));
  drafted = hd_store_load_inbox_item (fixture->store, "rye-2", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hd_inbox_item_get_draft (drafted), ==, "We open at eight.");
  g_assert_false (hd_inbox_item_get_outgoing (drafted));

  /* Saving an item as a pull does keeps the user's marks. */
  hd_inbox_item_set_text (hidden, "Edited on the platform");
  hd_inbox_item_set_hidden (hidden, FALSE);
  hd_store_save_inbox_item (fixture->store, hidden, &error);
  g_assert_no_error (error);
  plain = hd_store_load_inbox_item (fixture->store, "page-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hd_inbox_item_get_text (plain), ==, "Edited on the platform");
  g_assert_true (hd_inbox_item_get_hidden (plain));
  iterate ();

  /* And the list shows them. */
  g_assert_nonnull (find_label (GTK_WIDGET (fixture->page), "Hidden"));
  g_assert_nonnull (find_label (GTK_WIDGET (fixture->page), "Deleted"));
}

/* Not a check: with HERALD_INBOX_RENDER_DIR set, draws the page for people to look at. */
static void
render (GtkWindow  *window,
        const char *name)
{
  const char *dir = g_getenv ("HERALD_INBOX_RENDER_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  int width = gtk_widget_get_width (GTK_WIDGET (window));
  int height = gtk_widget_get_height (GTK_WIDGET (window));

  if (dir == NULL)
    return;

  paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  /* A frame may still be on its way after a resize or a change of style. */
  for (guint i = 0; node == NULL && i < 50; i++)
    {
      g_autoptr(GtkSnapshot) attempt = gtk_snapshot_new ();

      iterate ();
      width = gtk_widget_get_width (GTK_WIDGET (window));
      height = gtk_widget_get_height (GTK_WIDGET (window));
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (attempt), width, height);
      node = gtk_snapshot_to_node (attempt);
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strdup_printf ("%s.png", name);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static void
test_narrow (Fixture       *fixture,
             gconstpointer  data)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  HdInboxThread *thread;

  render (fixture->window, "inbox-wide-empty-thread");
  thread = open_item (fixture, "rye-2");
  hd_reply_box_set_text (hd_inbox_thread_get_reply_box (thread), "See you on Saturday!");
  iterate ();
  render (fixture->window, "inbox-wide-light");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  iterate ();
  render (fixture->window, "inbox-wide-dark");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  /* At a phone's width the list and the thread take turns, with a way back. */
  gtk_window_set_default_size (fixture->window, 360, 720);
  iterate ();
  g_usleep (300000);
  iterate ();
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->page)), <=, 360);
  g_assert_nonnull (find_label (GTK_WIDGET (thread), "Is it the dark rye?"));
  render (fixture->window, "inbox-narrow-thread");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (thread)));
  g_assert_true (gtk_widget_get_visible (find_button_by_tooltip (GTK_WIDGET (thread),
                                                                 "Back to the inbox (Alt+Left)")));
  click (find_button_by_tooltip (GTK_WIDGET (thread),
                                               "Back to the inbox (Alt+Left)"));
  iterate ();
  g_usleep (300000);
  iterate ();
  g_assert_nonnull (find_label (GTK_WIDGET (fixture->page), "Do you deliver?"));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (thread)));
  render (fixture->window, "inbox-narrow-list");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  iterate ();
  render (fixture->window, "inbox-narrow-list-dark");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkCssProvider) css = NULL;

  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();
  /* The application's style sheet and icons, as the window has them. */
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/io/github/heraldapp/Herald/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/io/github/heraldapp/Herald/icons");
  /* The folded page slides; the checks want where it ends, not the way there. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/herald/inbox/empty-states", Fixture, GINT_TO_POINTER (0), fixture_set_up,
              test_empty_states, fixture_tear_down);
  g_test_add ("/herald/inbox/filters-hide-everything", Fixture, GINT_TO_POINTER (2),
              fixture_set_up, test_filters_hide_everything, fixture_tear_down);
  g_test_add ("/herald/inbox/list-and-filters", Fixture, GINT_TO_POINTER (2), fixture_set_up,
              test_list_and_filters, fixture_tear_down);
  g_test_add ("/herald/inbox/thread", Fixture, GINT_TO_POINTER (2), fixture_set_up,
              test_thread, fixture_tear_down);
  g_test_add ("/herald/inbox/reply-offline", Fixture, GINT_TO_POINTER (2), fixture_set_up,
              test_reply_offline, fixture_tear_down);
  g_test_add ("/herald/inbox/done-and-undo", Fixture, GINT_TO_POINTER (2), fixture_set_up,
              test_done_and_undo, fixture_tear_down);
  g_test_add ("/herald/inbox/saved-replies", Fixture, GINT_TO_POINTER (2), fixture_set_up,
              test_saved_replies, fixture_tear_down);
  g_test_add ("/herald/inbox/hide-and-deleted", Fixture, GINT_TO_POINTER (2), fixture_set_up,
              test_hide_and_deleted, fixture_tear_down);
  g_test_add ("/herald/inbox/item-marks", Fixture, GINT_TO_POINTER (2), fixture_set_up,
              test_item_marks, fixture_tear_down);
  g_test_add ("/herald/inbox/narrow", Fixture, GINT_TO_POINTER (2), fixture_set_up,
              test_narrow, fixture_tear_down);

  return g_test_run ();
}
