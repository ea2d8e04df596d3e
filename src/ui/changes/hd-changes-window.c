/* hd-changes-window.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "hd-change-check.h"
#include "hd-change-set.h"
#include "hd-changes-window.h"
#include "hd-store-ads-sync.h"
#include "hd-store-changes.h"
#include "hd-store-outbox.h"
#include "changes/hd-ad-conflict-text.h"
#include "widgets/hd-format.h"
#include "widgets/hd-popovers.h"

/* How long the Undo of a discard is offered. */
#define UNDO_TIMEOUT 8

/* What the last Send said about one change. */
typedef struct
{
  char          *change_id;
  char          *excerpt;
  char          *channel_name;
  HdSendOutcome  outcome;
  char          *sentence;
} SendResult;

typedef enum
{
  REVIEW_UNDECIDED,
  REVIEW_ACCEPTED,
  REVIEW_REJECTED,
} ReviewDecision;

struct _HdChangesWindow
{
  AdwWindow          parent_instance;

  /* template widgets */
  AdwToastOverlay   *toast_overlay;
  GtkWidget         *check_button;
  GtkWidget         *send_button;
  GtkProgressBar    *progress_bar;
  GtkStack          *stack;
  GtkBox            *groups_box;
  GtkLabel          *review_title;
  GtkListBox        *review_list;
  GtkWidget         *accept_all_button;

  /* owned references */
  HdStore           *store;
  HdSender          *sender;
  /* change id to GPtrArray of sentences, from the last Check */
  GHashTable        *problems;
  /* change id to SendResult, from the last Send */
  GHashTable        *results;
  /* the undo of the last discard */
  HdDiscardedChange *discarded;
  HdChangeSet       *review_set;
  ReviewDecision    *review_decisions;
  GtkFileChooserNative *chooser;

  /* borrowed references */
  HdApplication     *application;
  /* the toast offering to undo the last discard, while it shows */
  AdwToast          *undo_toast;

  /* change id to the label showing its problems, valid until the next rebuild */
  GHashTable        *problem_labels;
  GHashTable        *rows;
  /* variant id to the row of its conflict, valid until the next rebuild */
  GHashTable        *conflict_rows;
  guint              n_changes;
};

G_DEFINE_FINAL_TYPE (HdChangesWindow, hd_changes_window, ADW_TYPE_WINDOW)

static void
send_result_free (gpointer data)
{
  SendResult *result = data;

  g_free (result->change_id);
  g_free (result->excerpt);
  g_free (result->channel_name);
  g_free (result->sentence);
  g_free (result);
}

static void
show_error (HdChangesWindow *self,
            const char      *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static const char *
kind_css_class (HdChangeKind kind)
{
  switch (kind)
    {
    case HD_CHANGE_KIND_ADDED:
      return "added";
    case HD_CHANGE_KIND_CHANGED:
      return "changed";
    case HD_CHANGE_KIND_REMOVED:
    default:
      return "removed";
    }
}

static GtkWidget *
make_badge (HdChangeKind kind)
{
  GtkWidget *badge = gtk_label_new (hd_change_kind_to_label (kind));

  gtk_widget_add_css_class (badge, "hd-change-badge");
  gtk_widget_add_css_class (badge, kind_css_class (kind));
  gtk_widget_set_valign (badge, GTK_ALIGN_START);

  return badge;
}

static GtkWidget *
make_wrapped_label (const char *text,
                    const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

static GtkWidget *
make_row_button (const char *icon_name,
                 const char *tooltip,
                 const char *action_name,
                 const char *change_id)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", change_id);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);

  return button;
}

static char *
describe_when (const HdChangeSummary *change)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;

  if (change->time_zone != NULL)
    zone = g_time_zone_new_identifier (change->time_zone);
  if (zone == NULL)
    zone = g_time_zone_new_local ();

  date = hd_format_date (change->instant, zone);
  time = hd_format_time (change->instant, zone);

  /* TRANSLATORS: a date, a time, and the state of a change, as in "2 Mar · 09:00 · waiting" */
  return g_strdup_printf (_("%s · %s · %s"), date, time,
                          hd_change_state_to_label (change->state));
}

static void
add_row_buttons (GtkWidget             *box,
                 const HdChangeSummary *change)
{
  if (g_strcmp0 (change->state, HD_CHANGE_STATE_FAILED) == 0)
    {
      if (change->kind != HD_CHANGE_KIND_REMOVED)
        gtk_box_append (GTK_BOX (box),
                        make_row_button ("document-edit-symbolic", _("Edit the post"),
                                         "changes.edit", change->change_id));
      gtk_box_append (GTK_BOX (box),
                      make_row_button ("view-refresh-symbolic", _("Try again"),
                                       "changes.retry", change->change_id));
    }
  else if (g_strcmp0 (change->state, HD_CHANGE_STATE_MISSED) == 0)
    {
      gtk_box_append (GTK_BOX (box),
                      make_row_button ("mail-send-symbolic", _("Send now, late"),
                                       "changes.send-missed", change->change_id));
      gtk_box_append (GTK_BOX (box),
                      make_row_button ("x-office-calendar-symbolic", _("Pick a new time"),
                                       "changes.edit", change->change_id));
    }

  if (hd_change_state_can_discard (change->state))
    gtk_box_append (GTK_BOX (box),
                    make_row_button ("user-trash-symbolic", _("Discard the change"),
                                     "changes.discard", change->change_id));
}

static GtkWidget *
build_change_row (HdChangesWindow       *self,
                  const HdChangeSummary *change)
{
  GPtrArray *problems = g_hash_table_lookup (self->problems, change->change_id);
  SendResult *result = g_hash_table_lookup (self->results, change->change_id);
  g_autofree char *when = describe_when (change);
  /* A preferences row, so the group puts it in its boxed list. */
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *title;
  GtkWidget *problems_label;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), change->excerpt);
  gtk_widget_add_css_class (outer, "hd-change-row");

  gtk_box_append (GTK_BOX (line), make_badge (change->kind));

  title = gtk_label_new (*change->excerpt != '\0' ? change->excerpt
                                                  : _("A post deleted on this computer"));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (title), 2);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (texts), title);
  gtk_box_append (GTK_BOX (texts), make_wrapped_label (when, "dim-label"));
  gtk_widget_add_css_class (gtk_widget_get_last_child (texts), "caption");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (line), texts);

  add_row_buttons (buttons, change);
  gtk_box_append (GTK_BOX (line), buttons);
  gtk_box_append (GTK_BOX (outer), line);

  if (change->reason != NULL && result == NULL)
    gtk_box_append (GTK_BOX (outer), make_wrapped_label (change->reason, "warning"));

  problems_label = make_wrapped_label (NULL, "error");
  if (problems != NULL)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *channel_problem =
        hd_changes_describe_channel_problem (change->channel_kind, change->channel_handle,
                                             change->channel_state);

      /* The channel's own problem is said once, above its group. */
      for (guint i = 0; i < problems->len; i++)
        {
          const char *problem = g_ptr_array_index (problems, i);

          if (g_strcmp0 (problem, channel_problem) == 0)
            continue;
          g_string_append_printf (text, text->len == 0 ? "%s" : "\n%s", problem);
        }
      gtk_label_set_label (GTK_LABEL (problems_label), text->str);
    }
  gtk_widget_set_visible (problems_label,
                          *gtk_label_get_label (GTK_LABEL (problems_label)) != '\0');
  gtk_box_append (GTK_BOX (outer), problems_label);
  g_hash_table_insert (self->problem_labels, g_strdup (change->change_id), problems_label);

  if (result != NULL)
    gtk_box_append (GTK_BOX (outer),
                    make_wrapped_label (result->sentence,
                                        result->outcome == HD_SEND_OUTCOME_FAILED ? "error"
                                                                                  : "dim-label"));

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), outer);
  g_hash_table_insert (self->rows, g_strdup (change->change_id), row);

  return row;
}

static GtkWidget *
start_group (const HdChangeSummary *change)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *icon =
    gtk_image_new_from_icon_name (hd_channel_kind_icon_name (change->channel_kind));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), change->channel_name);
  if (change->channel_handle != NULL &&
      g_strcmp0 (change->channel_handle, change->channel_name) != 0)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                           change->channel_handle);
  gtk_widget_set_tooltip_text (icon, hd_channel_kind_to_label (change->channel_kind));
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), icon);

  {
    g_autofree char *problem =
      hd_changes_describe_channel_problem (change->channel_kind, change->channel_handle,
                                           change->channel_state);

    /* First in the group's list, so it is read before the changes it holds back. */
    if (problem != NULL)
      {
        GtkWidget *row = adw_preferences_row_new ();
        GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
        GtkWidget *warning = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

        gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), problem);
        gtk_widget_add_css_class (box, "hd-change-row");
        gtk_widget_add_css_class (warning, "warning");
        gtk_box_append (GTK_BOX (box), warning);
        gtk_box_append (GTK_BOX (box), make_wrapped_label (problem, "warning"));
        gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      }
  }

  return group;
}

/* Conflicts: posts changed on the platform itself, waiting for the user's answer */

static GtkWidget *
make_text_block (const char *heading,
                 const char *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_box_append (GTK_BOX (box), make_wrapped_label (heading, "caption-heading"));
  gtk_box_append (GTK_BOX (box), make_wrapped_label (text, NULL));

  return box;
}

static GtkWidget *
make_answer_button (const char *label,
                    const char *tooltip,
                    const char *action_name,
                    const char *variant_id)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", variant_id);

  return button;
}

static GtkWidget *
build_conflict_row (HdChangesWindow       *self,
                    const HdRemoteVariant *conflict)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon = gtk_image_new_from_icon_name (hd_channel_kind_icon_name (
                                                    conflict->channel_kind));
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  const char *platform = hd_channel_kind_to_label (conflict->channel_kind);
  const char *channel = *conflict->channel_name != '\0' ? conflict->channel_name : platform;
  gboolean edited = conflict->conflict == HD_CONFLICT_EDITED;
  g_autofree char *title = NULL;
  g_autofree char *note = NULL;
  GtkWidget *heading;

  /* TRANSLATORS: a channel's name and what happened to a post there */
  title = g_strdup_printf (edited ? _("%s · edited there") : _("%s · deleted there"), channel);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_add_css_class (outer, "hd-change-row");

  gtk_widget_set_tooltip_text (icon, platform);
  gtk_box_append (GTK_BOX (line), icon);
  heading = make_wrapped_label (title, "heading");
  gtk_widget_set_hexpand (heading, TRUE);
  gtk_box_append (GTK_BOX (line), heading);
  gtk_box_append (GTK_BOX (outer), line);

  if (edited)
    {
      /* TRANSLATORS: %s is the platform, as in "On Mastodon now" */
      g_autofree char *theirs = g_strdup_printf (_("On %s now"), platform);

      gtk_box_append (GTK_BOX (outer), make_text_block (theirs, conflict->remote_text));
      gtk_box_append (GTK_BOX (outer), make_text_block (_("In Herald"), conflict->text));
      /* Where Herald cannot edit, it replaces: say what Keep mine really does. */
      if (hd_provider_kind_can_edit (conflict->channel_kind))
        note = g_strdup_printf (_("Keep mine edits the post on %s back to your text."),
                                platform);
      else
        note = g_strdup_printf (_("Herald can’t edit a post on %s: Keep mine posts your text "
                                  "again and removes theirs."), platform);
    }
  else
    {
      gtk_box_append (GTK_BOX (outer), make_text_block (_("In Herald"), conflict->text));
      note = g_strdup (_("Keep mine posts it again. Take theirs leaves it off this channel."));
    }
  gtk_box_append (GTK_BOX (outer), make_wrapped_label (note, "dim-label"));
  gtk_widget_add_css_class (gtk_widget_get_last_child (outer), "caption");

  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (buttons),
                  make_answer_button (_("_Take theirs"),
                                      edited ? _("Make the platform’s text Herald’s text")
                                             : _("Leave the post off this channel"),
                                      "changes.take-theirs", conflict->variant_id));
  gtk_box_append (GTK_BOX (buttons),
                  make_answer_button (_("_Keep mine"),
                                      edited ? _("Post Herald’s text again in place of theirs")
                                             : _("Post it again on this channel"),
                                      "changes.keep-mine", conflict->variant_id));
  gtk_widget_add_css_class (gtk_widget_get_last_child (buttons), "suggested-action");
  gtk_box_append (GTK_BOX (outer), buttons);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), outer);
  g_hash_table_insert (self->conflict_rows, g_strdup (conflict->variant_id), row);

  return row;
}

/* A campaign, ad set or ad whose budget, status, name or end was changed in Ads Manager. */
static GtkWidget *
build_ad_conflict_row (HdChangesWindow    *self,
                       const HdAdConflict *conflict)
{
  GtkWidget *row = adw_preferences_row_new ();
  g_autofree char *sentence = hd_ad_conflict_describe (self->store, conflict);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sentence);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row),
                              hd_ad_conflict_build_answer (self->store, conflict,
                                                           "changes.keep-mine-ad",
                                                           "changes.take-theirs-ad"));

  return row;
}

static GtkWidget *
build_conflicts_group (HdChangesWindow *self)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GPtrArray) ad_conflicts = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *group;

  if (self->store == NULL)
    return NULL;

  conflicts = hd_store_list_conflicts (self->store, &error);
  if (conflicts != NULL)
    ad_conflicts = hd_store_list_ad_conflicts (self->store, &error);
  if (conflicts == NULL || ad_conflicts == NULL)
    {
      show_error (self, error->message);
      return NULL;
    }
  if (conflicts->len == 0 && ad_conflicts->len == 0)
    return NULL;

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Conflicts"));
  if (ad_conflicts->len == 0)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                           _("These posts were changed on the platform itself. "
                                             "Choose which version stays."));
  else if (conflicts->len == 0)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                           _("These were changed in Meta’s Ads Manager. Choose "
                                             "which version stays."));
  else
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                           _("These were changed outside Herald, on the "
                                             "platform itself. Choose which version stays."));
  for (guint i = 0; i < conflicts->len; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               build_conflict_row (self, g_ptr_array_index (conflicts, i)));
  for (guint i = 0; i < ad_conflicts->len; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               build_ad_conflict_row (self, g_ptr_array_index (ad_conflicts, i)));

  return group;
}

static void
keep_mine_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  HdChangesWindow *self = HD_CHANGES_WINDOW (widget);
  const char *variant_id = g_variant_get_string (parameter, NULL);
  g_autoptr(HdRemoteVariant) conflict = NULL;
  g_autoptr(GError) error = NULL;

  conflict = hd_store_load_remote_variant (self->store, variant_id, &error);
  if (conflict == NULL ||
      !hd_store_keep_mine (self->store, variant_id,
                           hd_provider_kind_can_edit (conflict->channel_kind), &error))
    {
      show_error (self, error->message);
      return;
    }

  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (_("Your version goes out with the next send")));
  hd_application_send_now (self->application);
}

static void
take_theirs_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  HdChangesWindow *self = HD_CHANGES_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!hd_store_take_theirs (self->store, g_variant_get_string (parameter, NULL), &error))
    {
      show_error (self, error->message);
      return;
    }

  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (_("The platform’s version is now Herald’s")));
}

static void
keep_mine_ad_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  HdChangesWindow *self = HD_CHANGES_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  const char *kind;
  const char *id;

  g_variant_get (parameter, "(&s&s)", &kind, &id);
  if (!hd_store_keep_mine_ad_object (self->store, kind, id, &error))
    {
      show_error (self, error->message);
      return;
    }

  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (_("Your values go to Meta with the next send")));
  hd_application_send_now (self->application);
}

static void
take_theirs_ad_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  HdChangesWindow *self = HD_CHANGES_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  const char *kind;
  const char *id;

  g_variant_get (parameter, "(&s&s)", &kind, &id);
  if (!hd_store_take_theirs_ad_object (self->store, kind, id, &error))
    {
      show_error (self, error->message);
      return;
    }

  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (_("The values in Ads Manager are now Herald’s")));
}

/* The changes that went in the last Send, which are no longer waiting. */
static GtkWidget *
build_results_group (HdChangesWindow *self,
                     GHashTable      *listed)
{
  GtkWidget *group = NULL;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->results);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      SendResult *result = value;
      GtkWidget *row;

      if (g_hash_table_contains (listed, result->change_id))
        continue;

      if (group == NULL)
        {
          group = adw_preferences_group_new ();
          adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Sent"));
        }

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), result->excerpt);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), result->sentence);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("emblem-ok-symbolic"));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }

  return group;
}

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static void
rebuild (HdChangesWindow *self)
{
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  GtkWidget *group = NULL;
  GtkWidget *results;
  GtkWidget *conflicts;
  const char *channel_id = NULL;

  g_hash_table_remove_all (self->problem_labels);
  g_hash_table_remove_all (self->rows);
  g_hash_table_remove_all (self->conflict_rows);
  clear_box (self->groups_box);

  /* First: they need the user, and nothing is sent over them until answered. */
  conflicts = build_conflicts_group (self);
  if (conflicts != NULL)
    gtk_box_append (self->groups_box, conflicts);

  if (self->store == NULL)
    changes = g_ptr_array_new ();
  else
    changes = hd_store_describe_changes (self->store, &error);
  if (changes == NULL)
    {
      show_error (self, error->message);
      return;
    }

  for (guint i = 0; i < changes->len; i++)
    g_hash_table_add (listed, ((HdChangeSummary *) g_ptr_array_index (changes, i))->change_id);

  results = build_results_group (self, listed);
  if (results != NULL)
    gtk_box_append (self->groups_box, results);

  for (guint i = 0; i < changes->len; i++)
    {
      const HdChangeSummary *change = g_ptr_array_index (changes, i);

      if (group == NULL || g_strcmp0 (channel_id, change->channel_id) != 0)
        {
          group = start_group (change);
          channel_id = change->channel_id;
          gtk_box_append (self->groups_box, group);
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), build_change_row (self, change));
    }

  self->n_changes = changes->len;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "changes.check", changes->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "changes.send",
                                 changes->len > 0 && self->sender != NULL &&
                                 !hd_application_get_sending (self->application));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "changes.export", changes->len > 0);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "review") != 0)
    gtk_stack_set_visible_child_name (self->stack,
                                      changes->len > 0 || results != NULL || conflicts != NULL
                                      ? "list" : "empty");
}

static void
on_store_changed (HdChangesWindow *self,
                  const char      *family)
{
  if (g_strcmp0 (family, HD_STORE_FAMILY_OUTBOX) == 0 ||
      g_strcmp0 (family, HD_STORE_FAMILY_POSTS) == 0 ||
      g_strcmp0 (family, HD_STORE_FAMILY_CHANNELS) == 0 ||
      g_strcmp0 (family, HD_STORE_FAMILY_CAMPAIGNS) == 0 ||
      g_strcmp0 (family, HD_STORE_FAMILY_AD_SETS) == 0 ||
      g_strcmp0 (family, HD_STORE_FAMILY_ADS) == 0)
    rebuild (self);
}

/* Check */

static void
check_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  HdChangesWindow *self = HD_CHANGES_WINDOW (widget);
  g_autoptr(GHashTable) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n_changes;

  if (self->store == NULL)
    return;

  problems = hd_changes_check (self->store, hd_application_get_http (self->application), NULL,
                               g_get_real_time () / G_USEC_PER_SEC, &error);
  if (problems == NULL)
    {
      show_error (self, error->message);
      return;
    }

  g_clear_pointer (&self->problems, g_hash_table_unref);
  self->problems = g_steal_pointer (&problems);
  rebuild (self);

  n_changes = g_hash_table_size (self->problems);
  if (n_changes == 0)
    message = g_strdup (_("Every change is ready to send"));
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change has a problem to fix",
                                            "%u changes have a problem to fix", n_changes),
                               n_changes);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/* Send */

static void
update_sending (HdChangesWindow *self)
{
  gboolean sending = hd_application_get_sending (self->application);

  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), sending);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "changes.send",
                                 !sending && self->n_changes > 0 && self->sender != NULL);
  if (!sending)
    gtk_progress_bar_set_fraction (self->progress_bar, 0);
}

static void
on_item_done (HdChangesWindow  *self,
              const HdSendItem *item,
              guint             n_done,
              guint             n_total)
{
  SendResult *result = g_new0 (SendResult, 1);

  result->change_id = g_strdup (item->change_id);
  result->excerpt = g_strdup (item->excerpt);
  result->channel_name = g_strdup (item->channel_name);
  result->outcome = item->outcome;
  result->sentence = g_strdup (item->sentence);
  g_hash_table_replace (self->results, g_strdup (item->change_id), result);

  if (n_total > 0)
    gtk_progress_bar_set_fraction (self->progress_bar, (double) n_done / n_total);

  rebuild (self);
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HdChangesWindow *self = HD_CHANGES_WINDOW (widget);

  g_hash_table_remove_all (self->results);
  if (!hd_application_send_now (self->application))
    show_error (self, _("Nothing can be sent right now: this computer is offline, or a send "
                        "is already running."));
  rebuild (self);
}

/* Row actions */

static void
on_undo_clicked (HdChangesWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->discarded == NULL)
    return;

  if (!hd_store_undo_discard (self->store, self->discarded, &error))
    show_error (self, error->message);
  g_clear_pointer (&self->discarded, hd_discarded_change_free);
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
}

static void
on_undo_toast_dismissed (HdChangesWindow *self,
                         AdwToast        *toast)
{
  if (self->undo_toast != toast)
    return;

  /* The offer is gone; the change stays discarded. */
  self->undo_toast = NULL;
  g_clear_pointer (&self->discarded, hd_discarded_change_free);
}

static void
undo_discard_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  on_undo_clicked (HD_CHANGES_WINDOW (widget));
}

static void
discard_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  HdChangesWindow *self = HD_CHANGES_WINDOW (widget);
  const char *change_id = g_variant_get_string (parameter, NULL);
  g_autoptr(HdChangeSummary) change = NULL;
  g_autoptr(GError) error = NULL;
  HdDiscardedChange *discarded = NULL;
  AdwToast *toast;

  change = hd_store_describe_change (self->store, change_id, &error);
  if (change == NULL || !hd_store_discard_change (self->store, change_id, &discarded, &error))
    {
      show_error (self, error->message);
      return;
    }

  /* Only the last discard can be undone: an older offer goes before it could undo the wrong
   * one. */
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  g_clear_pointer (&self->discarded, hd_discarded_change_free);
  self->discarded = discarded;

  toast = adw_toast_new (change->kind == HD_CHANGE_KIND_REMOVED
                         ? _("Removal discarded: the post stays on the channel")
                         : _("Change discarded: the post is kept as a draft"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "changes.undo-discard");
  adw_toast_set_timeout (toast, UNDO_TIMEOUT);
  self->undo_toast = toast;
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_undo_toast_dismissed), self,
                           G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  HdChangesWindow *self = HD_CHANGES_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  g_hash_table_remove (self->results, g_variant_get_string (parameter, NULL));
  if (!hd_store_retry_change (self->store, g_variant_get_string (parameter, NULL), &error))
    show_error (self, error->message);
  else
    hd_application_send_now (self->application);
}

static void
send_missed_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  HdChangesWindow *self = HD_CHANGES_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!hd_store_send_missed_now (self->store, g_variant_get_string (parameter, NULL), &error))
    show_error (self, error->message);
  else
    hd_application_send_now (self->application);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HdChangesWindow *self = HD_CHANGES_WINDOW (widget);
  g_autoptr(HdChangeSummary) change = NULL;
  g_autoptr(GError) error = NULL;

  change = hd_store_describe_change (self->store, g_variant_get_string (parameter, NULL), &error);
  if (change == NULL)
    {
      show_error (self, error->message);
      return;
    }

  /* Campaigns, ad sets and ads are edited on the Campaigns page. */
  if (change->post_id == NULL)
    g_action_group_activate_action (G_ACTION_GROUP (self->application), "show-page",
                                    g_variant_new_string ("campaigns"));
  else
    g_action_group_activate_action (G_ACTION_GROUP (self->application), "edit-post",
                                    g_variant_new_string (change->post_id));
}

/* Export */

static void
on_export_response (HdChangesWindow      *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n_changes = 0;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;

  if (!hd_change_set_export_to_file (self->store, NULL, file, &n_changes, NULL, &error))
    {
      show_error (self, error->message);
      return;
    }

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change exported",
                                          "%u changes exported", n_changes),
                             n_changes);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static GtkFileFilter *
make_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Herald change files"));
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_filter_add_mime_type (filter, "application/json");

  return filter;
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HdChangesWindow *self = HD_CHANGES_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = make_filter ();

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Export Changes"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                               _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser),
                                     _("herald-changes.json"));
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_export_response), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Import and review */

static GtkWidget *
build_review_row (HdChangesWindow *self,
                  guint            index)
{
  const HdIncomingChange *change = hd_change_set_get_change (self->review_set, index);
  g_autoptr(HdChannel) channel = hd_change_set_find_channel (self->review_set, index,
                                                             self->store);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title;
  GtkWidget *decision;

  subtitle = g_strdup_printf ("%s · %s", hd_channel_kind_to_label (change->channel_kind),
                              change->channel_handle != NULL ? change->channel_handle : "");
  if (change->scheduled_at != 0)
    {
      g_autoptr(GTimeZone) zone = NULL;
      g_autofree char *date = NULL;
      g_autofree char *time = NULL;
      char *with_time;

      if (change->time_zone != NULL)
        zone = g_time_zone_new_identifier (change->time_zone);
      if (zone == NULL)
        zone = g_time_zone_new_local ();
      date = hd_format_date (change->scheduled_at, zone);
      time = hd_format_time (change->scheduled_at, zone);
      with_time = g_strdup_printf ("%s · %s %s", subtitle, date, time);
      g_free (subtitle);
      subtitle = with_time;
    }

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (outer, "hd-change-row");

  gtk_box_append (GTK_BOX (line), make_badge (change->kind));
  title = make_wrapped_label (*change->excerpt != '\0' ? change->excerpt : _("A post"), NULL);
  gtk_label_set_lines (GTK_LABEL (title), 2);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (texts), title);
  gtk_box_append (GTK_BOX (texts), make_wrapped_label (subtitle, "dim-label"));
  gtk_widget_add_css_class (gtk_widget_get_last_child (texts), "caption");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (line), texts);
  gtk_box_append (GTK_BOX (outer), line);

  /* The decision sits on a line of its own so a narrow window keeps the text readable. */
  if (channel == NULL)
    {
      decision = make_wrapped_label (_("Not connected here"), "dim-label");
      gtk_widget_set_halign (decision, GTK_ALIGN_END);
    }
  else if (self->review_decisions[index] == REVIEW_ACCEPTED)
    {
      decision = gtk_label_new (_("Accepted"));
      gtk_widget_add_css_class (decision, "success");
      gtk_widget_set_halign (decision, GTK_ALIGN_END);
    }
  else if (self->review_decisions[index] == REVIEW_REJECTED)
    {
      decision = gtk_label_new (_("Rejected"));
      gtk_widget_add_css_class (decision, "dim-label");
      gtk_widget_set_halign (decision, GTK_ALIGN_END);
    }
  else
    {
      GtkWidget *accept = gtk_button_new_with_mnemonic (_("_Accept"));
      GtkWidget *reject = gtk_button_new_with_mnemonic (_("_Reject"));

      decision = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_widget_set_halign (decision, GTK_ALIGN_END);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (reject), "changes.reject");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (reject), "u", index);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (accept), "changes.accept");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (accept), "u", index);
      gtk_widget_add_css_class (accept, "suggested-action");
      gtk_box_append (GTK_BOX (decision), reject);
      gtk_box_append (GTK_BOX (decision), accept);
    }
  gtk_box_append (GTK_BOX (outer), decision);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), outer);

  return row;
}

static void
rebuild_review (HdChangesWindow *self)
{
  GtkWidget *child;
  gboolean undecided = FALSE;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->review_list))) != NULL)
    gtk_list_box_remove (self->review_list, child);

  if (self->review_set == NULL)
    return;

  for (guint i = 0; i < hd_change_set_get_n_changes (self->review_set); i++)
    {
      g_autoptr(HdChannel) channel = hd_change_set_find_channel (self->review_set, i,
                                                                 self->store);

      gtk_list_box_append (self->review_list, build_review_row (self, i));
      undecided |= channel != NULL && self->review_decisions[i] == REVIEW_UNDECIDED;
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "changes.accept-all", undecided);
}

static gboolean
accept_one (HdChangesWindow *self,
            guint            index)
{
  g_autoptr(GError) error = NULL;

  if (!hd_change_set_accept (self->review_set, index, self->store, &error))
    {
      show_error (self, error->message);
      return FALSE;
    }

  self->review_decisions[index] = REVIEW_ACCEPTED;

  return TRUE;
}

static void
accept_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HdChangesWindow *self = HD_CHANGES_WINDOW (widget);
  guint index = g_variant_get_uint32 (parameter);

  if (self->review_set == NULL || index >= hd_change_set_get_n_changes (self->review_set))
    return;

  accept_one (self, index);
  rebuild_review (self);
}

static void
reject_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HdChangesWindow *self = HD_CHANGES_WINDOW (widget);
  guint index = g_variant_get_uint32 (parameter);

  if (self->review_set == NULL || index >= hd_change_set_get_n_changes (self->review_set))
    return;

  self->review_decisions[index] = REVIEW_REJECTED;
  rebuild_review (self);
}

static void
accept_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  HdChangesWindow *self = HD_CHANGES_WINDOW (widget);

  if (self->review_set == NULL)
    return;

  for (guint i = 0; i < hd_change_set_get_n_changes (self->review_set); i++)
    {
      g_autoptr(HdChannel) channel = hd_change_set_find_channel (self->review_set, i,
                                                                 self->store);

      if (channel != NULL && self->review_decisions[i] == REVIEW_UNDECIDED)
        accept_one (self, i);
    }

  rebuild_review (self);
}

static void
close_review (HdChangesWindow *self)
{
  g_clear_object (&self->review_set);
  g_clear_pointer (&self->review_decisions, g_free);
  rebuild_review (self);
  gtk_stack_set_visible_child_name (self->stack, "list");
  rebuild (self);
}

static void
close_review_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  close_review (HD_CHANGES_WINDOW (widget));
}

void
hd_changes_window_review_file (HdChangesWindow *self,
                               GFile           *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdChangeSet) set = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  g_return_if_fail (HD_IS_CHANGES_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  set = hd_change_set_load (file, NULL, &error);
  if (set == NULL)
    {
      show_error (self, error->message);
      return;
    }

  g_clear_object (&self->review_set);
  g_free (self->review_decisions);
  self->review_set = g_steal_pointer (&set);
  self->review_decisions = g_new0 (ReviewDecision,
                                   MAX (hd_change_set_get_n_changes (self->review_set), 1));

  name = g_file_get_basename (file);
  /* TRANSLATORS: %s is the name of a change file */
  title = g_strdup_printf (_("Changes in “%s”"), name);
  gtk_label_set_label (self->review_title, title);

  rebuild_review (self);
  gtk_stack_set_visible_child_name (self->stack, "review");
}

static void
on_import_response (HdChangesWindow      *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);

  if (file != NULL)
    hd_changes_window_review_file (self, file);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HdChangesWindow *self = HD_CHANGES_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = make_filter ();

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Import Changes"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                                               _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_import_response), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Public */

const char *
hd_changes_window_get_page (HdChangesWindow *self)
{
  g_return_val_if_fail (HD_IS_CHANGES_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

GtkWidget *
hd_changes_window_find_conflict_row (HdChangesWindow *self,
                                     const char      *variant_id)
{
  g_return_val_if_fail (HD_IS_CHANGES_WINDOW (self), NULL);

  return g_hash_table_lookup (self->conflict_rows, variant_id);
}

GtkWidget *
hd_changes_window_find_row (HdChangesWindow *self,
                            const char      *change_id)
{
  g_return_val_if_fail (HD_IS_CHANGES_WINDOW (self), NULL);

  return g_hash_table_lookup (self->rows, change_id);
}

const char *
hd_changes_window_get_problems (HdChangesWindow *self,
                                const char      *change_id)
{
  GtkWidget *label;

  g_return_val_if_fail (HD_IS_CHANGES_WINDOW (self), NULL);

  label = g_hash_table_lookup (self->problem_labels, change_id);
  if (label == NULL || !gtk_widget_get_visible (label))
    return NULL;

  return gtk_label_get_label (GTK_LABEL (label));
}

static void
hd_changes_window_dispose (GObject *object)
{
  HdChangesWindow *self = HD_CHANGES_WINDOW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->store);
  g_clear_object (&self->sender);
  g_clear_object (&self->review_set);

  gtk_widget_dispose_template (GTK_WIDGET (object), HD_TYPE_CHANGES_WINDOW);

  G_OBJECT_CLASS (hd_changes_window_parent_class)->dispose (object);
}

static void
hd_changes_window_finalize (GObject *object)
{
  HdChangesWindow *self = HD_CHANGES_WINDOW (object);

  g_clear_pointer (&self->problems, g_hash_table_unref);
  g_clear_pointer (&self->results, g_hash_table_unref);
  g_clear_pointer (&self->problem_labels, g_hash_table_unref);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->conflict_rows, g_hash_table_unref);
  g_clear_pointer (&self->discarded, hd_discarded_change_free);
  g_clear_pointer (&self->review_decisions, g_free);

  G_OBJECT_CLASS (hd_changes_window_parent_class)->finalize (object);
}

static void
hd_changes_window_class_init (HdChangesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_changes_window_dispose;
  object_class->finalize = hd_changes_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/heraldapp/Herald/changes/"
                                               "hd-changes-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HdChangesWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HdChangesWindow, check_button);
  gtk_widget_class_bind_template_child (widget_class, HdChangesWindow, send_button);
  gtk_widget_class_bind_template_child (widget_class, HdChangesWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, HdChangesWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, HdChangesWindow, groups_box);
  gtk_widget_class_bind_template_child (widget_class, HdChangesWindow, review_title);
  gtk_widget_class_bind_template_child (widget_class, HdChangesWindow, review_list);
  gtk_widget_class_bind_template_child (widget_class, HdChangesWindow, accept_all_button);

  gtk_widget_class_install_action (widget_class, "changes.check", NULL, check_action);
  gtk_widget_class_install_action (widget_class, "changes.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "changes.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "changes.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "changes.discard", "s", discard_action);
  gtk_widget_class_install_action (widget_class, "changes.undo-discard", NULL,
                                   undo_discard_action);
  gtk_widget_class_install_action (widget_class, "changes.retry", "s", retry_action);
  gtk_widget_class_install_action (widget_class, "changes.send-missed", "s",
                                   send_missed_action);
  gtk_widget_class_install_action (widget_class, "changes.edit", "s", edit_action);
  gtk_widget_class_install_action (widget_class, "changes.keep-mine", "s", keep_mine_action);
  gtk_widget_class_install_action (widget_class, "changes.take-theirs", "s",
                                   take_theirs_action);
  gtk_widget_class_install_action (widget_class, "changes.keep-mine-ad", "(ss)",
                                   keep_mine_ad_action);
  gtk_widget_class_install_action (widget_class, "changes.take-theirs-ad", "(ss)",
                                   take_theirs_ad_action);
  gtk_widget_class_install_action (widget_class, "changes.accept", "u", accept_action);
  gtk_widget_class_install_action (widget_class, "changes.reject", "u", reject_action);
  gtk_widget_class_install_action (widget_class, "changes.accept-all", NULL, accept_all_action);
  gtk_widget_class_install_action (widget_class, "changes.close-review", NULL,
                                   close_review_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK,
                                       "changes.check", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "changes.send", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "changes.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "changes.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
hd_changes_window_init (HdChangesWindow *self)
{
  static gsize css_loaded = 0;

  gtk_widget_init_template (GTK_WIDGET (self));
  hd_window_close_popovers_when_hidden (GTK_WINDOW (self));

  self->problems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_ptr_array_unref);
  self->results = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, send_result_free);
  self->problem_labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->conflict_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (g_once_init_enter (&css_loaded))
    {
      g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

      gtk_css_provider_load_from_resource (provider,
                                           "/io/github/heraldapp/Herald/changes/hd-changes.css");
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      g_once_init_leave (&css_loaded, 1);
    }
}

HdChangesWindow *
hd_changes_window_new (HdApplication *application,
                       GtkWindow     *parent)
{
  HdChangesWindow *self;

  g_return_val_if_fail (HD_IS_APPLICATION (application), NULL);

  self = g_object_new (HD_TYPE_CHANGES_WINDOW,
                       "application", application,
                       "transient-for", parent,
                       NULL);
  self->application = application;
  self->store = hd_application_get_store (application) != NULL
                ? g_object_ref (hd_application_get_store (application)) : NULL;
  if (hd_application_get_sender (application) != NULL)
    self->sender = g_object_ref (hd_application_get_sender (application));

  if (self->store != NULL)
    g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed), self,
                             G_CONNECT_SWAPPED);
  if (self->sender != NULL)
    g_signal_connect_object (self->sender, "item-done", G_CALLBACK (on_item_done), self,
                             G_CONNECT_SWAPPED);
  /* Campaigns, ad sets and ads go after the posts, and report the same way. */
  if (hd_application_get_ads_sender (application) != NULL)
    g_signal_connect_object (hd_application_get_ads_sender (application), "item-done",
                             G_CALLBACK (on_item_done), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (application, "notify::sending", G_CALLBACK (update_sending), self,
                           G_CONNECT_SWAPPED);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "changes.accept-all", FALSE);
  update_sending (self);
  rebuild (self);

  return self;
}
