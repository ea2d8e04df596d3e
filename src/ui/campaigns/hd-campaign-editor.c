/* hd-campaign-editor.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-campaigns"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "hd-ad-account.h"
#include "hd-ads-check.h"
#include "hd-meta-enums.h"
#include "hd-store-ads-sync.h"
#include "hd-store-audiences.h"
#include "hd-store-campaigns.h"
#include "campaigns/hd-campaign-editor.h"
#include "campaigns/hd-campaign-fields.h"
#include "changes/hd-ad-conflict-text.h"
#include "widgets/hd-toast.h"

struct _HdCampaignEditor
{
  AdwBin parent_instance;

  /* template widgets */
  GtkLabel            *title_label;
  GtkWidget           *results_button;
  GtkLabel            *problem_count_label;
  GtkWidget           *check_button;
  GtkScrolledWindow   *scroller;
  GtkLabel            *status_label;
  AdwPreferencesGroup *conflicts_group;
  AdwPreferencesGroup *campaign_group;
  AdwPreferencesGroup *objective_group;
  AdwPreferencesGroup *rules_group;
  GtkBox              *ad_sets_box;

  /* built in init */
  AdwEntryRow         *name_row;
  GtkWidget           *account_row;
  GtkWidget           *category_row;
  GtkSwitch           *status_switch;
  GPtrArray           *objective_buttons;

  /* owned references */
  HdStore             *store;
  HdCampaign          *campaign;
  GPtrArray           *accounts;
  GPtrArray           *ad_set_editors;
  HdCampaignFields    *fields;
  /* "3 problems" after Check, NULL when it found none */
  char                *problem_count;

  /* borrowed references: the rows of conflicts_group */
  GPtrArray           *conflict_rows;
};

G_DEFINE_FINAL_TYPE (HdCampaignEditor, hd_campaign_editor, ADW_TYPE_BIN)

enum {
  BACK,
  SHOW_RESULTS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The six objectives Meta takes for new campaigns, each with what it is for. */
static const struct { const char *value; const char *title; const char *sentence; } objectives[] = {
  { "OUTCOME_AWARENESS", N_("Awareness"),
    N_("Show the ad to as many people as the budget allows, so they remember you.") },
  { "OUTCOME_TRAFFIC", N_("Traffic"),
    N_("Send people to your website, or to another web address.") },
  { "OUTCOME_ENGAGEMENT", N_("Engagement"),
    N_("Get more likes, comments, shares and messages on your posts and Page.") },
  { "OUTCOME_LEADS", N_("Leads"),
    N_("Collect names and contact details from people interested in your business.") },
  { "OUTCOME_APP_PROMOTION", N_("App promotion"),
    N_("Get people to install your app, or to use it again.") },
  { "OUTCOME_SALES", N_("Sales"),
    N_("Find people likely to buy from your shop or website.") },
};

static const struct { const char *value; const char *label; } categories[] = {
  { "CREDIT", N_("Credit") },
  { "EMPLOYMENT", N_("Employment") },
  { "HOUSING", N_("Housing") },
  { "FINANCIAL_PRODUCTS_SERVICES", N_("Financial products and services") },
  { "ISSUES_ELECTIONS_POLITICS", N_("Social issues, elections or politics") },
  { "ONLINE_GAMBLING_AND_GAMING", N_("Online gambling and gaming") },
};

static void
set_status (HdCampaignEditor *self,
            const char       *text)
{
  gtk_label_set_label (self->status_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL);
}

static HdAdAccount *
find_account (HdCampaignEditor *self,
              const char       *account_id)
{
  for (guint i = 0; self->accounts != NULL && i < self->accounts->len; i++)
    {
      HdAdAccount *account = g_ptr_array_index (self->accounts, i);

      if (g_strcmp0 (hd_ad_account_get_id (account), account_id) == 0)
        return account;
    }

  return NULL;
}

static HdAdAccount *
chosen_account (HdCampaignEditor *self)
{
  return find_account (self, hd_campaign_choice_get (self->account_row));
}

static void
on_account_selected (HdCampaignEditor *self)
{
  HdAdAccount *account = chosen_account (self);

  for (guint i = 0; i < self->ad_set_editors->len; i++)
    hd_ad_set_editor_set_account (g_ptr_array_index (self->ad_set_editors, i), account);
}

static void
update_title (HdCampaignEditor *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));

  gtk_label_set_label (self->title_label, name != NULL && *name != '\0' ? name
                                                                        : _("New campaign"));
}

static void
fill_accounts (HdCampaignEditor *self)
{
  g_autoptr(GListModel) accounts = NULL;
  g_autoptr(GError) error = NULL;
  GtkStringList *list = gtk_string_list_new (NULL);

  g_object_set_data_full (G_OBJECT (self->account_row), "hd-values",
                          g_ptr_array_new_with_free_func (g_free),
                          (GDestroyNotify) g_ptr_array_unref);
  adw_combo_row_set_model (ADW_COMBO_ROW (self->account_row), G_LIST_MODEL (list));
  g_object_unref (list);
  g_clear_pointer (&self->accounts, g_ptr_array_unref);
  self->accounts = g_ptr_array_new_with_free_func (g_object_unref);

  hd_campaign_choice_append (self->account_row, _("Choose an ad account"), NULL);
  if (self->store == NULL)
    return;

  accounts = hd_store_list_ad_accounts (self->store, NULL, &error);
  if (accounts == NULL)
    {
      g_warning ("Could not list ad accounts: %s", error->message);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      HdAdAccount *account = g_list_model_get_item (accounts, i);
      /* TRANSLATORS: an ad account in the list, "Bakery ads (GBP)" */
      g_autofree char *label = g_strdup_printf (_("%s (%s)"), hd_ad_account_get_name (account),
                                                hd_ad_account_get_currency (account));

      g_ptr_array_add (self->accounts, account);
      hd_campaign_choice_append (self->account_row, label, hd_ad_account_get_id (account));
    }
}

static char *
read_category (HdCampaign *campaign)
{
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;

  if (hd_campaign_get_special_ad_categories (campaign) == NULL
      || (root = json_from_string (hd_campaign_get_special_ad_categories (campaign), NULL))
         == NULL
      || !JSON_NODE_HOLDS_ARRAY (root))
    return NULL;

  array = json_node_get_array (root);
  /* [] says "none of these" as well as ["NONE"] does. */
  if (json_array_get_length (array) == 0)
    return g_strdup ("NONE");

  return g_strdup (json_array_get_string_element (array, 0));
}

static const char *
chosen_objective (HdCampaignEditor *self)
{
  for (guint i = 0; i < self->objective_buttons->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->objective_buttons, i)))
      return g_object_get_data (g_ptr_array_index (self->objective_buttons, i), "hd-value");

  return NULL;
}

static void
add_ad_set_editor (HdCampaignEditor *self,
                   HdAdSet          *ad_set,
                   GPtrArray        *ads)
{
  GtkWidget *editor = hd_ad_set_editor_new (self->store, ad_set, ads);

  hd_ad_set_editor_set_account (HD_AD_SET_EDITOR (editor), chosen_account (self));
  g_ptr_array_add (self->ad_set_editors, editor);
  gtk_box_append (self->ad_sets_box, editor);
}

static void
remove_ad_set_editors (HdCampaignEditor *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->ad_sets_box))) != NULL)
    gtk_box_remove (self->ad_sets_box, child);
  g_ptr_array_set_size (self->ad_set_editors, 0);
}

/* Conflicts: what was changed in Ads Manager on this campaign, its ad sets and its ads */

static GHashTable *
collect_object_ids (HdCampaignEditor *self)
{
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GListModel) ad_sets = NULL;

  g_hash_table_add (ids, g_strdup (hd_campaign_get_id (self->campaign)));
  ad_sets = hd_store_list_ad_sets (self->store, hd_campaign_get_id (self->campaign), NULL);
  for (guint i = 0; ad_sets != NULL && i < g_list_model_get_n_items (ad_sets); i++)
    {
      g_autoptr(HdAdSet) ad_set = g_list_model_get_item (ad_sets, i);
      g_autoptr(GListModel) ads = hd_store_list_ads (self->store, hd_ad_set_get_id (ad_set),
                                                     NULL);

      g_hash_table_add (ids, g_strdup (hd_ad_set_get_id (ad_set)));
      for (guint j = 0; ads != NULL && j < g_list_model_get_n_items (ads); j++)
        {
          g_autoptr(HdAd) ad = g_list_model_get_item (ads, j);

          g_hash_table_add (ids, g_strdup (hd_ad_get_id (ad)));
        }
    }

  return ids;
}

static void
show_conflicts (HdCampaignEditor *self)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GHashTable) ids = NULL;

  for (guint i = 0; i < self->conflict_rows->len; i++)
    adw_preferences_group_remove (self->conflicts_group,
                                  g_ptr_array_index (self->conflict_rows, i));
  g_ptr_array_set_size (self->conflict_rows, 0);

  if (self->store != NULL && self->campaign != NULL)
    conflicts = hd_store_list_ad_conflicts (self->store, NULL);
  if (conflicts != NULL && conflicts->len > 0)
    ids = collect_object_ids (self);

  for (guint i = 0; conflicts != NULL && i < conflicts->len; i++)
    {
      HdAdConflict *conflict = g_ptr_array_index (conflicts, i);
      g_autofree char *sentence = NULL;
      GtkWidget *row;

      if (!g_hash_table_contains (ids, conflict->id))
        continue;

      sentence = hd_ad_conflict_describe (self->store, conflict);
      row = adw_preferences_row_new ();
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sentence);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row),
                                  hd_ad_conflict_build_answer (self->store, conflict,
                                                               "editor.keep-mine-ad",
                                                               "editor.take-theirs-ad"));
      adw_preferences_group_add (self->conflicts_group, row);
      g_ptr_array_add (self->conflict_rows, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->conflicts_group), self->conflict_rows->len > 0);
}

static void
on_store_changed (HdCampaignEditor *self,
                  const char       *family)
{
  if (g_strcmp0 (family, HD_STORE_FAMILY_CAMPAIGNS) == 0 ||
      g_strcmp0 (family, HD_STORE_FAMILY_AD_SETS) == 0 ||
      g_strcmp0 (family, HD_STORE_FAMILY_ADS) == 0)
    show_conflicts (self);
}

static void
load_ad_sets (HdCampaignEditor *self)
{
  g_autoptr(GListModel) ad_sets = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store != NULL)
    ad_sets = hd_store_list_ad_sets (self->store, hd_campaign_get_id (self->campaign), &error);
  if (ad_sets == NULL && error != NULL)
    g_warning ("Could not list ad sets: %s", error->message);

  for (guint i = 0; ad_sets != NULL && i < g_list_model_get_n_items (ad_sets); i++)
    {
      g_autoptr(HdAdSet) ad_set = g_list_model_get_item (ad_sets, i);
      g_autoptr(GListModel) ads = hd_store_list_ads (self->store, hd_ad_set_get_id (ad_set),
                                                     NULL);
      g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint j = 0; ads != NULL && j < g_list_model_get_n_items (ads); j++)
        g_ptr_array_add (list, g_list_model_get_item (ads, j));
      add_ad_set_editor (self, ad_set, list);
    }

  /* One ad set is the common case: it is there to fill in from the start. */
  if (self->ad_set_editors->len == 0)
    hd_campaign_editor_add_ad_set (self);
}

GtkWidget *
hd_campaign_editor_new (void)
{
  return g_object_new (HD_TYPE_CAMPAIGN_EDITOR, NULL);
}

void
hd_campaign_editor_set_store (HdCampaignEditor *self,
                              HdStore          *store)
{
  g_return_if_fail (HD_IS_CAMPAIGN_EDITOR (self));

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self,
                             G_CONNECT_SWAPPED);
}

void
hd_campaign_editor_edit (HdCampaignEditor *self,
                         HdCampaign       *campaign)
{
  g_autofree char *category = NULL;
  gboolean fresh = campaign == NULL;

  g_return_if_fail (HD_IS_CAMPAIGN_EDITOR (self));

  g_clear_object (&self->campaign);
  if (campaign != NULL)
    self->campaign = g_object_ref (campaign);
  else
    {
      self->campaign = hd_campaign_new ();
      /* New objects wait paused until the owner turns them on. */
      hd_campaign_set_status (self->campaign, HD_AD_STATUS_PAUSED);
    }

  remove_ad_set_editors (self);
  hd_campaign_fields_clear (self->fields);
  gtk_widget_set_visible (GTK_WIDGET (self->problem_count_label), FALSE);
  g_clear_pointer (&self->problem_count, g_free);
  set_status (self, NULL);

  fill_accounts (self);
  hd_campaign_choice_set (self->account_row, hd_campaign_get_account_id (self->campaign));
  /* With one account there is nothing to choose. */
  if (fresh && self->accounts->len == 1)
    adw_combo_row_set_selected (ADW_COMBO_ROW (self->account_row), 1);

  gtk_editable_set_text (GTK_EDITABLE (self->name_row),
                         hd_campaign_get_name (self->campaign) != NULL
                         ? hd_campaign_get_name (self->campaign) : "");
  hd_campaign_editor_set_objective (self, hd_campaign_get_objective (self->campaign));
  /* Meta requires the answer, so a new campaign asks for it rather than assume none. */
  category = fresh ? NULL : read_category (self->campaign);
  hd_campaign_choice_set (self->category_row, category);
  gtk_switch_set_active (self->status_switch,
                         hd_campaign_get_status (self->campaign) == HD_AD_STATUS_ACTIVE);

  load_ad_sets (self);
  show_conflicts (self);
  update_title (self);
  gtk_widget_set_visible (self->results_button, !fresh);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

HdCampaign *
hd_campaign_editor_get_campaign (HdCampaignEditor *self)
{
  g_return_val_if_fail (HD_IS_CAMPAIGN_EDITOR (self), NULL);

  return self->campaign;
}

HdAdSetEditor *
hd_campaign_editor_add_ad_set (HdCampaignEditor *self)
{
  g_autoptr(HdAdSet) ad_set = hd_ad_set_new ();
  g_autofree char *name = NULL;

  g_return_val_if_fail (HD_IS_CAMPAIGN_EDITOR (self), NULL);

  /* TRANSLATORS: the name a new ad set starts with, "Ad set 2" */
  name = g_strdup_printf (_("Ad set %u"), self->ad_set_editors->len + 1);
  hd_ad_set_set_name (ad_set, name);
  hd_ad_set_set_campaign_id (ad_set, hd_campaign_get_id (self->campaign));
  hd_ad_set_set_status (ad_set, HD_AD_STATUS_PAUSED);
  hd_ad_set_set_budget_kind (ad_set, HD_BUDGET_KIND_DAILY);
  if (chosen_account (self) != NULL)
    {
      hd_ad_set_set_currency (ad_set, hd_ad_account_get_currency (chosen_account (self)));
      hd_ad_set_set_time_zone (ad_set, hd_ad_account_get_time_zone (chosen_account (self)));
    }
  add_ad_set_editor (self, ad_set, NULL);

  return g_ptr_array_index (self->ad_set_editors, self->ad_set_editors->len - 1);
}

guint
hd_campaign_editor_get_n_ad_sets (HdCampaignEditor *self)
{
  g_return_val_if_fail (HD_IS_CAMPAIGN_EDITOR (self), 0);

  return self->ad_set_editors->len;
}

HdAdSetEditor *
hd_campaign_editor_get_ad_set_editor (HdCampaignEditor *self,
                                      guint             index)
{
  g_return_val_if_fail (HD_IS_CAMPAIGN_EDITOR (self), NULL);
  g_return_val_if_fail (index < self->ad_set_editors->len, NULL);

  return g_ptr_array_index (self->ad_set_editors, index);
}

/* Everything the rows hold goes into the objects, as Check and Save need them. */
static gboolean
apply (HdCampaignEditor  *self,
       GError           **error)
{
  g_autofree char *name = NULL;
  const char *category = hd_campaign_choice_get (self->category_row);
  HdAdAccount *account = chosen_account (self);
  HdAdStatus status = gtk_switch_get_active (self->status_switch) ? HD_AD_STATUS_ACTIVE
                                                                  : HD_AD_STATUS_PAUSED;
  gboolean ok = TRUE;

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  hd_campaign_set_name (self->campaign, *name != '\0' ? name : NULL);
  hd_campaign_set_account_id (self->campaign, account != NULL ? hd_ad_account_get_id (account)
                                                              : NULL);
  if (account != NULL)
    hd_campaign_set_ad_account_id (self->campaign, hd_ad_account_get_remote_id (account));
  hd_campaign_set_objective (self->campaign, chosen_objective (self));
  if (category != NULL)
    {
      g_autofree char *json = g_strdup_printf ("[\"%s\"]", category);

      hd_campaign_set_special_ad_categories (self->campaign, json);
    }
  else
    {
      hd_campaign_set_special_ad_categories (self->campaign, NULL);
    }
  hd_campaign_set_status (self->campaign, status);

  for (guint i = 0; i < self->ad_set_editors->len; i++)
    {
      g_autoptr(GError) local_error = NULL;

      if (!hd_ad_set_editor_apply (g_ptr_array_index (self->ad_set_editors, i),
                                   hd_campaign_get_id (self->campaign), status, &local_error)
          && ok)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          ok = FALSE;
        }
    }

  return ok;
}

static HdAudience *
lookup_audience (const char *audience_id,
                 gpointer    user_data)
{
  HdCampaignEditor *self = user_data;

  if (self->store == NULL || audience_id == NULL)
    return NULL;

  return hd_store_load_audience (self->store, audience_id, NULL);
}

static void
collect (HdCampaignEditor *self,
         GPtrArray        *ad_sets,
         GPtrArray        *ads)
{
  for (guint i = 0; i < self->ad_set_editors->len; i++)
    {
      HdAdSetEditor *editor = g_ptr_array_index (self->ad_set_editors, i);
      GPtrArray *editor_ads = hd_ad_set_editor_get_ads (editor);

      g_ptr_array_add (ad_sets, hd_ad_set_editor_get_ad_set (editor));
      for (guint j = 0; j < editor_ads->len; j++)
        g_ptr_array_add (ads, g_ptr_array_index (editor_ads, j));
    }
}

static void
show_problem (HdCampaignEditor *self,
              HdAdsProblem     *problem)
{
  for (guint i = 0; i < self->ad_set_editors->len; i++)
    if (hd_ad_set_editor_show_problem (g_ptr_array_index (self->ad_set_editors, i), problem))
      return;

  /* The campaign's own problems, and any that has no row of its own. */
  hd_campaign_fields_show (self->fields,
                           problem->subject == HD_ADS_SUBJECT_CAMPAIGN ? problem->field : NULL,
                           problem->sentence);
}

guint
hd_campaign_editor_check (HdCampaignEditor *self)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                                  hd_ads_problem_free);
  g_autoptr(GPtrArray) ad_sets = g_ptr_array_new ();
  g_autoptr(GPtrArray) ads = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;

  g_return_val_if_fail (HD_IS_CAMPAIGN_EDITOR (self), 0);

  hd_campaign_fields_clear (self->fields);
  for (guint i = 0; i < self->ad_set_editors->len; i++)
    hd_ad_set_editor_clear_problems (g_ptr_array_index (self->ad_set_editors, i));

  if (!apply (self, &error))
    set_status (self, error->message);
  else
    set_status (self, NULL);

  collect (self, ad_sets, ads);
  hd_ads_check_campaign (chosen_account (self), self->campaign, ad_sets, ads, lookup_audience,
                         self, g_get_real_time () / G_USEC_PER_SEC, problems);

  for (guint i = 0; i < problems->len; i++)
    show_problem (self, g_ptr_array_index (problems, i));

  if (problems->len > 0)
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u problem", "%u problems",
                                          problems->len), problems->len);
  /* The header has room for the number alone at 360 px; the sentence goes to the button's
   * accessible name. */
  {
    g_autofree char *number = g_strdup_printf ("%u", problems->len);

    gtk_label_set_label (self->problem_count_label, number);
  }
  gtk_widget_set_visible (GTK_WIDGET (self->problem_count_label), count != NULL);
  g_free (self->problem_count);
  self->problem_count = g_steal_pointer (&count);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->check_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->problem_count != NULL ? self->problem_count : _("Check"),
                                  -1);

  return problems->len;
}

gboolean
hd_campaign_editor_save (HdCampaignEditor  *self,
                         GError           **error)
{
  gboolean queued;

  g_return_val_if_fail (HD_IS_CAMPAIGN_EDITOR (self), FALSE);

  if (self->store == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("No workspace is open to save the campaign in."));
      return FALSE;
    }

  if (!apply (self, error))
    return FALSE;

  /* Without an ad account nothing can reach Meta yet: the draft is kept, and queued once
   * it has one. */
  queued = chosen_account (self) != NULL;
  if (!(queued ? hd_store_save_campaign_queued (self->store, self->campaign, error)
               : hd_store_save_campaign (self->store, self->campaign, error)))
    return FALSE;

  for (guint i = 0; i < self->ad_set_editors->len; i++)
    {
      HdAdSetEditor *editor = g_ptr_array_index (self->ad_set_editors, i);
      HdAdSet *ad_set = hd_ad_set_editor_get_ad_set (editor);
      GPtrArray *ads = hd_ad_set_editor_get_ads (editor);

      if (!(queued ? hd_store_save_ad_set_queued (self->store, ad_set, error)
                   : hd_store_save_ad_set (self->store, ad_set, error)))
        return FALSE;

      for (guint j = 0; j < ads->len; j++)
        if (!(queued ? hd_store_save_ad_queued (self->store, g_ptr_array_index (ads, j), error)
                     : hd_store_save_ad (self->store, g_ptr_array_index (ads, j), error)))
          return FALSE;
    }

  set_status (self, queued ? NULL
                           : _("Saved as a draft. Choose an ad account to send it to Meta."));
  gtk_widget_set_visible (self->results_button, TRUE);

  return TRUE;
}

GtkEditable *
hd_campaign_editor_get_name_editable (HdCampaignEditor *self)
{
  g_return_val_if_fail (HD_IS_CAMPAIGN_EDITOR (self), NULL);

  return GTK_EDITABLE (self->name_row);
}

void
hd_campaign_editor_set_account (HdCampaignEditor *self,
                                const char       *account_id)
{
  g_return_if_fail (HD_IS_CAMPAIGN_EDITOR (self));

  hd_campaign_choice_set (self->account_row, account_id);
}

void
hd_campaign_editor_set_objective (HdCampaignEditor *self,
                                  const char       *objective)
{
  g_return_if_fail (HD_IS_CAMPAIGN_EDITOR (self));

  for (guint i = 0; i < self->objective_buttons->len; i++)
    {
      GtkCheckButton *button = g_ptr_array_index (self->objective_buttons, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (button), "hd-value"), objective) == 0)
        {
          gtk_check_button_set_active (button, TRUE);
          return;
        }
    }

  for (guint i = 0; i < self->objective_buttons->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (self->objective_buttons, i), FALSE);
}

void
hd_campaign_editor_set_special_category (HdCampaignEditor *self,
                                         const char       *category)
{
  g_return_if_fail (HD_IS_CAMPAIGN_EDITOR (self));

  hd_campaign_choice_set (self->category_row, category);
}

void
hd_campaign_editor_set_turned_on (HdCampaignEditor *self,
                                  gboolean          turned_on)
{
  g_return_if_fail (HD_IS_CAMPAIGN_EDITOR (self));

  gtk_switch_set_active (self->status_switch, turned_on);
}

const char *
hd_campaign_editor_get_problem (HdCampaignEditor *self,
                                const char       *field)
{
  g_return_val_if_fail (HD_IS_CAMPAIGN_EDITOR (self), NULL);

  return hd_campaign_fields_get_shown (self->fields, field);
}

const char *
hd_campaign_editor_get_problem_count (HdCampaignEditor *self)
{
  g_return_val_if_fail (HD_IS_CAMPAIGN_EDITOR (self), NULL);

  return self->problem_count;
}

const char *
hd_campaign_editor_get_status (HdCampaignEditor *self)
{
  g_return_val_if_fail (HD_IS_CAMPAIGN_EDITOR (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->status_label))
         ? gtk_label_get_label (self->status_label) : NULL;
}

/* Actions */

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_signal_emit (widget, signals[BACK], 0);
}

static void
results_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  HdCampaignEditor *self = HD_CAMPAIGN_EDITOR (widget);

  g_signal_emit (self, signals[SHOW_RESULTS], 0, self->campaign);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HdCampaignEditor *self = HD_CAMPAIGN_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (!hd_campaign_editor_save (self, &error))
    {
      set_status (self, error->message);
      return;
    }

  update_title (self);
  hd_toast_show (widget, hd_toast_new_plain (chosen_account (self) != NULL
                                             ? _("Saved, and waiting in Changes")
                                             : _("Campaign saved as a draft.")));
}

static void
check_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  HdCampaignEditor *self = HD_CAMPAIGN_EDITOR (widget);

  if (hd_campaign_editor_check (self) == 0)
    hd_toast_show (widget, hd_toast_new_plain (_("Check found no problems.")));
}

static void
add_ad_set_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  HdAdSetEditor *editor = hd_campaign_editor_add_ad_set (HD_CAMPAIGN_EDITOR (widget));

  gtk_widget_grab_focus (GTK_WIDGET (hd_ad_set_editor_get_editable (editor, "name")));
}

static void
keep_mine_ad_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  HdCampaignEditor *self = HD_CAMPAIGN_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  const char *kind;
  const char *id;

  g_variant_get (parameter, "(&s&s)", &kind, &id);
  if (!hd_store_keep_mine_ad_object (self->store, kind, id, &error))
    {
      set_status (self, error->message);
      return;
    }

  hd_toast_show (widget, hd_toast_new_plain (_("Your values go to Meta with the next send")));
}

static void
take_theirs_ad_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  HdCampaignEditor *self = HD_CAMPAIGN_EDITOR (widget);
  g_autoptr(HdCampaign) campaign = NULL;
  g_autoptr(GError) error = NULL;
  const char *kind;
  const char *id;

  g_variant_get (parameter, "(&s&s)", &kind, &id);
  if (!hd_store_take_theirs_ad_object (self->store, kind, id, &error))
    {
      set_status (self, error->message);
      return;
    }

  /* Meta's values are in the store now: the editor shows them. */
  campaign = hd_store_load_campaign (self->store, hd_campaign_get_id (self->campaign), NULL);
  if (campaign != NULL)
    hd_campaign_editor_edit (self, campaign);
  hd_toast_show (widget,
                 hd_toast_new_plain (_("The values in Ads Manager are now Herald’s")));
}

static void
hd_campaign_editor_dispose (GObject *object)
{
  HdCampaignEditor *self = HD_CAMPAIGN_EDITOR (object);

  if (self->conflict_rows != NULL)
    g_ptr_array_set_size (self->conflict_rows, 0);
  /* The store outlives the editor and may still change while it is torn down. */
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);
  g_clear_object (&self->store);
  g_clear_object (&self->campaign);
  g_clear_pointer (&self->accounts, g_ptr_array_unref);
  g_clear_pointer (&self->ad_set_editors, g_ptr_array_unref);
  g_clear_pointer (&self->objective_buttons, g_ptr_array_unref);

  G_OBJECT_CLASS (hd_campaign_editor_parent_class)->dispose (object);
}

static void
hd_campaign_editor_finalize (GObject *object)
{
  HdCampaignEditor *self = HD_CAMPAIGN_EDITOR (object);

  hd_campaign_fields_free (self->fields);
  g_free (self->problem_count);
  g_clear_pointer (&self->conflict_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (hd_campaign_editor_parent_class)->finalize (object);
}

static void
hd_campaign_editor_class_init (HdCampaignEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_campaign_editor_dispose;
  object_class->finalize = hd_campaign_editor_finalize;

  signals[BACK] = g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SHOW_RESULTS] = g_signal_new ("show-results", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                        1, HD_TYPE_CAMPAIGN);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/heraldapp/Herald"
                                               "/campaigns/hd-campaign-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, HdCampaignEditor, title_label);
  gtk_widget_class_bind_template_child (widget_class, HdCampaignEditor, results_button);
  gtk_widget_class_bind_template_child (widget_class, HdCampaignEditor, problem_count_label);
  gtk_widget_class_bind_template_child (widget_class, HdCampaignEditor, check_button);
  gtk_widget_class_bind_template_child (widget_class, HdCampaignEditor, scroller);
  gtk_widget_class_bind_template_child (widget_class, HdCampaignEditor, status_label);
  gtk_widget_class_bind_template_child (widget_class, HdCampaignEditor, conflicts_group);
  gtk_widget_class_bind_template_child (widget_class, HdCampaignEditor, campaign_group);
  gtk_widget_class_bind_template_child (widget_class, HdCampaignEditor, objective_group);
  gtk_widget_class_bind_template_child (widget_class, HdCampaignEditor, rules_group);
  gtk_widget_class_bind_template_child (widget_class, HdCampaignEditor, ad_sets_box);

  gtk_widget_class_install_action (widget_class, "editor.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "editor.results", NULL, results_action);
  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.check", NULL, check_action);
  gtk_widget_class_install_action (widget_class, "editor.add-ad-set", NULL, add_ad_set_action);
  gtk_widget_class_install_action (widget_class, "editor.keep-mine-ad", "(ss)",
                                   keep_mine_ad_action);
  gtk_widget_class_install_action (widget_class, "editor.take-theirs-ad", "(ss)",
                                   take_theirs_ad_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "editor.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_R,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "editor.results",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK,
                                       "editor.check", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_A,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "editor.add-ad-set",
                                       NULL);
}

static void
build_objectives (HdCampaignEditor *self)
{
  static const char *fields[] = { "objective", NULL };
  GtkCheckButton *first = NULL;

  self->objective_buttons = g_ptr_array_new ();
  for (guint i = 0; i < G_N_ELEMENTS (objectives); i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_check_button_new ();

      /* Only what Meta still takes for a new campaign is offered. */
      if (!hd_meta_objective_is_accepted_for_new_campaigns (objectives[i].value))
        continue;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(objectives[i].title));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(objectives[i].sentence));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(objectives[i].title), -1);
      if (first != NULL)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (button), first);
      else
        first = GTK_CHECK_BUTTON (button);
      g_object_set_data (G_OBJECT (button), "hd-value", (gpointer) objectives[i].value);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), button);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
      g_ptr_array_add (self->objective_buttons, button);
      adw_preferences_group_add (self->objective_group, row);
    }

  hd_campaign_fields_add (self->fields, self->objective_group, NULL, fields);
}

static void
hd_campaign_editor_init (HdCampaignEditor *self)
{
  static const char *name[] = { "name", NULL };
  static const char *account[] = { "account_id", NULL };
  static const char *category[] = { "special_ad_categories", NULL };
  static const char *status[] = { "status", NULL };
  GtkWidget *row;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->fields = hd_campaign_fields_new ();
  self->ad_set_editors = g_ptr_array_new ();
  self->conflict_rows = g_ptr_array_new ();

  self->name_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->name_row), _("Campaign name"));
  hd_campaign_fields_add (self->fields, self->campaign_group, GTK_WIDGET (self->name_row), name);
  self->account_row = hd_campaign_choice_new (_("Ad account"), NULL, NULL);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->account_row),
                               _("Pays for the ads, in its own currency"));
  hd_campaign_fields_add (self->fields, self->campaign_group, self->account_row, account);
  hd_campaign_fields_add_general (self->fields, self->campaign_group);

  build_objectives (self);

  self->category_row = hd_campaign_choice_new (_("Special ad category"), NULL, NULL);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->category_row),
                               _("Meta requires an answer; most shops choose None"));
  hd_campaign_choice_append (self->category_row, _("Choose…"), NULL);
  hd_campaign_choice_append (self->category_row, _("None"), "NONE");
  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    if (hd_meta_enum_contains (HD_META_ENUM_SPECIAL_AD_CATEGORY, categories[i].value))
      hd_campaign_choice_append (self->category_row, _(categories[i].label),
                                 categories[i].value);
  hd_campaign_fields_add (self->fields, self->rules_group, self->category_row, category);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Turn on when sent"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("Off: the campaign reaches Meta paused, and spends nothing "
                                 "until you turn it on"));
  self->status_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->status_switch), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (self->status_switch));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (self->status_switch));
  hd_campaign_fields_add (self->fields, self->rules_group, row, status);

  g_signal_connect_object (self->account_row, "notify::selected",
                           G_CALLBACK (on_account_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->name_row, "changed", G_CALLBACK (update_title), self,
                           G_CONNECT_SWAPPED);
}
