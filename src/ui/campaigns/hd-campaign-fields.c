/* hd-campaign-fields.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-campaigns"

#include "config.h"

#include <glib/gi18n.h>

#include "campaigns/hd-campaign-fields.h"

struct _HdCampaignFields
{
  /* field name → its problem row (borrowed: the group holds it) */
  GHashTable *problem_rows;
  /* field name → the row the user fixes it in (borrowed) */
  GHashTable *field_rows;
  GPtrArray  *rows;
};

HdCampaignFields *
hd_campaign_fields_new (void)
{
  HdCampaignFields *fields = g_new0 (HdCampaignFields, 1);

  fields->problem_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fields->field_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fields->rows = g_ptr_array_new ();

  return fields;
}

void
hd_campaign_fields_free (HdCampaignFields *fields)
{
  if (fields == NULL)
    return;

  g_hash_table_unref (fields->problem_rows);
  g_hash_table_unref (fields->field_rows);
  g_ptr_array_unref (fields->rows);
  g_free (fields);
}

GtkWidget *
hd_campaign_problem_row_new (void)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  gtk_widget_add_css_class (row, "hd-problem");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Problem"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_widget_set_visible (row, FALSE);

  return row;
}

void
hd_campaign_fields_add (HdCampaignFields    *fields,
                        AdwPreferencesGroup *group,
                        GtkWidget           *row,
                        const char * const  *field_names)
{
  GtkWidget *problem_row = hd_campaign_problem_row_new ();

  if (row != NULL)
    adw_preferences_group_add (group, row);
  adw_preferences_group_add (group, problem_row);
  g_ptr_array_add (fields->rows, problem_row);

  for (guint i = 0; field_names != NULL && field_names[i] != NULL; i++)
    {
      g_hash_table_replace (fields->problem_rows, g_strdup (field_names[i]), problem_row);
      if (row != NULL)
        g_hash_table_replace (fields->field_rows, g_strdup (field_names[i]), row);
    }
}

void
hd_campaign_fields_add_general (HdCampaignFields    *fields,
                                AdwPreferencesGroup *group)
{
  GtkWidget *problem_row = hd_campaign_problem_row_new ();

  adw_preferences_group_add (group, problem_row);
  g_ptr_array_add (fields->rows, problem_row);
  g_hash_table_replace (fields->problem_rows, g_strdup (""), problem_row);
}

void
hd_campaign_fields_clear (HdCampaignFields *fields)
{
  GHashTableIter iter;
  gpointer row;

  for (guint i = 0; i < fields->rows->len; i++)
    {
      GtkWidget *problem_row = g_ptr_array_index (fields->rows, i);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (problem_row), "");
      gtk_widget_set_visible (problem_row, FALSE);
    }

  g_hash_table_iter_init (&iter, fields->field_rows);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    gtk_widget_remove_css_class (row, "error");
}

gboolean
hd_campaign_fields_show (HdCampaignFields *fields,
                         const char       *field,
                         const char       *sentence)
{
  GtkWidget *problem_row = NULL;
  GtkWidget *row = NULL;
  const char *shown;
  g_autofree char *text = NULL;

  if (field != NULL)
    {
      problem_row = g_hash_table_lookup (fields->problem_rows, field);
      row = g_hash_table_lookup (fields->field_rows, field);
    }
  if (problem_row == NULL)
    problem_row = g_hash_table_lookup (fields->problem_rows, "");
  if (problem_row == NULL)
    return FALSE;

  shown = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (problem_row));
  if (gtk_widget_get_visible (problem_row) && shown != NULL && *shown != '\0')
    text = g_strconcat (shown, "\n", sentence, NULL);
  else
    text = g_strdup (sentence);

  /* Sentences from Check are plain text; the row title is markup by default. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (problem_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (problem_row), text);
  gtk_widget_set_visible (problem_row, TRUE);
  if (row != NULL)
    gtk_widget_add_css_class (row, "error");

  return TRUE;
}

const char *
hd_campaign_fields_get_shown (HdCampaignFields *fields,
                              const char       *field)
{
  GtkWidget *problem_row = g_hash_table_lookup (fields->problem_rows, field != NULL ? field
                                                                                   : "");

  if (problem_row == NULL || !gtk_widget_get_visible (problem_row))
    return NULL;

  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (problem_row));
}

/* Choices */

GtkWidget *
hd_campaign_choice_new (const char         *title,
                        const char * const *labels,
                        const char * const *values)
{
  GtkWidget *row = adw_combo_row_new ();
  GtkStringList *list = gtk_string_list_new (NULL);
  GPtrArray *stored = g_ptr_array_new_with_free_func (g_free);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  g_object_set_data_full (G_OBJECT (row), "hd-values", stored,
                          (GDestroyNotify) g_ptr_array_unref);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (list));
  g_object_unref (list);

  for (guint i = 0; labels != NULL && labels[i] != NULL; i++)
    hd_campaign_choice_append (row, labels[i], values[i]);

  return row;
}

void
hd_campaign_choice_append (GtkWidget  *row,
                           const char *label,
                           const char *value)
{
  GPtrArray *stored = g_object_get_data (G_OBJECT (row), "hd-values");
  GtkStringList *list = GTK_STRING_LIST (adw_combo_row_get_model (ADW_COMBO_ROW (row)));

  g_ptr_array_add (stored, g_strdup (value));
  gtk_string_list_append (list, label);
}

const char *
hd_campaign_choice_get (GtkWidget *row)
{
  GPtrArray *stored = g_object_get_data (G_OBJECT (row), "hd-values");
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (row));

  if (stored == NULL || selected >= stored->len)
    return NULL;

  return g_ptr_array_index (stored, selected);
}

void
hd_campaign_choice_set (GtkWidget  *row,
                        const char *value)
{
  GPtrArray *stored = g_object_get_data (G_OBJECT (row), "hd-values");

  for (guint i = 0; i < stored->len; i++)
    if (g_strcmp0 (g_ptr_array_index (stored, i), value) == 0)
      {
        adw_combo_row_set_selected (ADW_COMBO_ROW (row), i);
        return;
      }

  /* A value from elsewhere (an import, Ads Manager) stays as it is rather than vanish. */
  hd_campaign_choice_append (row, value, value);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), stored->len - 1);
}
