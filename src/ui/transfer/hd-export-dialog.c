/* hd-export-dialog.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-transfer"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "hd-store-import.h"
#include "hd-store-posts.h"
#include "transfer/hd-export-dialog.h"
#include "widgets/hd-toast.h"

struct _HdExportDialog
{
  AdwMessageDialog parent_instance;

  /* owned references */
  HdStore         *store;
  GFile           *file;
  char            *shown_label;
  GtkFileChooserNative *chooser;

  /* borrowed references */
  GtkCheckButton  *ics_button;
  GtkCheckButton  *csv_button;
  GtkCheckButton  *everything_button;
  GtkCheckButton  *shown_button;
  GtkWindow       *parent;  /* owned */

  gint64           shown_from;
  gint64           shown_to;
  /* what was chosen, kept for the file chooser's answer after the dialog has gone */
  HdExportFormat   chosen_format;
  gboolean         chosen_only_shown;
};

G_DEFINE_FINAL_TYPE (HdExportDialog, hd_export_dialog, ADW_TYPE_MESSAGE_DIALOG)

static guint
count_events (const char *ics)
{
  guint n = 0;

  for (const char *p = ics; (p = strstr (p, "BEGIN:VEVENT")) != NULL; p++)
    n++;

  return n;
}

gboolean
hd_export_write_file (HdStore         *store,
                      HdExportFormat   format,
                      gint64           from,
                      gint64           to,
                      GFile           *file,
                      guint           *n_posts,
                      GError         **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = 0;

  g_return_val_if_fail (HD_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (format == HD_EXPORT_FORMAT_ICS)
    {
      g_autofree char *ics = hd_store_export_ics (store, from, to,
                                                  g_get_real_time () / G_USEC_PER_SEC, error);

      if (ics == NULL)
        return FALSE;
      n = count_events (ics);
      g_string_append (text, ics);
    }
  else
    {
      g_autoptr(GListModel) posts = hd_store_list_posts (store, from, to, error);

      if (posts == NULL || !hd_store_export_csv (store, from, to, text, error))
        return FALSE;
      n = g_list_model_get_n_items (posts);
    }

  if (!g_file_replace_contents (file, text->str, text->len, NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_prefix_error (error, _("Could not write %s: "), name);
      return FALSE;
    }

  if (n_posts != NULL)
    *n_posts = n;
  return TRUE;
}

HdExportFormat
hd_export_dialog_get_format (HdExportDialog *self)
{
  g_return_val_if_fail (HD_IS_EXPORT_DIALOG (self), HD_EXPORT_FORMAT_ICS);

  return gtk_check_button_get_active (self->csv_button) ? HD_EXPORT_FORMAT_CSV
                                                         : HD_EXPORT_FORMAT_ICS;
}

void
hd_export_dialog_set_format (HdExportDialog *self,
                             HdExportFormat  format)
{
  g_return_if_fail (HD_IS_EXPORT_DIALOG (self));

  gtk_check_button_set_active (format == HD_EXPORT_FORMAT_CSV ? self->csv_button
                                                              : self->ics_button, TRUE);
}

gboolean
hd_export_dialog_get_only_shown (HdExportDialog *self)
{
  g_return_val_if_fail (HD_IS_EXPORT_DIALOG (self), FALSE);

  return gtk_check_button_get_active (self->shown_button);
}

void
hd_export_dialog_set_only_shown (HdExportDialog *self,
                                 gboolean        only_shown)
{
  g_return_if_fail (HD_IS_EXPORT_DIALOG (self));

  gtk_check_button_set_active (only_shown && self->shown_label != NULL ? self->shown_button
                                                                       : self->everything_button,
                               TRUE);
}

void
hd_export_dialog_set_file (HdExportDialog *self,
                           GFile          *file)
{
  g_return_if_fail (HD_IS_EXPORT_DIALOG (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  g_set_object (&self->file, file);
}

static void
write_to (HdExportDialog *self,
          GFile          *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gboolean only_shown = self->chosen_only_shown;
  GtkWidget *near = self->parent != NULL ? GTK_WIDGET (self->parent) : GTK_WIDGET (self);
  guint n = 0;

  if (!hd_export_write_file (self->store, self->chosen_format,
                             only_shown ? self->shown_from : 0,
                             only_shown ? self->shown_to : G_MAXINT64,
                             file, &n, &error))
    {
      message = g_strdup_printf (_("Nothing was exported: %s"), error->message);
      hd_toast_show (near, hd_toast_new_plain (message));
      return;
    }

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u post",
                                          "Exported %u posts", n),
                             n);
  hd_toast_show (near, hd_toast_new_plain (message));
}

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     HdExportDialog  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        write_to (self, file);
    }

  /* Last: the chooser holds the reference that keeps this object alive. */
  g_clear_object (&self->chooser);
}

static void
hd_export_dialog_response (AdwMessageDialog *dialog,
                           const char       *response)
{
  HdExportDialog *self = HD_EXPORT_DIALOG (dialog);
  gboolean ics = hd_export_dialog_get_format (self) == HD_EXPORT_FORMAT_ICS;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (g_strcmp0 (response, "export") != 0)
    return;

  self->chosen_format = hd_export_dialog_get_format (self);
  self->chosen_only_shown = hd_export_dialog_get_only_shown (self);

  if (self->file != NULL)
    {
      write_to (self, self->file);
      return;
    }

  /* The message dialog closes after this; the object stays until the chooser answers. */
  self->chooser = gtk_file_chooser_native_new (_("Export calendar"), self->parent,
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, ics ? _("iCalendar files") : _("CSV files"));
  gtk_file_filter_add_pattern (filter, ics ? "*.ics" : "*.csv");
  gtk_file_filter_add_mime_type (filter, ics ? "text/calendar" : "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser),
                                     ics ? _("herald-calendar.ics") : _("herald-posts.csv"));
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response), self,
                           0);
  g_object_set_data_full (G_OBJECT (self->chooser), "hd-dialog", g_object_ref (self),
                          g_object_unref);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static GtkWidget *
add_choice (GtkBox         *box,
            const char     *label,
            const char     *detail,
            GtkCheckButton *group)
{
  GtkWidget *button = gtk_check_button_new ();
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *title = gtk_label_new_with_mnemonic (label);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (title), button);
  gtk_box_append (GTK_BOX (texts), title);
  if (detail != NULL)
    {
      GtkWidget *sub = gtk_label_new (detail);

      gtk_label_set_xalign (GTK_LABEL (sub), 0);
      gtk_label_set_wrap (GTK_LABEL (sub), TRUE);
      gtk_widget_add_css_class (sub, "caption");
      gtk_widget_add_css_class (sub, "dim-label");
      gtk_box_append (GTK_BOX (texts), sub);
    }
  gtk_check_button_set_child (GTK_CHECK_BUTTON (button), texts);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_text (GTK_LABEL (title)),
                                  -1);
  if (group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (button), group);
  gtk_box_append (box, button);

  return button;
}

static GtkWidget *
add_heading (GtkBox     *box,
             const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (box, label);

  return label;
}

HdExportDialog *
hd_export_dialog_new (GtkWindow  *parent,
                      HdStore    *store,
                      gint64      shown_from,
                      gint64      shown_to,
                      const char *shown_label)
{
  HdExportDialog *self;
  GtkBox *box;
  g_autofree char *only = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (HD_IS_STORE (store), NULL);

  self = g_object_new (HD_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       "heading", _("Export calendar"),
                       "body", _("Save your posts to a file that a calendar or a spreadsheet "
                                 "can open."),
                       NULL);
  self->store = g_object_ref (store);
  self->parent = parent != NULL ? g_object_ref (parent) : NULL;
  self->shown_from = shown_from;
  self->shown_to = shown_to;
  self->shown_label = g_strdup (shown_label);

  box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  add_heading (box, _("Format"));
  self->ics_button = GTK_CHECK_BUTTON (add_choice (box, _("_iCalendar (.ics)"),
                                                   _("Scheduled posts as events, for GNOME "
                                                     "Calendar or Evolution"),
                                                   NULL));
  self->csv_button = GTK_CHECK_BUTTON (add_choice (box, _("_CSV (.csv)"),
                                                   _("Every dated post, for a spreadsheet or "
                                                     "to import again"),
                                                   self->ics_button));
  gtk_widget_set_margin_top (add_heading (box, _("Posts")), 12);
  self->everything_button = GTK_CHECK_BUTTON (add_choice (box, _("E_verything"), NULL, NULL));
  /* TRANSLATORS: %s is the period the calendar shows, such as "March 2026" */
  only = g_strdup_printf (_("_Only %s"), shown_label != NULL ? shown_label : "");
  self->shown_button = GTK_CHECK_BUTTON (add_choice (box, only, NULL, self->everything_button));
  gtk_widget_set_visible (GTK_WIDGET (self->shown_button), shown_label != NULL);
  gtk_check_button_set_active (self->ics_button, TRUE);
  gtk_check_button_set_active (self->everything_button, TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), GTK_WIDGET (box));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self),
                                    "cancel", _("_Cancel"),
                                    "export", _("_Export…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "export",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "export");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");

  return self;
}

static void
hd_export_dialog_finalize (GObject *object)
{
  HdExportDialog *self = HD_EXPORT_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->file);
  g_clear_object (&self->chooser);
  g_clear_object (&self->parent);
  g_free (self->shown_label);

  G_OBJECT_CLASS (hd_export_dialog_parent_class)->finalize (object);
}

static void
hd_export_dialog_class_init (HdExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->finalize = hd_export_dialog_finalize;
  dialog_class->response = hd_export_dialog_response;
}

static void
hd_export_dialog_init (HdExportDialog *self)
{
}
