/* hd-posting-times-dialog.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-channels"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "hd-queue-slots.h"
#include "hd-store-queue.h"
#include "channels/hd-posting-times-dialog.h"
#include "widgets/hd-toast.h"
#include "widgets/hd-popovers.h"

struct _HdPostingTimesDialog
{
  AdwWindow parent_instance;

  /* template widgets */
  AdwWindowTitle *window_title;
  GtkBox         *days_box;
  GtkListBox     *times_list;
  GtkLabel       *summary_label;
  GtkWidget      *save_button;

  /* owned references */
  HdStore        *store;
  HdChannel      *channel;
  char           *summary;

  /* borrowed: the day buttons, Monday first */
  GtkToggleButton *days[7];
};

G_DEFINE_FINAL_TYPE (HdPostingTimesDialog, hd_posting_times_dialog, ADW_TYPE_WINDOW)

static gboolean
parse_time (const char *text,
            int        *hour,
            int        *minute)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  char *end = NULL;
  long h;
  long m = 0;

  if (*trimmed == '\0' || !g_ascii_isdigit (*trimmed))
    return FALSE;

  h = strtol (trimmed, &end, 10);
  if (*end == ':' || *end == '.')
    {
      const char *minutes = end + 1;

      if (!g_ascii_isdigit (minutes[0]) || !g_ascii_isdigit (minutes[1]))
        return FALSE;
      m = strtol (minutes, &end, 10);
    }
  if (*end != '\0' || h < 0 || h > 23 || m < 0 || m > 59)
    return FALSE;

  *hour = h;
  *minute = m;
  return TRUE;
}

static GPtrArray *
list_time_entries (HdPostingTimesDialog *self)
{
  GPtrArray *entries = g_ptr_array_new ();

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->times_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *entry = g_object_get_data (G_OBJECT (row), "hd-entry");

      if (entry != NULL)
        g_ptr_array_add (entries, entry);
    }

  return entries;
}

/* The slots the dialog describes, or NULL while a time cannot be read. */
static GArray *
collect_slots (HdPostingTimesDialog *self)
{
  g_autoptr(GPtrArray) entries = list_time_entries (self);
  g_autoptr(GArray) slots = g_array_new (FALSE, FALSE, sizeof (HdQueueSlot));
  gboolean readable = TRUE;

  for (guint i = 0; i < entries->len; i++)
    {
      GtkWidget *entry = g_ptr_array_index (entries, i);
      const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
      int hour, minute;

      if (*text == '\0')
        {
          gtk_widget_remove_css_class (entry, "error");
          continue;
        }

      if (!parse_time (text, &hour, &minute))
        {
          gtk_widget_add_css_class (entry, "error");
          readable = FALSE;
          continue;
        }
      gtk_widget_remove_css_class (entry, "error");

      for (guint d = 0; d < 7; d++)
        if (gtk_toggle_button_get_active (self->days[d]))
          {
            HdQueueSlot slot = { d + G_DATE_MONDAY, hour, minute };

            g_array_append_val (slots, slot);
          }
    }

  return readable ? g_steal_pointer (&slots) : NULL;
}

static void
update_summary (HdPostingTimesDialog *self)
{
  g_autoptr(GArray) slots = collect_slots (self);
  g_autofree char *label = NULL;

  g_clear_pointer (&self->summary, g_free);

  if (slots == NULL)
    {
      label = g_strdup (_("Write each time as hours and minutes, such as 09:30."));
      gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "error");
    }
  else
    {
      self->summary = hd_queue_slots_format ((HdQueueSlot *) slots->data, slots->len);
      gtk_widget_remove_css_class (GTK_WIDGET (self->summary_label), "error");
      if (*self->summary == '\0')
        label = g_strdup (_("No posting times: “Add to queue” cannot use this channel."));
      else
        /* TRANSLATORS: %s is the weekly times, such as "Mon–Fri 09:30 and 13:00" */
        label = g_strdup_printf (_("Posts go out %s."), self->summary);
    }

  gtk_label_set_label (self->summary_label, label);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "posting-times.save", slots != NULL);
}

static void
on_remove_time_clicked (GtkButton            *button,
                        HdPostingTimesDialog *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);

  gtk_list_box_remove (self->times_list, row);
  update_summary (self);
}

static GtkWidget *
add_time_row (HdPostingTimesDialog *self,
              const char           *text)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);

  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("09:30"));
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_DIGITS);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 6);
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Time"),
                                  -1);
  g_signal_connect_object (entry, "changed", G_CALLBACK (update_summary), self,
                           G_CONNECT_SWAPPED);

  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, _("Remove this time"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove this time"),
                                  -1);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (on_remove_time_clicked), self, 0);

  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), remove);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "hd-entry", entry);
  gtk_list_box_append (self->times_list, row);

  return entry;
}

guint
hd_posting_times_dialog_get_days (HdPostingTimesDialog *self)
{
  guint days = 0;

  g_return_val_if_fail (HD_IS_POSTING_TIMES_DIALOG (self), 0);

  for (guint d = 0; d < 7; d++)
    if (gtk_toggle_button_get_active (self->days[d]))
      days |= 1u << (d + G_DATE_MONDAY);

  return days;
}

void
hd_posting_times_dialog_set_days (HdPostingTimesDialog *self,
                                  guint                 days)
{
  g_return_if_fail (HD_IS_POSTING_TIMES_DIALOG (self));

  for (guint d = 0; d < 7; d++)
    gtk_toggle_button_set_active (self->days[d], (days & (1u << (d + G_DATE_MONDAY))) != 0);
  update_summary (self);
}

GStrv
hd_posting_times_dialog_dup_times (HdPostingTimesDialog *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (HD_IS_POSTING_TIMES_DIALOG (self), NULL);

  entries = list_time_entries (self);
  for (guint i = 0; i < entries->len; i++)
    g_strv_builder_add (builder, gtk_editable_get_text (g_ptr_array_index (entries, i)));

  return g_strv_builder_end (builder);
}

void
hd_posting_times_dialog_set_times (HdPostingTimesDialog *self,
                                   const char * const   *times)
{
  GtkWidget *row;

  g_return_if_fail (HD_IS_POSTING_TIMES_DIALOG (self));

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->times_list))) != NULL)
    gtk_list_box_remove (self->times_list, row);

  for (guint i = 0; times != NULL && times[i] != NULL; i++)
    add_time_row (self, times[i]);
  update_summary (self);
}

const char *
hd_posting_times_dialog_get_summary (HdPostingTimesDialog *self)
{
  g_return_val_if_fail (HD_IS_POSTING_TIMES_DIALOG (self), NULL);

  return self->summary;
}

static int
compare_minutes (gconstpointer a,
                 gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

/* The editor is a grid of days by times; slots saved elsewhere as different times on
 * different days are shown as every one of their days and times. */
static void
load_slots (HdPostingTimesDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = hd_store_get_queue_slots (self->store,
                                                    hd_channel_get_id (self->channel), &error);
  g_autoptr(GArray) slots = NULL;
  g_autoptr(GArray) minutes = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GPtrArray) times = g_ptr_array_new_with_free_func (g_free);
  guint days = 0;

  if (text != NULL && *text != '\0')
    slots = hd_queue_slots_parse (text, &error);

  if (slots == NULL || slots->len == 0)
    {
      /* A useful start: weekday mornings. */
      const char *start[] = { "09:30", NULL };

      hd_posting_times_dialog_set_times (self, start);
      hd_posting_times_dialog_set_days (self, 0x3e);
      return;
    }

  for (guint i = 0; i < slots->len; i++)
    {
      HdQueueSlot *slot = &g_array_index (slots, HdQueueSlot, i);
      int minute = slot->hour * 60 + slot->minute;
      gboolean known = FALSE;

      days |= 1u << slot->weekday;
      for (guint j = 0; j < minutes->len && !known; j++)
        known = g_array_index (minutes, int, j) == minute;
      if (!known)
        g_array_append_val (minutes, minute);
    }

  g_array_sort (minutes, compare_minutes);
  for (guint i = 0; i < minutes->len; i++)
    {
      int minute = g_array_index (minutes, int, i);

      g_ptr_array_add (times, g_strdup_printf ("%02d:%02d", minute / 60, minute % 60));
    }
  g_ptr_array_add (times, NULL);

  hd_posting_times_dialog_set_times (self, (const char * const *) times->pdata);
  hd_posting_times_dialog_set_days (self, days);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HdPostingTimesDialog *self = HD_POSTING_TIMES_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  update_summary (self);
  if (self->summary == NULL)
    return;

  if (!hd_store_set_queue_slots (self->store, hd_channel_get_id (self->channel), self->summary,
                                 &error))
    {
      gtk_label_set_label (self->summary_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "error");
      return;
    }

  if (*self->summary == '\0')
    /* TRANSLATORS: %s is the account's name */
    message = g_strdup_printf (_("%s has no posting times now"),
                               hd_channel_get_display_name (self->channel));
  else
    /* TRANSLATORS: %s is the account's name, then its weekly times */
    message = g_strdup_printf (_("%s posts %s"), hd_channel_get_display_name (self->channel),
                               self->summary);
  hd_toast_show (widget, hd_toast_new_plain (message));

  gtk_window_destroy (GTK_WINDOW (self));
}

static void
add_time_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  HdPostingTimesDialog *self = HD_POSTING_TIMES_DIALOG (widget);
  GtkWidget *entry = add_time_row (self, NULL);

  gtk_widget_grab_focus (entry);
  update_summary (self);
}

GtkWidget *
hd_posting_times_dialog_new (GtkWindow *parent,
                             HdStore   *store,
                             HdChannel *channel)
{
  HdPostingTimesDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (HD_IS_STORE (store), NULL);
  g_return_val_if_fail (HD_IS_CHANNEL (channel), NULL);

  self = g_object_new (HD_TYPE_POSTING_TIMES_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  self->channel = g_object_ref (channel);
  adw_window_title_set_subtitle (self->window_title, hd_channel_get_display_name (channel));
  load_slots (self);

  return GTK_WIDGET (self);
}

static void
hd_posting_times_dialog_finalize (GObject *object)
{
  HdPostingTimesDialog *self = HD_POSTING_TIMES_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->channel);
  g_free (self->summary);

  G_OBJECT_CLASS (hd_posting_times_dialog_parent_class)->finalize (object);
}

static void
hd_posting_times_dialog_class_init (HdPostingTimesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = hd_posting_times_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/heraldapp/Herald"
                                               "/channels/hd-posting-times-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, HdPostingTimesDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, HdPostingTimesDialog, days_box);
  gtk_widget_class_bind_template_child (widget_class, HdPostingTimesDialog, times_list);
  gtk_widget_class_bind_template_child (widget_class, HdPostingTimesDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, HdPostingTimesDialog, save_button);

  gtk_widget_class_install_action (widget_class, "posting-times.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "posting-times.add-time", NULL,
                                   add_time_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "posting-times.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK,
                                       "posting-times.add-time", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
hd_posting_times_dialog_init (HdPostingTimesDialog *self)
{
  /* TRANSLATORS: short weekday names on the posting times' day buttons */
  const char *short_names[] = { N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"),
                                N_("Sat"), N_("Sun") };
  const char *long_names[] = { N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"),
                               N_("Friday"), N_("Saturday"), N_("Sunday") };

  gtk_widget_init_template (GTK_WIDGET (self));
  hd_window_close_popovers_when_hidden (GTK_WINDOW (self));

  for (guint d = 0; d < 7; d++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (_(short_names[d]));

      gtk_widget_set_tooltip_text (button, _(long_names[d]));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _(long_names[d]),
                                      -1);
      g_signal_connect_object (button, "toggled", G_CALLBACK (update_summary), self,
                               G_CONNECT_SWAPPED);
      gtk_box_append (self->days_box, button);
      self->days[d] = GTK_TOGGLE_BUTTON (button);
    }
}
