/* hd-ad-conflict-text.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "hd-ad-account.h"
#include "hd-money.h"
#include "hd-store-ad-accounts.h"
#include "hd-store-campaigns.h"
#include "hd-store-outbox.h"
#include "changes/hd-ad-conflict-text.h"
#include "widgets/hd-format.h"

char *
hd_ad_conflict_describe_object (const HdAdConflict *conflict)
{
  const char *kind;
  gboolean named;

  g_return_val_if_fail (conflict != NULL, NULL);

  kind = conflict->kind;
  named = conflict->name != NULL && *conflict->name != '\0';

  if (g_strcmp0 (kind, HD_OUTBOX_SUBJECT_CAMPAIGN) == 0)
    /* TRANSLATORS: the name of a campaign in quotes */
    return named ? g_strdup_printf (_("Campaign “%s”"), conflict->name)
                 : g_strdup (_("A campaign without a name"));
  if (g_strcmp0 (kind, HD_OUTBOX_SUBJECT_AD_SET) == 0)
    /* TRANSLATORS: the name of an ad set in quotes */
    return named ? g_strdup_printf (_("Ad set “%s”"), conflict->name)
                 : g_strdup (_("An ad set without a name"));

  /* TRANSLATORS: the name of an ad in quotes */
  return named ? g_strdup_printf (_("Ad “%s”"), conflict->name)
               : g_strdup (_("An ad without a name"));
}

/* The currency of the ad account the object spends from, and the zone its times are meant
 * in: the ad set's, else the account's. Either may come back NULL. */
static void
find_money_and_zone (HdStore            *store,
                     const HdAdConflict *conflict,
                     char              **currency,
                     char              **zone)
{
  g_autoptr(HdAd) ad = NULL;
  g_autoptr(HdAdSet) ad_set = NULL;
  g_autoptr(HdCampaign) campaign = NULL;
  g_autoptr(HdAdAccount) account = NULL;
  const char *ad_set_id = NULL;
  const char *campaign_id = NULL;

  *currency = NULL;
  *zone = NULL;

  if (g_strcmp0 (conflict->kind, HD_OUTBOX_SUBJECT_AD) == 0)
    {
      ad = hd_store_load_ad (store, conflict->id, NULL);
      if (ad != NULL)
        ad_set_id = hd_ad_get_ad_set_id (ad);
    }
  else if (g_strcmp0 (conflict->kind, HD_OUTBOX_SUBJECT_AD_SET) == 0)
    {
      ad_set_id = conflict->id;
    }
  else
    {
      campaign_id = conflict->id;
    }

  if (ad_set_id != NULL)
    ad_set = hd_store_load_ad_set (store, ad_set_id, NULL);
  if (ad_set != NULL)
    {
      campaign_id = hd_ad_set_get_campaign_id (ad_set);
      *currency = g_strdup (hd_ad_set_get_currency (ad_set));
      *zone = g_strdup (hd_ad_set_get_time_zone (ad_set));
    }

  if (campaign_id != NULL)
    campaign = hd_store_load_campaign (store, campaign_id, NULL);
  if (campaign != NULL && hd_campaign_get_account_id (campaign) != NULL)
    account = hd_store_load_ad_account (store, hd_campaign_get_account_id (campaign), NULL);

  /* Meta counts every budget in the account's currency, whatever an ad set was saved with. */
  if (account != NULL && hd_ad_account_get_currency (account) != NULL)
    {
      g_free (*currency);
      *currency = g_strdup (hd_ad_account_get_currency (account));
    }
  if (*zone == NULL && account != NULL)
    *zone = g_strdup (hd_ad_account_get_time_zone (account));
}

static const char *
describe_field (const char *name)
{
  if (g_str_equal (name, "name"))
    return _("name");
  if (g_str_equal (name, "status"))
    return _("status");
  if (g_str_equal (name, "daily_budget"))
    return _("daily budget");
  if (g_str_equal (name, "lifetime_budget"))
    return _("lifetime budget");
  if (g_str_equal (name, "end_time"))
    return _("end");

  return name;
}

/* Meta's values of the status parameter (adaccountcampaigns_status_enum_param and its ad set
 * and ad twins), as Herald's campaign list names them. */
static const char *
describe_status (const char *status)
{
  if (g_strcmp0 (status, "ACTIVE") == 0)
    return _("Active");
  if (g_strcmp0 (status, "PAUSED") == 0)
    return _("Paused");
  if (g_strcmp0 (status, "ARCHIVED") == 0)
    return _("Archived");
  if (g_strcmp0 (status, "DELETED") == 0)
    return _("Deleted");

  return status;
}

/* Budgets come as strings of minor units from Meta, and as numbers where they were sent so. */
static gboolean
read_minor_units (JsonNode *node,
                  gint64   *minor)
{
  const char *text;
  char *end = NULL;

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *minor = json_node_get_int (node);
      return TRUE;
    }
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;

  text = json_node_get_string (node);
  *minor = g_ascii_strtoll (text, &end, 10);

  return end != text && *end == '\0';
}

static char *
describe_value (const char *name,
                JsonNode   *node,
                const char *currency,
                const char *zone_id)
{
  const char *text = NULL;
  gint64 minor;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    text = json_node_get_string (node);

  if (g_str_equal (name, "status") && text != NULL)
    return g_strdup (describe_status (text));

  if (g_str_has_suffix (name, "_budget") && currency != NULL &&
      hd_money_currency_is_known (currency) && read_minor_units (node, &minor))
    return hd_money_format (minor, currency, NULL);

  if (g_str_equal (name, "end_time") && text != NULL)
    {
      g_autoptr(GDateTime) instant = g_date_time_new_from_iso8601 (text, NULL);
      g_autoptr(GTimeZone) zone = NULL;
      g_autofree char *date = NULL;
      g_autofree char *time = NULL;

      if (instant != NULL)
        {
          if (zone_id != NULL)
            zone = g_time_zone_new_identifier (zone_id);
          if (zone == NULL)
            zone = g_time_zone_new_local ();
          date = hd_format_date (g_date_time_to_unix (instant), zone);
          time = hd_format_time (g_date_time_to_unix (instant), zone);
          /* TRANSLATORS: a date and a time, as in "3 Mar 2026, 18:00" */
          return g_strdup_printf (_("%s, %s"), date, time);
        }
    }

  if (g_str_equal (name, "name") && text != NULL)
    /* TRANSLATORS: a name in quotes */
    return g_strdup_printf (_("“%s”"), text);

  if (text != NULL)
    return g_strdup (text);
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

  return NULL;
}

char *
hd_ad_conflict_describe_changes (HdStore            *store,
                                 const HdAdConflict *conflict)
{
  g_autoptr(JsonNode) theirs = NULL;
  g_autoptr(JsonObject) mine = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *zone = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  g_return_val_if_fail (HD_IS_STORE (store), NULL);
  g_return_val_if_fail (conflict != NULL, NULL);

  theirs = json_from_string (conflict->conflict, NULL);
  if (theirs == NULL || !JSON_NODE_HOLDS_OBJECT (theirs))
    return g_strdup (_("what Herald has no longer matches Meta"));

  /* Herald's values in Meta's own terms, so each field compares like with like. */
  mine = hd_store_ad_object_params (store, conflict->kind, conflict->id, NULL);
  find_money_and_zone (store, conflict, &currency, &zone);

  json_object_iter_init (&iter, json_node_get_object (theirs));
  while (json_object_iter_next (&iter, &name, &value))
    {
      g_autofree char *meta_value = describe_value (name, value, currency, zone);
      g_autofree char *herald_value = NULL;

      if (meta_value == NULL)
        continue;
      if (mine != NULL)
        herald_value = describe_value (name, json_object_get_member (mine, name), currency,
                                       zone);

      if (text->len > 0)
        /* TRANSLATORS: between two changed fields */
        g_string_append (text, _(", "));
      if (herald_value != NULL)
        /* TRANSLATORS: a field, Meta's value and Herald's: "daily budget £25.00 (Herald has
         * £20.00)" */
        g_string_append_printf (text, _("%s %s (Herald has %s)"), describe_field (name),
                                meta_value, herald_value);
      else
        /* TRANSLATORS: a field and Meta's value: "lifetime budget £280.00 (none in Herald)" */
        g_string_append_printf (text, _("%s %s (none in Herald)"), describe_field (name),
                                meta_value);
    }

  if (text->len == 0)
    return g_strdup (_("what Herald has no longer matches Meta"));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
hd_ad_conflict_describe (HdStore            *store,
                         const HdAdConflict *conflict)
{
  g_autofree char *object = NULL;
  g_autofree char *changes = NULL;

  g_return_val_if_fail (HD_IS_STORE (store), NULL);
  g_return_val_if_fail (conflict != NULL, NULL);

  object = hd_ad_conflict_describe_object (conflict);
  changes = hd_ad_conflict_describe_changes (store, conflict);

  /* TRANSLATORS: a campaign, ad set or ad, and what Meta holds differently from Herald */
  return g_strdup_printf (_("%s: changed in Ads Manager — %s"), object, changes);
}

static GtkWidget *
make_label (const char *text,
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
make_button (const char         *label,
             const char         *tooltip,
             const char         *action_name,
             const HdAdConflict *conflict)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(ss)", conflict->kind,
                                    conflict->id);

  return button;
}

GtkWidget *
hd_ad_conflict_build_answer (HdStore            *store,
                             const HdAdConflict *conflict,
                             const char         *keep_action,
                             const char         *take_action)
{
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon =
    gtk_image_new_from_icon_name (hd_channel_kind_icon_name (HD_CHANNEL_KIND_FACEBOOK_PAGE));
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *object = NULL;
  g_autofree char *changes = NULL;
  g_autofree char *changed = NULL;
  GtkWidget *heading;

  g_return_val_if_fail (HD_IS_STORE (store), NULL);
  g_return_val_if_fail (conflict != NULL, NULL);

  object = hd_ad_conflict_describe_object (conflict);
  changes = hd_ad_conflict_describe_changes (store, conflict);
  /* TRANSLATORS: what Meta holds differently, as in "daily budget £25.00 (Herald has
   * £20.00)" */
  changed = g_strdup_printf (_("Changed in Ads Manager: %s"), changes);

  gtk_widget_set_margin_top (outer, 10);
  gtk_widget_set_margin_bottom (outer, 10);
  gtk_widget_set_margin_start (outer, 12);
  gtk_widget_set_margin_end (outer, 12);

  gtk_widget_set_tooltip_text (icon, _("Meta"));
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (line), icon);
  heading = make_label (object, "heading");
  gtk_widget_set_hexpand (heading, TRUE);
  gtk_box_append (GTK_BOX (line), heading);
  gtk_box_append (GTK_BOX (outer), line);

  gtk_box_append (GTK_BOX (outer), make_label (changed, NULL));
  gtk_box_append (GTK_BOX (outer),
                  make_label (_("Keep mine puts Herald’s values back on Meta with the next "
                                "send. Take theirs makes Meta’s values Herald’s."), "dim-label"));
  gtk_widget_add_css_class (gtk_widget_get_last_child (outer), "caption");

  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (buttons),
                  make_button (_("_Take theirs"), _("Make the values in Ads Manager Herald’s"),
                               take_action, conflict));
  gtk_box_append (GTK_BOX (buttons),
                  make_button (_("_Keep mine"), _("Send Herald’s values to Meta again"),
                               keep_action, conflict));
  gtk_widget_add_css_class (gtk_widget_get_last_child (buttons), "suggested-action");
  gtk_box_append (GTK_BOX (outer), buttons);

  return outer;
}
