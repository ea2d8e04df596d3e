/* hd-import-dialog.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-transfer"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "hd-store-import.h"
#include "transfer/hd-import-dialog.h"
#include "widgets/hd-toast.h"
#include "widgets/hd-popovers.h"

struct _HdImportDialog
{
  AdwWindow parent_instance;

  /* template widgets */
  AdwWindowTitle *window_title;
  GtkWidget      *cancel_button;
  GtkWidget      *import_button;
  GtkStack       *stack;
  AdwStatusPage  *unreadable_page;
  GtkLabel       *summary_label;
  GtkLabel       *explanation_label;
  GtkLabel       *error_label;
  GtkWidget      *problems_scroller;
  GtkListView    *problems_view;
  GtkWidget      *all_good_page;

  /* owned references */
  HdStore        *store;
  HdImportReport *report;
  GtkStringList  *problems;
  char           *problem;
  char           *summary;
};

G_DEFINE_FINAL_TYPE (HdImportDialog, hd_import_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

HdImportReport *
hd_import_dialog_get_report (HdImportDialog *self)
{
  g_return_val_if_fail (HD_IS_IMPORT_DIALOG (self), NULL);

  return self->report;
}

const char *
hd_import_dialog_get_problem (HdImportDialog *self)
{
  g_return_val_if_fail (HD_IS_IMPORT_DIALOG (self), NULL);

  return self->problem;
}

const char *
hd_import_dialog_get_summary (HdImportDialog *self)
{
  g_return_val_if_fail (HD_IS_IMPORT_DIALOG (self), NULL);

  return self->summary;
}

GStrv
hd_import_dialog_dup_problems (HdImportDialog *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n;

  g_return_val_if_fail (HD_IS_IMPORT_DIALOG (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->problems));
  for (guint i = 0; i < n; i++)
    g_strv_builder_add (builder, gtk_string_list_get_string (self->problems, i));

  return g_strv_builder_end (builder);
}

static void
setup_problem (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *line = gtk_label_new (NULL);
  GtkWidget *reason = gtk_label_new (NULL);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "hd-card");
  gtk_label_set_xalign (GTK_LABEL (line), 0);
  gtk_widget_add_css_class (line, "heading");
  gtk_label_set_xalign (GTK_LABEL (reason), 0);
  gtk_label_set_wrap (GTK_LABEL (reason), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (reason), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (card), line);
  gtk_box_append (GTK_BOX (card), reason);
  g_object_set_data (G_OBJECT (card), "hd-line", line);
  g_object_set_data (G_OBJECT (card), "hd-reason", reason);

  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_child (item, card);
}

static void
bind_problem (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *card = gtk_list_item_get_child (item);
  const char *text = gtk_string_object_get_string (gtk_list_item_get_item (item));
  const char *colon = strstr (text, ": ");
  g_autofree char *line = colon != NULL ? g_strndup (text, colon - text) : g_strdup (text);

  gtk_label_set_label (g_object_get_data (G_OBJECT (card), "hd-line"), line);
  gtk_label_set_label (g_object_get_data (G_OBJECT (card), "hd-reason"),
                       colon != NULL ? colon + 2 : "");
}

static void
show_unreadable (HdImportDialog *self,
                 const GError   *error)
{
  self->problem = g_strdup (error->message);
  adw_status_page_set_description (self->unreadable_page, NULL);
  {
    g_autofree char *escaped = g_markup_escape_text (error->message, -1);
    g_autofree char *description = g_strdup_printf (_("%s\n\nNothing was imported."), escaped);

    adw_status_page_set_description (self->unreadable_page, description);
  }
  gtk_stack_set_visible_child_name (self->stack, "unreadable");
  gtk_widget_set_visible (self->import_button, FALSE);
  gtk_button_set_label (GTK_BUTTON (self->cancel_button), _("_Close"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.accept", FALSE);
}

static void
show_report (HdImportDialog *self)
{
  guint n_valid = hd_import_report_get_n_valid (self->report);
  guint n_invalid = hd_import_report_get_n_invalid (self->report);
  guint n_rows = hd_import_report_get_n_rows (self->report);
  g_autofree char *ready = NULL;
  g_autofree char *button = NULL;
  const char *explanation;

  for (guint i = 0; i < n_rows; i++)
    {
      const char *reason = NULL;
      gboolean valid = FALSE;
      guint line = 0;

      hd_import_report_get_row (self->report, i, &line, &valid, &reason, NULL, NULL);
      if (!valid)
        {
          /* TRANSLATORS: a bad row of a CSV file: the line it starts on, then the reason */
          g_autofree char *text = g_strdup_printf (_("Line %u: %s"), line,
                                                   reason != NULL ? reason : "");

          gtk_string_list_append (self->problems, text);
        }
    }

  ready = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u post ready to import",
                                        "%u posts ready to import", n_valid),
                           n_valid);
  if (n_invalid > 0)
    {
      g_autofree char *bad = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "%u row has problems",
                                                           "%u rows have problems", n_invalid),
                                              n_invalid);

      /* TRANSLATORS: "214 posts ready to import" and "3 rows have problems" */
      self->summary = g_strdup_printf (_("%s, %s"), ready, bad);
    }
  else
    {
      self->summary = g_steal_pointer (&ready);
    }
  gtk_label_set_label (self->summary_label, self->summary);

  if (n_rows == 0)
    explanation = _("The file has its column names but no rows of posts.");
  else if (n_invalid == 0)
    explanation = _("Posts dated in the future are scheduled; the others become drafts. "
                    "Nothing is written until you import.");
  else if (n_valid == 0)
    explanation = _("No row can be imported as it is. Fix these rows in the file and open it "
                    "again.");
  else
    explanation = _("Rows with problems are left out. Import the others now, or fix these rows "
                    "in the file and open it again. Nothing is written until you import.");
  gtk_label_set_label (self->explanation_label, explanation);

  gtk_widget_set_visible (self->problems_scroller, n_invalid > 0);
  gtk_widget_set_visible (self->all_good_page, n_invalid == 0 && n_rows > 0);

  button = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Import %u post",
                                         "_Import %u posts", n_valid),
                            n_valid);
  gtk_button_set_label (GTK_BUTTON (self->import_button), button);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.accept", n_valid > 0);
  gtk_stack_set_visible_child_name (self->stack, "report");
}

static void
accept_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HdImportDialog *self = HD_IMPORT_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n_imported = 0;

  if (self->report == NULL || hd_import_report_get_n_valid (self->report) == 0)
    return;

  if (!hd_store_import_csv (self->store, self->report, &n_imported, &error))
    {
      /* All or nothing: the store is as it was, and the report stays to try again. */
      g_autofree char *text = g_strdup_printf (_("Nothing was imported: %s"), error->message);

      gtk_label_set_label (self->error_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u post",
                                          "Imported %u posts", n_imported),
                             n_imported);
  hd_toast_show (widget, hd_toast_new_plain (message));
  g_signal_emit (self, signals[IMPORTED], 0, n_imported);
  gtk_window_destroy (GTK_WINDOW (self));
}

HdImportDialog *
hd_import_dialog_new (GtkWindow  *parent,
                      HdStore    *store,
                      GFile      *file,
                      const char *default_zone)
{
  HdImportDialog *self;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (HD_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (HD_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);

  name = g_file_get_basename (file);
  adw_window_title_set_subtitle (self->window_title, name);

  if (!hd_store_check_csv_file (store, file, default_zone, &self->report, &error))
    show_unreadable (self, error);
  else
    show_report (self);

  return self;
}

static void
hd_import_dialog_finalize (GObject *object)
{
  HdImportDialog *self = HD_IMPORT_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->report);
  g_clear_object (&self->problems);
  g_free (self->problem);
  g_free (self->summary);

  G_OBJECT_CLASS (hd_import_dialog_parent_class)->finalize (object);
}

static void
hd_import_dialog_class_init (HdImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = hd_import_dialog_finalize;

  /**
   * HdImportDialog::imported:
   * @n_posts: how many posts were written
   */
  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/heraldapp/Herald"
                                               "/transfer/hd-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, HdImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, HdImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, HdImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, HdImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, HdImportDialog, unreadable_page);
  gtk_widget_class_bind_template_child (widget_class, HdImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, HdImportDialog, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, HdImportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, HdImportDialog, problems_scroller);
  gtk_widget_class_bind_template_child (widget_class, HdImportDialog, problems_view);
  gtk_widget_class_bind_template_child (widget_class, HdImportDialog, all_good_page);

  gtk_widget_class_install_action (widget_class, "import.accept", NULL, accept_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "import.accept", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
hd_import_dialog_init (HdImportDialog *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  hd_window_close_popovers_when_hidden (GTK_WINDOW (self));

  self->problems = gtk_string_list_new (NULL);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->problems)));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_problem), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_problem), NULL);
  gtk_list_view_set_factory (self->problems_view, factory);
  gtk_list_view_set_model (self->problems_view, GTK_SELECTION_MODEL (selection));
}
