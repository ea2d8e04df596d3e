/* hd-inbox-thread.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-inbox"

#include "config.h"

#include <glib/gi18n.h>

#include "hd-channel.h"
#include "hd-inbox-item.h"
#include "hd-post.h"
#include "hd-store-channels.h"
#include "hd-store-inbox.h"
#include "hd-store-posts.h"
#include "hd-variant.h"
#include "inbox/hd-inbox-thread.h"
#include "widgets/hd-format.h"
#include "widgets/hd-post-row.h"
#include "widgets/hd-status-icon.h"
#include "widgets/hd-toast.h"

struct _HdInboxThread
{
  AdwBin parent_instance;

  /* template widgets */
  GtkWidget      *back_button;
  GtkLabel       *title_label;
  GtkWidget      *hide_button;
  GtkWidget      *done_button;
  AdwButtonContent *done_content;
  GtkStack       *stack;
  AdwStatusPage  *none_status_page;
  GtkWidget      *post_card;
  GtkLabel       *post_heading;
  GtkLabel       *post_text;
  GtkListBox     *message_list;
  GtkLabel       *reply_heading;
  HdReplyBox     *reply_box;

  /* owned references */
  HdStore        *store;
  HdInboxItem    *item;
  HdChannel      *channel;
  GListModel     *messages;
  char           *loaded_draft;

  gboolean        can_hide;
  gboolean        hidden;
};

G_DEFINE_FINAL_TYPE (HdInboxThread, hd_inbox_thread, ADW_TYPE_BIN)

enum {
  BACK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What Undo in a toast puts back; the toast may outlive the thread. */
typedef struct
{
  HdStore  *store;
  char     *id;
  gboolean  hidden;
} UndoMark;

static void
undo_mark_free (gpointer data,
                GClosure *closure)
{
  UndoMark *undo = data;

  g_object_unref (undo->store);
  g_free (undo->id);
  g_free (undo);
}

static const char *
describe_author (HdInboxItem *item)
{
  const char *name = hd_inbox_item_get_author_name (item);

  return name != NULL && *name != '\0' ? name : hd_inbox_item_get_author_handle (item);
}

static const char *
describe_send_state (HdOutboxState state)
{
  switch (state)
    {
    case HD_OUTBOX_STATE_DONE:
      return _("Sent");
    case HD_OUTBOX_STATE_FAILED:
      return _("Not sent");
    case HD_OUTBOX_STATE_IN_FLIGHT:
      return _("Sending");
    default:
      return _("Waiting to be sent");
    }
}

static void
on_withdraw_clicked (GtkButton *button)
{
  HdInboxThread *self = HD_INBOX_THREAD (gtk_widget_get_ancestor (GTK_WIDGET (button),
                                                                  HD_TYPE_INBOX_THREAD));
  const char *reply_id = g_object_get_data (G_OBJECT (button), "hd-reply-id");
  g_autoptr(GError) error = NULL;

  if (!hd_store_discard_inbox_reply (self->store, reply_id, &error))
    hd_reply_box_set_problem (self->reply_box, error->message);
}

static GtkWidget *
new_label (GtkWidget  *box,
           const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (GTK_BOX (box), label);

  return label;
}

/* The notes under a message: where an answer stands, or what became of a comment. */
static void
add_notes (HdInboxThread       *self,
           GtkWidget           *card,
           HdInboxItem         *item,
           const HdInboxStatus *status)
{
  GtkWidget *footer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *note;

  if (status->outgoing)
    {
      GtkWidget *pill = gtk_label_new (NULL);

      hd_pill_set_state (GTK_LABEL (pill),
                         status->send_state == HD_OUTBOX_STATE_DONE ? "replied"
                         : status->send_state == HD_OUTBOX_STATE_FAILED ? "failed" : "scheduled",
                         describe_send_state (status->send_state));
      gtk_widget_set_valign (pill, GTK_ALIGN_CENTER);
      gtk_widget_set_hexpand (pill, TRUE);
      gtk_widget_set_halign (pill, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (footer), pill);

      if (status->send_state == HD_OUTBOX_STATE_PENDING
          || status->send_state == HD_OUTBOX_STATE_FAILED)
        {
          GtkWidget *withdraw = gtk_button_new_with_mnemonic (_("_Withdraw"));

          gtk_widget_add_css_class (withdraw, "flat");
          gtk_widget_set_tooltip_text (withdraw, _("Do not send this reply"));
          g_object_set_data_full (G_OBJECT (withdraw), "hd-reply-id",
                                  g_strdup (hd_inbox_item_get_id (item)), g_free);
          g_signal_connect (withdraw, "clicked", G_CALLBACK (on_withdraw_clicked), NULL);
          gtk_box_append (GTK_BOX (footer), withdraw);
        }
      gtk_box_append (GTK_BOX (card), footer);

      if (status->send_state == HD_OUTBOX_STATE_FAILED && status->last_error != NULL)
        {
          note = new_label (card, status->last_error, "error");
          gtk_label_set_wrap (GTK_LABEL (note), TRUE);
        }
      return;
    }

  g_object_ref_sink (footer);
  g_object_unref (footer);

  if (status->deleted)
    {
      note = new_label (card, _("Its author deleted this on the platform. Herald keeps it so "
                                "the conversation still reads."), "caption");
      gtk_label_set_wrap (GTK_LABEL (note), TRUE);
    }
  else if (status->hidden)
    {
      note = new_label (card, _("Hidden"), "caption");
      gtk_widget_add_css_class (note, "dim-label");
    }
}

static GtkWidget *
create_message_row (gpointer item_data,
                    gpointer user_data)
{
  HdInboxThread *self = user_data;
  HdInboxItem *item = item_data;
  g_auto(HdInboxStatus) status = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *when = NULL;
  g_autofree char *accessible = NULL;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label;
  const char *author;

  if (!hd_store_get_inbox_status (self->store, hd_inbox_item_get_id (item), &status, &error))
    g_warning ("Could not read the state of a message: %s", error->message);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "hd-card");
  if (status.outgoing)
    gtk_widget_add_css_class (card, "hd-outgoing");
  if (status.deleted)
    gtk_widget_add_css_class (card, "hd-deleted");
  if (self->item != NULL
      && g_strcmp0 (hd_inbox_item_get_id (item), hd_inbox_item_get_id (self->item)) == 0)
    gtk_widget_add_css_class (card, "hd-current");

  author = status.outgoing ? _("You") : describe_author (item);
  label = new_label (header, author, "heading");
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (!status.outgoing && g_strcmp0 (author, hd_inbox_item_get_author_handle (item)) != 0)
    {
      label = new_label (header, hd_inbox_item_get_author_handle (item), "dim-label");
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
    }
  when = hd_format_relative (status.outgoing && status.sent_at > 0
                             ? status.sent_at : hd_inbox_item_get_received_at (item),
                             g_get_real_time () / G_USEC_PER_SEC);
  label = new_label (header, when, "dim-label");
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_box_append (GTK_BOX (card), header);

  label = new_label (card, hd_inbox_item_get_text (item), NULL);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);

  add_notes (self, card, item, &status);

  accessible = status.outgoing
               ? g_strdup_printf (_("Your reply, %s"), describe_send_state (status.send_state))
               : g_strdup_printf (_("%s wrote"), author);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), card);

  return row;
}

static void
show_post (HdInboxThread *self)
{
  const char *post_id = self->item != NULL ? hd_inbox_item_get_post_id (self->item) : NULL;
  g_autoptr(HdPost) post = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  HdVariant *variant;
  const char *text;

  if (post_id == NULL)
    {
      gtk_label_set_label (self->post_text, "");
      gtk_widget_set_visible (self->post_card, FALSE);
      return;
    }

  post = hd_store_load_post (self->store, post_id, &error);
  gtk_widget_set_visible (self->post_card, TRUE);
  if (post == NULL)
    {
      gtk_label_set_label (self->post_heading, _("Your post"));
      gtk_label_set_label (self->post_text, _("This post is no longer in Herald."));
      return;
    }

  /* The words people answered are the channel's own, where it had its own. */
  variant = hd_post_find_variant (post, hd_inbox_item_get_channel_id (self->item));
  text = variant != NULL ? hd_variant_get_text (variant) : NULL;
  if (text == NULL || *text == '\0')
    text = hd_post_get_text (post);

  if (hd_post_get_published_at (post) > 0)
    {
      g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
      g_autofree char *date = hd_format_date (hd_post_get_published_at (post), zone);

      /* TRANSLATORS: %s is a date such as "3 Mar 2026" */
      heading = g_strdup_printf (_("Your post, published %s"), date);
    }
  gtk_label_set_label (self->post_heading, heading != NULL ? heading : _("Your post"));
  gtk_label_set_label (self->post_text, text);
}

static void
update_actions (HdInboxThread *self)
{
  gboolean open = self->item != NULL;
  gboolean done = open && hd_inbox_item_get_reply_state (self->item) == HD_REPLY_STATE_DONE;
  gboolean hideable = open && self->can_hide
                      && hd_inbox_item_get_kind (self->item) == HD_INBOX_KIND_COMMENT;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "thread.send",
                                 open && hd_reply_box_can_send (self->reply_box));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "thread.mark-done", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "thread.hide", hideable);

  gtk_widget_set_visible (self->done_button, open);
  adw_button_content_set_label (self->done_content, done ? _("Not _done") : _("Mark _done"));
  adw_button_content_set_icon_name (self->done_content,
                                    done ? "edit-undo-symbolic" : "object-select-symbolic");
  gtk_widget_set_tooltip_text (self->done_button,
                               done ? _("Put it back among the messages to answer (Ctrl+D)")
                                    : _("Mark as done: it needs no answer (Ctrl+D)"));

  gtk_widget_set_visible (self->hide_button, hideable);
  gtk_button_set_icon_name (GTK_BUTTON (self->hide_button),
                            self->hidden ? "view-reveal-symbolic" : "view-conceal-symbolic");
  gtk_widget_set_tooltip_text (self->hide_button,
                               self->hidden ? _("Show this comment to everyone again")
                                            : _("Hide this comment from everyone but its "
                                                "author and their friends"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->hide_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->hidden ? _("Show comment") : _("Hide comment"), -1);
}

/* The item itself changed in the store (its state, a mark): read it again. */
static void
reload_item (HdInboxThread *self)
{
  g_autoptr(HdInboxItem) item = NULL;
  g_auto(HdInboxStatus) status = { 0 };
  g_autoptr(GError) error = NULL;

  if (self->item == NULL || self->store == NULL)
    return;

  item = hd_store_load_inbox_item (self->store, hd_inbox_item_get_id (self->item), &error);
  if (item == NULL)
    {
      /* Gone from the store: nothing left to answer. */
      hd_inbox_thread_open (self, NULL);
      return;
    }
  g_set_object (&self->item, item);
  if (hd_store_get_inbox_status (self->store, hd_inbox_item_get_id (item), &status, NULL))
    self->hidden = status.hidden;
  update_actions (self);
}

static void
on_store_changed (HdInboxThread *self,
                  const char    *family)
{
  if (g_strcmp0 (family, HD_STORE_FAMILY_INBOX) == 0)
    reload_item (self);
  else if (g_strcmp0 (family, HD_STORE_FAMILY_POSTS) == 0)
    show_post (self);
}

/* Keeps the answer being written, so leaving the conversation loses nothing. */
static void
keep_draft (HdInboxThread *self)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (self->item == NULL || self->store == NULL)
    return;

  text = hd_reply_box_dup_text (self->reply_box);
  if (g_strcmp0 (text, self->loaded_draft != NULL ? self->loaded_draft : "") == 0)
    return;

  if (!hd_store_set_inbox_draft (self->store, hd_inbox_item_get_id (self->item), text, &error))
    g_warning ("Could not keep the reply being written: %s", error->message);
}

void
hd_inbox_thread_open (HdInboxThread *self,
                      const char    *id)
{
  g_autoptr(HdInboxItem) item = NULL;
  g_auto(HdInboxStatus) status = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *reply_heading = NULL;

  g_return_if_fail (HD_IS_INBOX_THREAD (self));

  keep_draft (self);
  g_clear_object (&self->item);
  g_clear_object (&self->channel);
  g_clear_object (&self->messages);
  g_clear_pointer (&self->loaded_draft, g_free);
  self->hidden = FALSE;
  gtk_list_box_bind_model (self->message_list, NULL, NULL, NULL, NULL);

  if (id != NULL && self->store != NULL)
    {
      item = hd_store_load_inbox_item (self->store, id, &error);
      if (item == NULL)
        g_warning ("Could not open a conversation: %s", error->message);
    }

  if (item == NULL)
    {
      gtk_label_set_label (self->title_label, "");
      hd_reply_box_set_text (self->reply_box, "");
      hd_reply_box_set_channel (self->reply_box, NULL);
      gtk_stack_set_visible_child_name (self->stack, "none");
      update_actions (self);
      return;
    }

  self->item = g_steal_pointer (&item);
  self->channel = hd_store_load_channel (self->store, hd_inbox_item_get_channel_id (self->item),
                                         NULL);
  if (hd_store_get_inbox_status (self->store, id, &status, &error))
    {
      self->hidden = status.hidden;
      self->loaded_draft = g_strdup (status.draft);
    }
  else
    g_warning ("Could not read the state of a message: %s", error->message);

  if (self->channel != NULL)
    /* TRANSLATORS: "Conversation on Bakery toots" */
    title = g_strdup_printf (_("Conversation on %s"), hd_channel_get_display_name (self->channel));
  gtk_label_set_label (self->title_label, title != NULL ? title : _("Conversation"));
  reply_heading = g_strdup_printf (_("Reply to %s"), describe_author (self->item));
  gtk_label_set_label (self->reply_heading, reply_heading);

  show_post (self);
  self->messages = hd_store_list_inbox_thread (self->store, id, &error);
  if (self->messages == NULL)
    g_warning ("Could not load the conversation: %s", error->message);
  else
    gtk_list_box_bind_model (self->message_list, self->messages, create_message_row, self,
                             NULL);

  hd_reply_box_set_channel (self->reply_box, self->channel);
  hd_reply_box_set_text (self->reply_box, self->loaded_draft);
  hd_reply_box_set_problem (self->reply_box, NULL);
  gtk_stack_set_visible_child_name (self->stack, "thread");
  update_actions (self);
}

const char *
hd_inbox_thread_get_item_id (HdInboxThread *self)
{
  g_return_val_if_fail (HD_IS_INBOX_THREAD (self), NULL);

  return self->item != NULL ? hd_inbox_item_get_id (self->item) : NULL;
}

void
hd_inbox_thread_set_store (HdInboxThread *self,
                           HdStore       *store)
{
  g_return_if_fail (HD_IS_INBOX_THREAD (self));
  g_return_if_fail (store == NULL || HD_IS_STORE (store));

  if (self->store == store)
    return;

  hd_inbox_thread_open (self, NULL);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self,
                             G_CONNECT_SWAPPED);
  hd_reply_box_set_store (self->reply_box, store);
}

void
hd_inbox_thread_set_can_hide (HdInboxThread *self,
                              gboolean       can_hide)
{
  g_return_if_fail (HD_IS_INBOX_THREAD (self));

  self->can_hide = !!can_hide;
  update_actions (self);
}

void
hd_inbox_thread_set_show_back (HdInboxThread *self,
                               gboolean       show_back)
{
  g_return_if_fail (HD_IS_INBOX_THREAD (self));

  gtk_widget_set_visible (self->back_button, show_back);
}

HdReplyBox *
hd_inbox_thread_get_reply_box (HdInboxThread *self)
{
  g_return_val_if_fail (HD_IS_INBOX_THREAD (self), NULL);

  return self->reply_box;
}

GListModel *
hd_inbox_thread_get_messages (HdInboxThread *self)
{
  g_return_val_if_fail (HD_IS_INBOX_THREAD (self), NULL);

  return self->messages;
}

const char *
hd_inbox_thread_get_post_text (HdInboxThread *self)
{
  g_return_val_if_fail (HD_IS_INBOX_THREAD (self), NULL);

  return gtk_widget_get_visible (self->post_card) ? gtk_label_get_label (self->post_text) : NULL;
}

static void
on_undo_clicked (AdwToast *toast,
                 UndoMark *undo)
{
  g_autoptr(GError) error = NULL;
  gboolean undone;

  if (undo->hidden)
    undone = hd_store_set_inbox_item_hidden (undo->store, undo->id, FALSE, TRUE, &error);
  else
    undone = hd_store_set_inbox_item_done (undo->store, undo->id, FALSE, &error);

  if (!undone)
    g_warning ("Could not undo: %s", error->message);
}

static void
show_undo_toast (HdInboxThread *self,
                 const char    *title,
                 gboolean       hidden)
{
  AdwToast *toast = hd_toast_new_plain (title);
  UndoMark *undo = g_new0 (UndoMark, 1);

  undo->store = g_object_ref (self->store);
  undo->id = g_strdup (hd_inbox_item_get_id (self->item));
  undo->hidden = hidden;
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked), undo,
                         undo_mark_free, 0);
  hd_toast_show (GTK_WIDGET (self), toast);
}

static void
mark_done_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  HdInboxThread *self = HD_INBOX_THREAD (widget);
  g_autoptr(GError) error = NULL;
  gboolean done;

  if (self->item == NULL)
    return;

  done = hd_inbox_item_get_reply_state (self->item) != HD_REPLY_STATE_DONE;
  if (!hd_store_set_inbox_item_done (self->store, hd_inbox_item_get_id (self->item), done,
                                     &error))
    {
      hd_toast_show (widget, hd_toast_new_plain (error->message));
      return;
    }

  if (done && self->item != NULL)
    show_undo_toast (self, _("Marked as done"), FALSE);
}

static void
hide_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HdInboxThread *self = HD_INBOX_THREAD (widget);
  g_autoptr(GError) error = NULL;
  gboolean hide;

  if (self->item == NULL)
    return;

  /* The platform hides it too, through the outbox, so it works offline. */
  hide = !self->hidden;
  if (!hd_store_set_inbox_item_hidden (self->store, hd_inbox_item_get_id (self->item), hide,
                                       TRUE, &error))
    {
      hd_toast_show (widget, hd_toast_new_plain (error->message));
      return;
    }

  if (hide && self->item != NULL)
    show_undo_toast (self, _("Comment hidden"), TRUE);
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HdInboxThread *self = HD_INBOX_THREAD (widget);
  g_autofree char *text = NULL;
  g_autofree char *reply_id = NULL;
  g_autoptr(GError) error = NULL;

  if (self->item == NULL || !hd_reply_box_can_send (self->reply_box))
    return;

  text = hd_reply_box_dup_text (self->reply_box);
  g_strstrip (text);
  /* Written with the outbox row in one transaction; the sender takes it from there, now or
   * once Herald is online. */
  reply_id = hd_store_queue_inbox_reply (self->store, hd_inbox_item_get_id (self->item), text,
                                         &error);
  if (reply_id == NULL)
    {
      hd_reply_box_set_problem (self->reply_box, error->message);
      return;
    }

  g_clear_pointer (&self->loaded_draft, g_free);
  hd_reply_box_set_text (self->reply_box, "");
  hd_toast_show (widget, hd_toast_new_plain (_("Reply waiting to be sent")));
}

static void
on_back_clicked (HdInboxThread *self)
{
  g_signal_emit (self, signals[BACK], 0);
}

static void
hd_inbox_thread_dispose (GObject *object)
{
  HdInboxThread *self = HD_INBOX_THREAD (object);

  keep_draft (self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);
  if (self->message_list != NULL)
    gtk_list_box_bind_model (self->message_list, NULL, NULL, NULL, NULL);

  g_clear_object (&self->messages);
  g_clear_object (&self->item);
  g_clear_object (&self->channel);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hd_inbox_thread_parent_class)->dispose (object);
}

static void
hd_inbox_thread_finalize (GObject *object)
{
  HdInboxThread *self = HD_INBOX_THREAD (object);

  g_free (self->loaded_draft);

  G_OBJECT_CLASS (hd_inbox_thread_parent_class)->finalize (object);
}

static void
hd_inbox_thread_class_init (HdInboxThreadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_inbox_thread_dispose;
  object_class->finalize = hd_inbox_thread_finalize;

  signals[BACK] = g_signal_new ("back", G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION, 0, NULL, NULL, NULL,
                                G_TYPE_NONE, 0);

  g_type_ensure (HD_TYPE_REPLY_BOX);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/heraldapp/Herald"
                                               "/inbox/hd-inbox-thread.ui");
  gtk_widget_class_bind_template_child (widget_class, HdInboxThread, back_button);
  gtk_widget_class_bind_template_child (widget_class, HdInboxThread, title_label);
  gtk_widget_class_bind_template_child (widget_class, HdInboxThread, hide_button);
  gtk_widget_class_bind_template_child (widget_class, HdInboxThread, done_button);
  gtk_widget_class_bind_template_child (widget_class, HdInboxThread, done_content);
  gtk_widget_class_bind_template_child (widget_class, HdInboxThread, stack);
  gtk_widget_class_bind_template_child (widget_class, HdInboxThread, none_status_page);
  gtk_widget_class_bind_template_child (widget_class, HdInboxThread, post_card);
  gtk_widget_class_bind_template_child (widget_class, HdInboxThread, post_heading);
  gtk_widget_class_bind_template_child (widget_class, HdInboxThread, post_text);
  gtk_widget_class_bind_template_child (widget_class, HdInboxThread, message_list);
  gtk_widget_class_bind_template_child (widget_class, HdInboxThread, reply_heading);
  gtk_widget_class_bind_template_child (widget_class, HdInboxThread, reply_box);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);

  gtk_widget_class_install_action (widget_class, "thread.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "thread.mark-done", NULL, mark_done_action);
  gtk_widget_class_install_action (widget_class, "thread.hide", NULL, hide_action);
}

/* The text view takes Return for itself in the bubble phase, so the shortcuts listen in the
 * capture phase, before it. */
static void
add_shortcuts (HdInboxThread *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  struct {
    guint           key;
    GdkModifierType modifiers;
    const char     *action;
  } shortcuts[] = {
    { GDK_KEY_Return, GDK_CONTROL_MASK, "thread.send" },
    { GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "thread.send" },
    { GDK_KEY_d, GDK_CONTROL_MASK, "thread.mark-done" },
    { GDK_KEY_Left, GDK_ALT_MASK, NULL },
  };

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    {
      GtkShortcutAction *action
        = shortcuts[i].action != NULL
          ? gtk_named_action_new (shortcuts[i].action)
          : gtk_signal_action_new ("back");

      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                            gtk_shortcut_new (
                                              gtk_keyval_trigger_new (shortcuts[i].key,
                                                                      shortcuts[i].modifiers),
                                              action));
    }
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
hd_inbox_thread_init (HdInboxThread *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  hd_status_page_set_icon_when_shown (self->none_status_page, "mail-unread-symbolic");
  g_signal_connect_object (self->reply_box, "changed", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);
  add_shortcuts (self);
  update_actions (self);
}
