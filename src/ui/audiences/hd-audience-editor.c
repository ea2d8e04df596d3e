/* hd-audience-editor.c
 *
 * The window edits an HdTargeting in place and shows hd_targeting_describe() of it after
 * every change. Places, interests and languages come from Meta's targeting search while
 * there is a network; every answer is kept in the store, so the same search works offline.
 *
 * The spec keeps languages as Meta's keys alone (targeting.locales), so their names live in
 * the store's search cache too: every language any search found is also merged into one
 * kept answer, the one for the empty search, which names the chosen keys offline.
 *
 * Targeting facts (developers.facebook.com/docs/marketing-api/audiences/reference/
 * basic-targeting): genders 1 targets men and 2 women, none means everyone; age_max is
 * at most 65, which Meta reads as 65 and over.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-audiences"

#include "config.h"

#include <glib/gi18n.h>

#include "hd-ad-account.h"
#include "hd-application.h"
#include "hd-meta-ads.h"
#include "hd-store-ad-accounts.h"
#include "hd-store-audiences.h"
#include "hd-store-campaigns.h"
#include "hd-store-channels.h"
#include "hd-targeting.h"
#include "audiences/hd-audience-editor.h"
#include "audiences/hd-location-row.h"
#include "widgets/hd-format.h"
#include "widgets/hd-toast.h"
#include "widgets/hd-popovers.h"

/* Meta's numbers for genders, from the page cited at the top. */
#define GENDER_MEN   1
#define GENDER_WOMEN 2

#define AGE_YOUNGEST 18
#define AGE_OLDEST   65

/* Search kinds as the store keeps them: Meta's names of the searches. */
#define KIND_LOCATIONS "adgeolocation"
#define KIND_INTERESTS "adinterest"
#define KIND_LANGUAGES "adlocale"

/* The kept answer that holds every language found so far; no one searches for nothing, and
 * Meta's own answer to an empty adlocale search would be every language. */
#define LANGUAGE_NAMES_QUERY ""

/* How long the builder waits after the last change before asking Meta for an estimate, so
 * typing a radius does not send one request per digit. */
#define ESTIMATE_DELAY_SECONDS 2

typedef enum
{
  SEARCH_LOCATIONS,
  SEARCH_INTERESTS,
  SEARCH_LANGUAGES,
  N_SEARCHES,
} SearchKind;

typedef struct
{
  SearchKind      kind;
  GtkSearchEntry *entry;
  GtkLabel       *status;
  GtkListBox     *results;
  GCancellable   *cancellable;
  /* HdMetaLocation, HdMetaInterest or HdMetaLocale shown in @results */
  GPtrArray      *items;
  /* the query searched last, so Enter and the entry's own pause search once */
  char           *query;
} Search;

struct _HdAudienceEditor
{
  AdwWindow parent_instance;

  /* template widgets */
  AdwWindowTitle  *window_title;
  AdwToastOverlay *toast_overlay;
  GtkLabel        *summary_label;
  GtkLabel        *size_label;
  GtkSpinner      *estimate_spinner;
  GtkButton       *estimate_button;
  GtkLabel        *estimate_status_label;
  GtkLabel        *error_label;
  AdwEntryRow     *name_row;
  GtkSearchEntry  *location_entry;
  GtkLabel        *location_status_label;
  GtkListBox      *location_results;
  GtkListBox      *location_list;
  AdwExpanderRow  *pin_row;
  GtkSpinButton   *pin_latitude_spin;
  GtkSpinButton   *pin_longitude_spin;
  GtkSpinButton   *pin_radius_spin;
  GtkDropDown     *pin_unit_dropdown;
  GtkButton       *pin_add_button;
  GtkSpinButton   *age_min_spin;
  GtkSpinButton   *age_max_spin;
  GtkToggleButton *gender_all_button;
  GtkToggleButton *gender_men_button;
  GtkToggleButton *gender_women_button;
  GtkSearchEntry  *language_entry;
  GtkLabel        *language_status_label;
  GtkListBox      *language_results;
  GtkListBox      *language_list;
  GtkLabel        *age_error_label;
  GtkSearchEntry  *interest_entry;
  GtkLabel        *interest_status_label;
  GtkListBox      *interest_results;
  GtkBox          *groups_box;
  GtkListBox      *excluded_list;
  GtkSwitch       *advantage_switch;

  /* owned references */
  HdStore         *store;
  HdAudience      *audience;
  HdTargeting     *targeting;
  HdMetaAds       *ads;
  char            *account_id;
  GNetworkMonitor *monitor;
  GCancellable    *estimate_cancellable;
  Search           searches[N_SEARCHES];
  /* locale key (GUINT_TO_POINTER) to the name Meta's search gave it */
  GHashTable      *locale_names;

  /* the last estimate: from Meta in this window, or the one saved with the audience */
  gint64           estimate_lower;
  gint64           estimate_upper;
  gint64           estimate_at;
  /* the settings changed after that estimate */
  gboolean         estimate_stale;

  /* source ids */
  guint            estimate_source;

  /* controls are being filled from the audience: their handlers change nothing */
  gboolean         loading;
  /* something changed since the window opened; closing asks first */
  gboolean         changed;
};

G_DEFINE_FINAL_TYPE (HdAudienceEditor, hd_audience_editor, ADW_TYPE_WINDOW)

static void targeting_changed (HdAudienceEditor *self);
static void rebuild_locations (HdAudienceEditor *self);
static void rebuild_interests (HdAudienceEditor *self);
static void rebuild_languages (HdAudienceEditor *self);

/* Small helpers */

static gboolean
is_offline (HdAudienceEditor *self)
{
  return self->monitor != NULL && !g_network_monitor_get_network_available (self->monitor);
}

static void
set_status (GtkLabel   *label,
            const char *text)
{
  gtk_label_set_label (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

static void
clear_list_box (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
new_icon_button (const char *icon_name,
                 const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tooltip, -1);
  gtk_widget_add_css_class (button, "flat");

  return button;
}

static GtkWidget *
new_placeholder (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "hd-audience-placeholder");

  return label;
}

static char *
format_day (gint64 unix_seconds)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_seconds);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);

  /* Translators: a short date, "3 Dec"; see g_date_time_format() */
  return g_date_time_format (local, _("%-d %b"));
}

char *
hd_audience_editor_format_estimate (gint64 lower,
                                    gint64 upper,
                                    gint64 estimated_at)
{
  g_autofree char *people = NULL;
  g_autofree char *day = NULL;

  if (lower <= 0 && upper <= 0)
    return NULL;

  if (lower > 0 && upper > lower)
    {
      g_autofree char *from = hd_format_count (lower);
      g_autofree char *to = hd_format_count (upper);

      /* Translators: an audience size, "About 41,000–48,000 people" */
      people = g_strdup_printf (_("About %s–%s people"), from, to);
    }
  else
    {
      g_autofree char *count = hd_format_count (lower > 0 ? lower : upper);

      /* Translators: an audience size, "About 41,000 people" */
      people = g_strdup_printf (_("About %s people"), count);
    }

  if (estimated_at <= 0)
    return g_steal_pointer (&people);

  day = format_day (estimated_at);
  /* Translators: "About 41,000–48,000 people, estimated 3 Dec" */
  return g_strdup_printf (_("%s, estimated %s"), people, day);
}

/* Meta's client and account */

static void
find_ad_account (HdAudienceEditor *self)
{
  GApplication *application = g_application_get_default ();
  g_autoptr(GListModel) accounts = NULL;
  g_autoptr(HdAdAccount) account = NULL;
  g_autoptr(HdChannel) channel = NULL;
  g_autoptr(GError) error = NULL;

  if (!HD_IS_APPLICATION (application))
    return;
  self->monitor = g_object_ref (hd_application_get_network_monitor (HD_APPLICATION (application)));

  accounts = hd_store_list_ad_accounts (self->store, NULL, &error);
  if (accounts == NULL)
    {
      g_warning ("Could not list the ad accounts: %s", error->message);
      return;
    }
  /* The first account by name: an audience is a targeting spec, the same for any account,
   * and any account can search and estimate it. */
  if (g_list_model_get_n_items (accounts) == 0)
    return;
  account = g_list_model_get_item (accounts, 0);

  channel = hd_store_load_channel (self->store, hd_ad_account_get_channel_id (account), &error);
  if (channel == NULL || hd_channel_get_base_url (channel) == NULL)
    {
      if (error != NULL)
        g_warning ("Could not load the channel of the ad account: %s", error->message);
      return;
    }

  self->ads = hd_meta_ads_new (hd_application_get_http (HD_APPLICATION (application)),
                               self->store, channel);
  self->account_id = g_strdup (hd_ad_account_get_remote_id (account));
}

/* Summary and estimate */

static gboolean
can_estimate (HdAudienceEditor *self)
{
  return self->ads != NULL && !is_offline (self)
         && (self->targeting->locations->len > 0);
}

static void
update_estimate (HdAudienceEditor *self)
{
  g_autofree char *size = NULL;
  gboolean running = self->estimate_cancellable != NULL;
  const char *status = NULL;

  size = hd_audience_editor_format_estimate (self->estimate_lower, self->estimate_upper,
                                             self->estimate_at);
  gtk_label_set_label (self->size_label, size != NULL ? size : _("No estimate yet"));
  gtk_widget_set_visible (GTK_WIDGET (self->estimate_spinner), running);
  gtk_spinner_set_spinning (self->estimate_spinner, running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.estimate",
                                 can_estimate (self) && !running);

  if (running)
    status = _("Asking Meta how many people match…");
  else if (self->ads == NULL)
    status = _("To see how many people match, connect a Facebook Page that has an ad account "
               "in Channels.");
  else if (is_offline (self) && size != NULL)
    status = self->estimate_stale ? _("Offline: this estimate is from before your last changes. "
                                      "A new one is made when the network is back.")
                                  : _("Offline: showing the last estimate.");
  else if (is_offline (self))
    status = _("Offline: the size of the audience is estimated when the network is back.");
  else if (self->targeting->locations->len == 0)
    status = _("Add a location to estimate how many people match.");
  else if (self->estimate_stale && size != NULL)
    status = _("This estimate is from before your last changes.");

  set_status (self->estimate_status_label, status);
}

static void
estimate_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(HdAudienceEditor) self = user_data;
  g_autoptr(HdMetaReach) reach = NULL;
  g_autoptr(GError) error = NULL;

  reach = hd_meta_ads_estimate_reach_finish (HD_META_ADS (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->estimate_cancellable);

  if (reach == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, hd_toast_new_plain (error->message));
      update_estimate (self);
      return;
    }

  self->estimate_lower = reach->users_lower_bound;
  self->estimate_upper = reach->users_upper_bound;
  self->estimate_at = g_get_real_time () / G_USEC_PER_SEC;
  self->estimate_stale = FALSE;
  update_estimate (self);
}

static void
start_estimate (HdAudienceEditor *self)
{
  g_autoptr(JsonNode) spec = NULL;

  g_clear_handle_id (&self->estimate_source, g_source_remove);
  if (!can_estimate (self))
    {
      update_estimate (self);
      return;
    }

  g_cancellable_cancel (self->estimate_cancellable);
  g_clear_object (&self->estimate_cancellable);
  self->estimate_cancellable = g_cancellable_new ();

  spec = hd_targeting_to_node (self->targeting);
  hd_meta_ads_estimate_reach_async (self->ads, self->account_id, json_node_get_object (spec),
                                    self->estimate_cancellable, estimate_cb,
                                    g_object_ref (self));
  update_estimate (self);
}

static gboolean
on_estimate_timeout (gpointer user_data)
{
  HdAudienceEditor *self = user_data;

  self->estimate_source = 0;
  start_estimate (self);

  return G_SOURCE_REMOVE;
}

static void
targeting_changed (HdAudienceEditor *self)
{
  g_autofree char *summary = NULL;

  if (self->loading)
    return;

  summary = hd_targeting_describe_with_locale_names (self->targeting, self->locale_names);
  gtk_label_set_label (self->summary_label, summary);
  self->changed = TRUE;

  if (self->estimate_at > 0)
    self->estimate_stale = TRUE;

  /* Online, the estimate follows the settings by itself once the user pauses. */
  g_clear_handle_id (&self->estimate_source, g_source_remove);
  if (can_estimate (self))
    self->estimate_source = g_timeout_add_seconds (ESTIMATE_DELAY_SECONDS, on_estimate_timeout,
                                                   self);
  update_estimate (self);
}

static void
on_network_changed (HdAudienceEditor *self)
{
  update_estimate (self);
}

/* The search answers, kept as Meta's own JSON so the store's copy reads like an answer */

static JsonNode *
locations_to_node (GPtrArray *locations)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < locations->len; i++)
    {
      HdMetaLocation *location = g_ptr_array_index (locations, i);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "key", location->key);
      json_object_set_string_member (object, "name", location->name);
      json_object_set_string_member (object, "type", location->type);
      if (location->country_code != NULL)
        json_object_set_string_member (object, "country_code", location->country_code);
      if (location->country_name != NULL)
        json_object_set_string_member (object, "country_name", location->country_name);
      if (location->region != NULL)
        json_object_set_string_member (object, "region", location->region);
      if (location->region_id != NULL)
        json_object_set_string_member (object, "region_id", location->region_id);
      json_array_add_object_element (array, object);
    }

  return hd_json_node_take_array (array);
}

static JsonNode *
interests_to_node (GPtrArray *interests)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < interests->len; i++)
    {
      HdMetaInterest *interest = g_ptr_array_index (interests, i);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "id", interest->id);
      json_object_set_string_member (object, "name", interest->name);
      json_object_set_string_member (object, "type", "interests");
      if (interest->path != NULL)
        {
          g_auto(GStrv) parts = g_strsplit (interest->path, " > ", -1);
          JsonArray *path = json_array_new ();

          for (guint j = 0; parts[j] != NULL; j++)
            json_array_add_string_element (path, parts[j]);
          json_object_set_array_member (object, "path", path);
        }
      if (interest->audience_lower_bound >= 0)
        json_object_set_int_member (object, "audience_size_lower_bound",
                                    interest->audience_lower_bound);
      if (interest->audience_upper_bound >= 0)
        json_object_set_int_member (object, "audience_size_upper_bound",
                                    interest->audience_upper_bound);
      json_array_add_object_element (array, object);
    }

  return hd_json_node_take_array (array);
}

static JsonNode *
locales_to_node (GPtrArray *locales)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < locales->len; i++)
    {
      HdMetaLocale *locale = g_ptr_array_index (locales, i);
      JsonObject *object = json_object_new ();

      json_object_set_int_member (object, "key", locale->key);
      json_object_set_string_member (object, "name", locale->name);
      json_array_add_object_element (array, object);
    }

  return hd_json_node_take_array (array);
}

static const char *
search_kind_name (SearchKind kind)
{
  switch (kind)
    {
    case SEARCH_LOCATIONS:
      return KIND_LOCATIONS;
    case SEARCH_INTERESTS:
      return KIND_INTERESTS;
    case SEARCH_LANGUAGES:
    case N_SEARCHES:
    default:
      return KIND_LANGUAGES;
    }
}

static void
put_results (HdAudienceEditor *self,
             SearchKind        kind,
             const char       *query,
             GPtrArray        *items)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;

  if (kind == SEARCH_LOCATIONS)
    node = locations_to_node (items);
  else if (kind == SEARCH_INTERESTS)
    node = interests_to_node (items);
  else
    node = locales_to_node (items);
  json = json_to_string (node, FALSE);
  if (!hd_store_put_targeting_results (self->store, search_kind_name (kind), query, json,
                                       g_get_real_time () / G_USEC_PER_SEC, &error))
    g_warning ("Could not keep the search results: %s", error->message);
}

/* Every language found so far, with the ones just found added, back into the name book. */
static void
keep_language_names (HdAudienceEditor *self,
                     GPtrArray        *found)
{
  g_autoptr(GPtrArray) book = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_meta_locale_free);
  GHashTableIter iter;
  gpointer key, name;

  for (guint i = 0; i < found->len; i++)
    {
      HdMetaLocale *locale = g_ptr_array_index (found, i);

      g_hash_table_replace (self->locale_names, GUINT_TO_POINTER (locale->key),
                            g_strdup (locale->name));
    }

  g_hash_table_iter_init (&iter, self->locale_names);
  while (g_hash_table_iter_next (&iter, &key, &name))
    {
      HdMetaLocale *locale = g_new0 (HdMetaLocale, 1);

      locale->key = GPOINTER_TO_UINT (key);
      locale->name = g_strdup (name);
      g_ptr_array_add (book, locale);
    }
  put_results (self, SEARCH_LANGUAGES, LANGUAGE_NAMES_QUERY, book);
}

static void
keep_results (HdAudienceEditor *self,
              Search           *search,
              const char       *query,
              GPtrArray        *items)
{
  put_results (self, search->kind, query, items);
  if (search->kind == SEARCH_LANGUAGES)
    keep_language_names (self, items);
}

static GPtrArray *
load_kept_results (HdAudienceEditor *self,
                   SearchKind        kind,
                   const char       *query)
{
  g_autofree char *json = NULL;
  g_autoptr(JsonNode) data = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  gint64 fetched_at = 0;

  json = hd_store_get_targeting_results (self->store, search_kind_name (kind), query,
                                         &fetched_at, &error);
  if (json == NULL)
    {
      if (error != NULL)
        g_warning ("Could not read the kept search results: %s", error->message);
      return NULL;
    }
  if ((data = json_from_string (json, NULL)) == NULL)
    return NULL;

  /* The parsers read Meta's answer, {"data": [...]}. */
  answer = json_object_new ();
  json_object_set_member (answer, "data", g_steal_pointer (&data));
  root = json_node_init_object (json_node_alloc (), answer);

  if (kind == SEARCH_LOCATIONS)
    return hd_meta_ads_parse_locations (root);
  if (kind == SEARCH_INTERESTS)
    return hd_meta_ads_parse_interests (root);
  return hd_meta_ads_parse_locales (root);
}

static void
load_language_names (HdAudienceEditor *self)
{
  g_autoptr(GPtrArray) book = load_kept_results (self, SEARCH_LANGUAGES, LANGUAGE_NAMES_QUERY);

  for (guint i = 0; book != NULL && i < book->len; i++)
    {
      HdMetaLocale *locale = g_ptr_array_index (book, i);

      g_hash_table_replace (self->locale_names, GUINT_TO_POINTER (locale->key),
                            g_strdup (locale->name));
    }
}

/* Search results */

static const char *
location_kind_name (const char *type)
{
  if (g_strcmp0 (type, "country") == 0)
    return _("Country");
  if (g_strcmp0 (type, "region") == 0)
    return _("Region");
  if (g_strcmp0 (type, "city") == 0)
    return _("City");
  return type;
}

static char *
describe_found_place (HdMetaLocation *location)
{
  const char *kind = location_kind_name (location->type);

  if (location->region != NULL && location->country_name != NULL)
    /* Translators: a place found by the search: "City · England, United Kingdom" */
    return g_strdup_printf (_("%s · %s, %s"), kind, location->region, location->country_name);
  if (location->country_name != NULL && g_strcmp0 (location->type, "country") != 0)
    /* Translators: a place found by the search: "Region · United Kingdom" */
    return g_strdup_printf (_("%s · %s"), kind, location->country_name);
  return g_strdup (kind);
}

static char *
describe_found_interest (HdMetaInterest *interest)
{
  g_autofree char *size = NULL;

  size = hd_audience_editor_format_estimate (interest->audience_lower_bound,
                                             interest->audience_upper_bound, 0);
  if (size != NULL && interest->path != NULL)
    /* Translators: an interest found by the search: its size and its category */
    return g_strdup_printf (_("%s · %s"), size, interest->path);
  if (size != NULL)
    return g_steal_pointer (&size);
  return g_strdup (interest->path);
}

static gboolean
has_item (GPtrArray  *items,
          const char *id)
{
  for (guint i = 0; i < items->len; i++)
    if (g_strcmp0 (((HdTargetingItem *) g_ptr_array_index (items, i))->id, id) == 0)
      return TRUE;
  return FALSE;
}

static HdInterestGroup *
last_group (HdAudienceEditor *self)
{
  GPtrArray *groups = self->targeting->interest_groups;

  if (groups->len == 0)
    hd_targeting_add_group (self->targeting);
  return g_ptr_array_index (groups, groups->len - 1);
}

/* An interest is either wanted or left out: choosing one way takes it off the other. */
static void
remove_item (GPtrArray  *items,
             const char *id)
{
  for (guint i = items->len; i > 0; i--)
    if (g_strcmp0 (((HdTargetingItem *) g_ptr_array_index (items, i - 1))->id, id) == 0)
      g_ptr_array_remove_index (items, i - 1);
}

static void
on_interest_add_clicked (GtkButton        *button,
                         HdAudienceEditor *self)
{
  HdMetaInterest *interest = g_object_get_data (G_OBJECT (button), "interest");
  HdInterestGroup *group = last_group (self);

  remove_item (self->targeting->excluded_interests, interest->id);
  if (!has_item (group->interests, interest->id))
    g_ptr_array_add (group->interests, hd_targeting_item_new (interest->id, interest->name));
  rebuild_interests (self);
  targeting_changed (self);
}

static void
on_interest_exclude_clicked (GtkButton        *button,
                             HdAudienceEditor *self)
{
  HdMetaInterest *interest = g_object_get_data (G_OBJECT (button), "interest");

  for (guint i = 0; i < self->targeting->interest_groups->len; i++)
    remove_item (((HdInterestGroup *) g_ptr_array_index (self->targeting->interest_groups,
                                                         i))->interests, interest->id);
  if (!has_item (self->targeting->excluded_interests, interest->id))
    g_ptr_array_add (self->targeting->excluded_interests,
                     hd_targeting_item_new (interest->id, interest->name));
  rebuild_interests (self);
  targeting_changed (self);
}

static void
show_results (HdAudienceEditor *self,
              Search           *search,
              GPtrArray        *items)
{
  g_clear_pointer (&search->items, g_ptr_array_unref);
  search->items = items != NULL ? g_ptr_array_ref (items) : NULL;
  clear_list_box (search->results);

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = NULL;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (search->kind == SEARCH_LOCATIONS)
        {
          HdMetaLocation *location = g_ptr_array_index (items, i);

          subtitle = describe_found_place (location);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), location->name);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     gtk_image_new_from_icon_name ("list-add-symbolic"));
          gtk_widget_set_tooltip_text (row, _("Add this place"));
          g_object_set_data (G_OBJECT (row), "location", location);
        }
      else if (search->kind == SEARCH_LANGUAGES)
        {
          HdMetaLocale *locale = g_ptr_array_index (items, i);

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), locale->name);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     gtk_image_new_from_icon_name ("list-add-symbolic"));
          gtk_widget_set_tooltip_text (row, _("Add this language"));
          g_object_set_data (G_OBJECT (row), "locale", locale);
        }
      else
        {
          HdMetaInterest *interest = g_ptr_array_index (items, i);
          GtkWidget *add = new_icon_button ("list-add-symbolic", _("Add to the last group"));
          GtkWidget *exclude = new_icon_button ("action-unavailable-symbolic",
                                                _("Exclude people with this interest"));

          subtitle = describe_found_interest (interest);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), interest->name);
          g_object_set_data (G_OBJECT (add), "interest", interest);
          g_object_set_data (G_OBJECT (exclude), "interest", interest);
          g_signal_connect (add, "clicked", G_CALLBACK (on_interest_add_clicked), self);
          g_signal_connect (exclude, "clicked", G_CALLBACK (on_interest_exclude_clicked), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), exclude);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), add);
          g_object_set_data (G_OBJECT (row), "add-button", add);
          g_object_set_data (G_OBJECT (row), "exclude-button", exclude);
        }
      if (subtitle != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (search->results, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (search->results), items != NULL && items->len > 0);
}

/* Falls back on what the same search found before, and says why. */
static void
show_kept_results (HdAudienceEditor *self,
                   Search           *search,
                   const char       *query,
                   const char       *why_no_search)
{
  g_autoptr(GPtrArray) kept = load_kept_results (self, search->kind, query);

  if (kept != NULL)
    {
      show_results (self, search, kept);
      if (is_offline (self))
        set_status (search->status, _("Offline: showing saved results."));
      else
        {
          /* Translators: %s says why Meta could not be asked */
          g_autofree char *text = g_strdup_printf (_("%s Showing saved results."),
                                                   why_no_search);

          set_status (search->status, text);
        }
      return;
    }

  show_results (self, search, NULL);
  set_status (search->status, why_no_search);
}

typedef struct
{
  HdAudienceEditor *self;
  Search           *search;
  char             *query;
} SearchData;

static void
search_data_free (SearchData *data)
{
  g_object_unref (data->self);
  g_free (data->query);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SearchData, search_data_free)

static void
search_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SearchData) data = user_data;
  HdAudienceEditor *self = data->self;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  if (data->search->kind == SEARCH_LOCATIONS)
    items = hd_meta_ads_search_locations_finish (HD_META_ADS (object), result, &error);
  else if (data->search->kind == SEARCH_INTERESTS)
    items = hd_meta_ads_search_interests_finish (HD_META_ADS (object), result, &error);
  else
    items = hd_meta_ads_search_locales_finish (HD_META_ADS (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (items == NULL)
    {
      g_autofree char *why = NULL;

      /* Translators: %s is the reason Meta gave or the network error */
      why = g_strdup_printf (_("Meta could not be searched: %s"), error->message);
      show_kept_results (self, data->search, data->query, why);
      return;
    }

  keep_results (self, data->search, data->query, items);
  show_results (self, data->search, items);
  if (items->len == 0)
    {
      /* Translators: %s is what the user searched for */
      g_autofree char *text = g_strdup_printf (_("Nothing matches “%s”."), data->query);

      set_status (data->search->status, text);
    }
  else
    set_status (data->search->status, NULL);
}

static void
start_search (HdAudienceEditor *self,
              Search           *search,
              gboolean          again)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (search->entry));
  g_autofree char *query = g_strstrip (g_strdup (text));
  static const char * const place_types[] = { "country", "region", "city", NULL };
  SearchData *data;

  if (!again && g_strcmp0 (query, search->query) == 0)
    return;
  g_free (search->query);
  search->query = g_strdup (query);

  g_cancellable_cancel (search->cancellable);
  g_clear_object (&search->cancellable);

  if (*query == '\0')
    {
      show_results (self, search, NULL);
      set_status (search->status, NULL);
      return;
    }

  if (self->ads == NULL)
    {
      show_kept_results (self, search, query,
                         _("To search Meta’s places, interests and languages, connect a Facebook "
                           "Page that has an ad account in Channels."));
      return;
    }
  if (is_offline (self))
    {
      show_kept_results (self, search, query,
                         _("Offline, and this search was not made before. Search again when the "
                           "network is back: results found online are kept for offline use."));
      return;
    }

  search->cancellable = g_cancellable_new ();
  data = g_new0 (SearchData, 1);
  data->self = g_object_ref (self);
  data->search = search;
  data->query = g_steal_pointer (&query);

  set_status (search->status, _("Searching…"));
  if (search->kind == SEARCH_LOCATIONS)
    hd_meta_ads_search_locations_async (self->ads, data->query, place_types,
                                        search->cancellable, search_cb, data);
  else if (search->kind == SEARCH_LANGUAGES)
    hd_meta_ads_search_locales_async (self->ads, data->query, search->cancellable, search_cb,
                                      data);
  else
    hd_meta_ads_search_interests_async (self->ads, self->account_id, data->query,
                                        search->cancellable, search_cb, data);
}

static void
on_location_entry_search_changed (HdAudienceEditor *self)
{
  start_search (self, &self->searches[SEARCH_LOCATIONS], FALSE);
}

static void
on_interest_entry_search_changed (HdAudienceEditor *self)
{
  start_search (self, &self->searches[SEARCH_INTERESTS], FALSE);
}

static void
on_language_entry_search_changed (HdAudienceEditor *self)
{
  start_search (self, &self->searches[SEARCH_LANGUAGES], FALSE);
}

/* Enter searches at once, and again when the same words failed a moment ago. */
static void
on_location_entry_activate (HdAudienceEditor *self)
{
  start_search (self, &self->searches[SEARCH_LOCATIONS], TRUE);
}

static void
on_interest_entry_activate (HdAudienceEditor *self)
{
  start_search (self, &self->searches[SEARCH_INTERESTS], TRUE);
}

static void
on_language_entry_activate (HdAudienceEditor *self)
{
  start_search (self, &self->searches[SEARCH_LANGUAGES], TRUE);
}

/* Locations */

static HdLocation *
location_from_found (HdMetaLocation *found)
{
  HdLocation *location;

  if (g_strcmp0 (found->type, "country") == 0)
    {
      /* Countries go into geo_locations by their ISO code. */
      location = hd_location_new (HD_LOCATION_COUNTRY,
                                  found->country_code != NULL ? found->country_code : found->key,
                                  found->name);
      return location;
    }

  location = hd_location_new (g_strcmp0 (found->type, "region") == 0 ? HD_LOCATION_REGION
                                                                     : HD_LOCATION_CITY,
                              found->key, found->name);
  location->region = g_strdup (found->region);
  location->country = g_strdup (found->country_code);
  return location;
}

static gboolean
location_chosen (HdAudienceEditor *self,
                 HdLocation       *location)
{
  GPtrArray *lists[] = { self->targeting->locations, self->targeting->excluded_locations };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < lists[l]->len; i++)
      {
        HdLocation *other = g_ptr_array_index (lists[l], i);

        if (other->kind == location->kind && location->key != NULL
            && g_strcmp0 (other->key, location->key) == 0)
          return TRUE;
      }
  return FALSE;
}

static void
on_location_results_row_activated (GtkListBox       *list,
                                   GtkListBoxRow    *row,
                                   HdAudienceEditor *self)
{
  HdMetaLocation *found = g_object_get_data (G_OBJECT (row), "location");
  HdLocation *location;

  if (found == NULL)
    return;

  location = location_from_found (found);
  if (!location_chosen (self, location))
    g_ptr_array_add (self->targeting->locations, location);
  else
    hd_location_free (location);

  gtk_editable_set_text (GTK_EDITABLE (self->location_entry), "");
  rebuild_locations (self);
  targeting_changed (self);
}

static void
on_location_row_changed (HdAudienceEditor *self)
{
  targeting_changed (self);
}

static gboolean
rebuild_locations_idle (gpointer user_data)
{
  rebuild_locations (HD_AUDIENCE_EDITOR (user_data));

  return G_SOURCE_REMOVE;
}

/* Moves the place between the included and the excluded ones, keeping its settings. */
static void
on_location_row_exclude_toggled (HdLocationRow    *row,
                                 gboolean          exclude,
                                 HdAudienceEditor *self)
{
  HdLocation *location = hd_location_row_get_location (row);
  GPtrArray *from = exclude ? self->targeting->locations : self->targeting->excluded_locations;
  GPtrArray *to = exclude ? self->targeting->excluded_locations : self->targeting->locations;
  guint index;

  if (!g_ptr_array_find (from, location, &index))
    return;
  g_ptr_array_add (to, g_ptr_array_steal_index (from, index));

  /* Rebuilt once the check button's own signal is over. */
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, rebuild_locations_idle, g_object_ref (self),
                   g_object_unref);
  targeting_changed (self);
}

static void
on_location_row_remove (HdLocationRow    *row,
                        HdAudienceEditor *self)
{
  HdLocation *location = hd_location_row_get_location (row);

  if (!g_ptr_array_remove (self->targeting->locations, location))
    g_ptr_array_remove (self->targeting->excluded_locations, location);
  rebuild_locations (self);
  targeting_changed (self);
}

static GtkWidget *
new_location_row (HdAudienceEditor *self,
                  HdLocation       *location,
                  gboolean          excluded)
{
  GtkWidget *row = hd_location_row_new (location, excluded);

  g_signal_connect_swapped (row, "changed", G_CALLBACK (on_location_row_changed), self);
  g_signal_connect (row, "exclude-toggled", G_CALLBACK (on_location_row_exclude_toggled), self);
  g_signal_connect (row, "remove", G_CALLBACK (on_location_row_remove), self);

  return row;
}

static void
rebuild_locations (HdAudienceEditor *self)
{
  clear_list_box (self->location_list);

  for (guint i = 0; i < self->targeting->locations->len; i++)
    gtk_list_box_append (self->location_list,
                         new_location_row (self, g_ptr_array_index (self->targeting->locations,
                                                                    i), FALSE));
  for (guint i = 0; i < self->targeting->excluded_locations->len; i++)
    gtk_list_box_append (self->location_list,
                         new_location_row (self,
                                           g_ptr_array_index (self->targeting->excluded_locations,
                                                              i), TRUE));
}

static void
on_pin_add_clicked (HdAudienceEditor *self)
{
  HdLocation *pin = hd_location_new (HD_LOCATION_PIN, NULL, NULL);

  pin->latitude = gtk_spin_button_get_value (self->pin_latitude_spin);
  pin->longitude = gtk_spin_button_get_value (self->pin_longitude_spin);
  pin->radius = gtk_spin_button_get_value (self->pin_radius_spin);
  pin->unit = gtk_drop_down_get_selected (self->pin_unit_dropdown) == 1 ? HD_DISTANCE_MILES
                                                                        : HD_DISTANCE_KILOMETERS;
  g_ptr_array_add (self->targeting->locations, pin);
  adw_expander_row_set_expanded (self->pin_row, FALSE);

  rebuild_locations (self);
  targeting_changed (self);
}

/* Interests */

static void
on_interest_remove_clicked (GtkButton        *button,
                            HdAudienceEditor *self)
{
  GPtrArray *items = g_object_get_data (G_OBJECT (button), "items");
  HdTargetingItem *item = g_object_get_data (G_OBJECT (button), "item");

  g_ptr_array_remove (items, item);
  rebuild_interests (self);
  targeting_changed (self);
}

static void
on_group_remove_clicked (GtkButton        *button,
                         HdAudienceEditor *self)
{
  HdInterestGroup *group = g_object_get_data (G_OBJECT (button), "group");

  g_ptr_array_remove (self->targeting->interest_groups, group);
  rebuild_interests (self);
  targeting_changed (self);
}

static GtkWidget *
new_items_list (HdAudienceEditor *self,
                GPtrArray        *items,
                const char       *placeholder)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_placeholder (GTK_LIST_BOX (list), new_placeholder (placeholder));

  for (guint i = 0; i < items->len; i++)
    {
      HdTargetingItem *item = g_ptr_array_index (items, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = new_icon_button ("user-trash-symbolic", _("Remove this interest"));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     item->name != NULL ? item->name : item->id);
      g_object_set_data (G_OBJECT (remove), "items", items);
      g_object_set_data (G_OBJECT (remove), "item", item);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_interest_remove_clicked), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      g_object_set_data (G_OBJECT (row), "remove-button", remove);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  return list;
}

static void
rebuild_interests (HdAudienceEditor *self)
{
  GPtrArray *groups = self->targeting->interest_groups;
  GtkWidget *child;
  HdInterestGroup *last;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box))) != NULL)
    gtk_box_remove (self->groups_box, child);

  if (groups->len == 0)
    hd_targeting_add_group (self->targeting);

  for (guint i = 0; i < groups->len; i++)
    {
      HdInterestGroup *group = g_ptr_array_index (groups, i);
      GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *heading = gtk_label_new (i == 0 ? _("People who match any of these")
                                                 : _("and also any of these"));
      GtkWidget *list;

      gtk_label_set_xalign (GTK_LABEL (heading), 0);
      gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
      gtk_widget_set_hexpand (heading, TRUE);
      gtk_widget_add_css_class (heading, "heading");
      gtk_box_append (GTK_BOX (header), heading);
      if (i > 0)
        {
          GtkWidget *remove = new_icon_button ("edit-delete-symbolic", _("Remove this group"));

          g_object_set_data (G_OBJECT (remove), "group", group);
          g_signal_connect (remove, "clicked", G_CALLBACK (on_group_remove_clicked), self);
          gtk_box_append (GTK_BOX (header), remove);
          gtk_widget_set_margin_top (header, 6);
        }
      gtk_box_append (self->groups_box, header);

      list = new_items_list (self, group->interests,
                             _("No interests yet: search above and add one."));
      g_object_set_data (G_OBJECT (list), "group", group);
      gtk_box_append (self->groups_box, list);
    }

  /* A new group makes sense once the last one says something. */
  last = g_ptr_array_index (groups, groups->len - 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.add-group",
                                 last->interests->len > 0);

  clear_list_box (self->excluded_list);
  for (guint i = 0; i < self->targeting->excluded_interests->len; i++)
    {
      HdTargetingItem *item = g_ptr_array_index (self->targeting->excluded_interests, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = new_icon_button ("user-trash-symbolic",
                                           _("Stop excluding this interest"));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     item->name != NULL ? item->name : item->id);
      g_object_set_data (G_OBJECT (remove), "items", self->targeting->excluded_interests);
      g_object_set_data (G_OBJECT (remove), "item", item);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_interest_remove_clicked), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      gtk_list_box_append (self->excluded_list, row);
    }
}

static void
add_group_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  HdAudienceEditor *self = HD_AUDIENCE_EDITOR (widget);

  hd_targeting_add_group (self->targeting);
  rebuild_interests (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->interest_entry));
}

/* Ages, genders, languages, Advantage audience */

static gboolean
ages_valid (HdAudienceEditor *self)
{
  return gtk_spin_button_get_value_as_int (self->age_min_spin)
         <= gtk_spin_button_get_value_as_int (self->age_max_spin);
}

static void
on_age_changed (HdAudienceEditor *self)
{
  guint youngest = gtk_spin_button_get_value_as_int (self->age_min_spin);
  guint oldest = gtk_spin_button_get_value_as_int (self->age_max_spin);

  if (self->loading)
    return;

  if (!ages_valid (self))
    {
      g_autofree char *text = NULL;

      /* The numbers stay as typed, and the audience keeps its last valid range until the
       * user settles on one. */
      text = g_strdup_printf (_("The youngest age (%u) is above the oldest (%u). Lower the "
                                "first or raise the second."), youngest, oldest);
      set_status (self->age_error_label, text);
      return;
    }

  set_status (self->age_error_label, NULL);
  self->targeting->age_min = youngest;
  self->targeting->age_max = oldest;
  targeting_changed (self);
}

/* 65 reads "65+": Meta takes it as 65 and over. */
static gboolean
on_age_output (GtkSpinButton *spin)
{
  int age = gtk_spin_button_get_value_as_int (spin);
  g_autofree char *text = age >= AGE_OLDEST ? g_strdup_printf ("%d+", AGE_OLDEST)
                                            : g_strdup_printf ("%d", age);

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static int
on_age_input (GtkSpinButton *spin,
              double        *new_value)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  char *end = NULL;
  gint64 age = g_ascii_strtoll (text, &end, 10);

  if (end == text)
    return GTK_INPUT_ERROR;
  while (*end == ' ' || *end == '+')
    end++;
  if (*end != '\0')
    return GTK_INPUT_ERROR;

  *new_value = CLAMP (age, AGE_YOUNGEST, AGE_OLDEST);
  return TRUE;
}

static void
on_gender_toggled (GtkToggleButton  *button,
                   HdAudienceEditor *self)
{
  guint gender;

  if (self->loading || !gtk_toggle_button_get_active (button))
    return;

  g_array_set_size (self->targeting->genders, 0);
  if (button == self->gender_men_button)
    {
      gender = GENDER_MEN;
      g_array_append_val (self->targeting->genders, gender);
    }
  else if (button == self->gender_women_button)
    {
      gender = GENDER_WOMEN;
      g_array_append_val (self->targeting->genders, gender);
    }
  targeting_changed (self);
}

static void
on_advantage_active_changed (HdAudienceEditor *self)
{
  if (self->loading)
    return;

  self->targeting->advantage_audience = gtk_switch_get_active (self->advantage_switch)
                                        ? HD_ADVANTAGE_AUDIENCE_ON : HD_ADVANTAGE_AUDIENCE_OFF;
  targeting_changed (self);
}

/* Languages */

static gboolean
locale_chosen (HdAudienceEditor *self,
               guint             key)
{
  for (guint i = 0; i < self->targeting->locales->len; i++)
    if (g_array_index (self->targeting->locales, guint, i) == key)
      return TRUE;
  return FALSE;
}

static void
on_language_results_row_activated (GtkListBox       *list,
                                   GtkListBoxRow    *row,
                                   HdAudienceEditor *self)
{
  HdMetaLocale *found = g_object_get_data (G_OBJECT (row), "locale");

  if (found == NULL)
    return;

  if (!locale_chosen (self, found->key))
    g_array_append_val (self->targeting->locales, found->key);

  gtk_editable_set_text (GTK_EDITABLE (self->language_entry), "");
  rebuild_languages (self);
  targeting_changed (self);
}

static void
on_language_remove_clicked (GtkButton        *button,
                            HdAudienceEditor *self)
{
  guint key = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "locale-key"));
  GArray *locales = self->targeting->locales;

  for (guint i = locales->len; i > 0; i--)
    if (g_array_index (locales, guint, i - 1) == key)
      g_array_remove_index (locales, i - 1);

  rebuild_languages (self);
  targeting_changed (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->language_entry));
}

static void
rebuild_languages (HdAudienceEditor *self)
{
  clear_list_box (self->language_list);

  for (guint i = 0; i < self->targeting->locales->len; i++)
    {
      guint key = g_array_index (self->targeting->locales, guint, i);
      const char *name = g_hash_table_lookup (self->locale_names, GUINT_TO_POINTER (key));
      g_autofree char *title = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = new_icon_button ("user-trash-symbolic", _("Remove this language"));

      /* Translators: a language whose name is not known offline; %u is Meta's number */
      title = name != NULL ? g_strdup (name) : g_strdup_printf (_("Language %u"), key);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (name == NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                     _("Its name shows once a search online has found it."));
      g_object_set_data (G_OBJECT (remove), "locale-key", GUINT_TO_POINTER (key));
      g_signal_connect (remove, "clicked", G_CALLBACK (on_language_remove_clicked), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      g_object_set_data (G_OBJECT (row), "remove-button", remove);
      gtk_list_box_append (self->language_list, row);
    }
}

/* Filling the controls */

static void
load_audience (HdAudienceEditor *self)
{
  g_autoptr(GError) error = NULL;
  guint gender = 0;

  self->targeting = hd_targeting_new_from_json (hd_audience_get_spec (self->audience), &error);
  if (self->targeting == NULL)
    {
      /* The spec cannot be edited here; saving would lose it, so Save stays off. */
      set_status (self->error_label, error->message);
      self->targeting = hd_targeting_new ();
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
    }

  /* Meta refuses an ad set that leaves Advantage audience unsaid: a new audience states it,
   * off, as the switch shows. */
  if (self->targeting->advantage_audience == HD_ADVANTAGE_AUDIENCE_UNSET)
    self->targeting->advantage_audience = HD_ADVANTAGE_AUDIENCE_OFF;
  if (self->targeting->age_min == 0)
    self->targeting->age_min = AGE_YOUNGEST;
  if (self->targeting->age_max == 0)
    self->targeting->age_max = AGE_OLDEST;

  self->loading = TRUE;

  gtk_editable_set_text (GTK_EDITABLE (self->name_row),
                         hd_audience_get_name (self->audience) != NULL
                         ? hd_audience_get_name (self->audience) : "");
  gtk_spin_button_set_value (self->age_min_spin, self->targeting->age_min);
  gtk_spin_button_set_value (self->age_max_spin, self->targeting->age_max);
  if (self->targeting->genders->len == 1)
    gender = g_array_index (self->targeting->genders, guint, 0);
  gtk_toggle_button_set_active (gender == GENDER_MEN ? self->gender_men_button
                                : gender == GENDER_WOMEN ? self->gender_women_button
                                : self->gender_all_button, TRUE);
  gtk_switch_set_active (self->advantage_switch,
                         self->targeting->advantage_audience == HD_ADVANTAGE_AUDIENCE_ON);

  self->estimate_lower = hd_audience_get_estimated_size (self->audience);
  self->estimate_upper = hd_audience_get_estimated_upper (self->audience);
  self->estimate_at = hd_audience_get_estimated_at (self->audience);

  self->loading = FALSE;

  rebuild_languages (self);
  rebuild_locations (self);
  rebuild_interests (self);
  targeting_changed (self);
  /* What was just loaded is what the estimate was made for, and nothing is changed yet. */
  self->estimate_stale = FALSE;
  self->changed = FALSE;
  update_estimate (self);
}

/* Saving */

static void
estimate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  start_estimate (HD_AUDIENCE_EDITOR (widget));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HdAudienceEditor *self = HD_AUDIENCE_EDITOR (widget);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  g_autofree char *name = g_strstrip (g_strdup (text));
  g_autofree char *spec = NULL;
  g_autoptr(GError) error = NULL;

  if (*name == '\0')
    {
      set_status (self->error_label, _("Give the audience a name, such as “Dog owners near "
                                       "Watford”, to find it again in campaigns."));
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return;
    }
  if (!ages_valid (self))
    {
      set_status (self->error_label, _("The audience was not saved: the youngest age is above "
                                       "the oldest."));
      gtk_widget_grab_focus (GTK_WIDGET (self->age_min_spin));
      return;
    }

  spec = hd_targeting_to_json (self->targeting);
  hd_audience_set_name (self->audience, name);
  hd_audience_set_spec (self->audience, spec);
  /* An estimate made before the last change describes another audience: the list would
   * show it as this one's, so it goes. */
  if (self->estimate_at > 0 && !self->estimate_stale)
    {
      hd_audience_set_estimated_size (self->audience, self->estimate_lower);
      hd_audience_set_estimated_upper (self->audience, self->estimate_upper);
      hd_audience_set_estimated_at (self->audience, self->estimate_at);
    }
  else
    {
      hd_audience_set_estimated_size (self->audience, -1);
      hd_audience_set_estimated_upper (self->audience, -1);
      hd_audience_set_estimated_at (self->audience, 0);
    }

  if (!hd_store_save_audience_queued (self->store, self->audience, &error))
    {
      set_status (self->error_label, error->message);
      return;
    }

  set_status (self->error_label, NULL);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_discard_response (AdwMessageDialog *dialog,
                     const char       *response,
                     HdAudienceEditor *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
hd_audience_editor_close_request (GtkWindow *window)
{
  HdAudienceEditor *self = HD_AUDIENCE_EDITOR (window);
  GtkWidget *dialog;

  if (!self->changed)
    return GTK_WINDOW_CLASS (hd_audience_editor_parent_class)->close_request (window);

  dialog = adw_message_dialog_new (window, _("Discard changes?"),
                                   _("The changes to this audience have not been saved."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

static void
on_name_changed (HdAudienceEditor *self)
{
  if (!self->loading)
    self->changed = TRUE;
}

/* GObject */

HdAudienceEditor *
hd_audience_editor_new (HdStore    *store,
                        HdAudience *audience)
{
  HdAudienceEditor *self;

  g_return_val_if_fail (HD_IS_STORE (store), NULL);
  g_return_val_if_fail (audience == NULL || HD_IS_AUDIENCE (audience), NULL);

  self = g_object_new (HD_TYPE_AUDIENCE_EDITOR, NULL);
  self->store = g_object_ref (store);
  self->audience = audience != NULL ? g_object_ref (audience) : hd_audience_new ();
  if (audience != NULL)
    adw_window_title_set_title (self->window_title, _("Edit audience"));

  find_ad_account (self);
  if (self->monitor != NULL)
    g_signal_connect_object (self->monitor, "notify::network-available",
                             G_CALLBACK (on_network_changed), self, G_CONNECT_SWAPPED);
  load_language_names (self);
  load_audience (self);

  return self;
}

HdAudience *
hd_audience_editor_get_audience (HdAudienceEditor *self)
{
  g_return_val_if_fail (HD_IS_AUDIENCE_EDITOR (self), NULL);

  return self->audience;
}

static void
hd_audience_editor_dispose (GObject *object)
{
  HdAudienceEditor *self = HD_AUDIENCE_EDITOR (object);

  g_clear_handle_id (&self->estimate_source, g_source_remove);
  g_cancellable_cancel (self->estimate_cancellable);
  g_clear_object (&self->estimate_cancellable);
  for (guint i = 0; i < G_N_ELEMENTS (self->searches); i++)
    {
      g_cancellable_cancel (self->searches[i].cancellable);
      g_clear_object (&self->searches[i].cancellable);
      g_clear_pointer (&self->searches[i].items, g_ptr_array_unref);
      g_clear_pointer (&self->searches[i].query, g_free);
    }
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_func (self->monitor, on_network_changed, self);
  g_clear_object (&self->monitor);
  g_clear_object (&self->ads);
  g_clear_object (&self->audience);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hd_audience_editor_parent_class)->dispose (object);
}

static void
hd_audience_editor_finalize (GObject *object)
{
  HdAudienceEditor *self = HD_AUDIENCE_EDITOR (object);

  g_clear_pointer (&self->targeting, hd_targeting_free);
  g_clear_pointer (&self->locale_names, g_hash_table_unref);
  g_free (self->account_id);

  G_OBJECT_CLASS (hd_audience_editor_parent_class)->finalize (object);
}

static void
hd_audience_editor_class_init (HdAudienceEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_audience_editor_dispose;
  object_class->finalize = hd_audience_editor_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = hd_audience_editor_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/heraldapp/Herald"
                                               "/audiences/hd-audience-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, HdAudienceEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, HdAudienceEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HdAudienceEditor, summary_label);
  gtk_widget_class_bind_template_child (widget_class, HdAudienceEditor, size_label);
  gtk_widget_class_bind_template_child (widget_class, HdAudienceEditor, estimate_spinner);
  gtk_widget_class_bind_template_child (widget_class, HdAudienceEditor, estimate_button);
  gtk_widget_class_bind_template_child (widget_class, HdAudienceEditor, estimate_status_label);
  gtk_widget_class_bind_template_child (widget_class, HdAudienceEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, HdAudienceEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, HdAudienceEditor, location_entry);
  gtk_widget_class_bind_template_child (widget_class, HdAudienceEditor, location_status_label);
  gtk_widget_class_bind_template_child (widget_class, HdAudienceEditor, location_results);
  gtk_widget_class_bind_template_child (widget_class, HdAudienceEditor, location_list);
  gtk_widget_class_bind_template_child (widget_class, HdAudienceEditor, pin_row);
  gtk_widget_class_bind_template_child (widget_class, HdAudienceEditor, pin_latitude_spin);
  gtk_widget_class_bind_template_child (widget_class, HdAudienceEditor, pin_longitude_spin);
  gtk_widget_class_bind_template_child (widget_class, HdAudienceEditor, pin_radius_spin);
  gtk_widget_class_bind_template_child (widget_class, HdAudienceEditor, pin_unit_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HdAudienceEditor, pin_add_button);
  gtk_widget_class_bind_template_child (widget_class, HdAudienceEditor, age_min_spin);
  gtk_widget_class_bind_template_child (widget_class, HdAudienceEditor, age_max_spin);
  gtk_widget_class_bind_template_child (widget_class, HdAudienceEditor, gender_all_button);
  gtk_widget_class_bind_template_child (widget_class, HdAudienceEditor, gender_men_button);
  gtk_widget_class_bind_template_child (widget_class, HdAudienceEditor, gender_women_button);
  gtk_widget_class_bind_template_child (widget_class, HdAudienceEditor, language_entry);
  gtk_widget_class_bind_template_child (widget_class, HdAudienceEditor, language_status_label);
  gtk_widget_class_bind_template_child (widget_class, HdAudienceEditor, language_results);
  gtk_widget_class_bind_template_child (widget_class, HdAudienceEditor, language_list);
  gtk_widget_class_bind_template_child (widget_class, HdAudienceEditor, age_error_label);
  gtk_widget_class_bind_template_child (widget_class, HdAudienceEditor, interest_entry);
  gtk_widget_class_bind_template_child (widget_class, HdAudienceEditor, interest_status_label);
  gtk_widget_class_bind_template_child (widget_class, HdAudienceEditor, interest_results);
  gtk_widget_class_bind_template_child (widget_class, HdAudienceEditor, groups_box);
  gtk_widget_class_bind_template_child (widget_class, HdAudienceEditor, excluded_list);
  gtk_widget_class_bind_template_child (widget_class, HdAudienceEditor, advantage_switch);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.estimate", NULL, estimate_action);
  gtk_widget_class_install_action (widget_class, "editor.add-group", NULL, add_group_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ensure_css (void)
{
  static GdkDisplay *styled;
  g_autoptr(GtkCssProvider) provider = NULL;
  GdkDisplay *display = gdk_display_get_default ();

  if (display == NULL || display == styled)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider,
                                       "/io/github/heraldapp/Herald/audiences/hd-audiences.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  styled = display;
}

static void
hd_audience_editor_init (HdAudienceEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  hd_window_close_popovers_when_hidden (GTK_WINDOW (self));
  ensure_css ();

  self->searches[SEARCH_LOCATIONS] = (Search) {
    SEARCH_LOCATIONS, self->location_entry, self->location_status_label, self->location_results,
  };
  self->searches[SEARCH_INTERESTS] = (Search) {
    SEARCH_INTERESTS, self->interest_entry, self->interest_status_label, self->interest_results,
  };
  self->searches[SEARCH_LANGUAGES] = (Search) {
    SEARCH_LANGUAGES, self->language_entry, self->language_status_label, self->language_results,
  };
  self->locale_names = g_hash_table_new_full (NULL, NULL, NULL, g_free);

  g_signal_connect_swapped (self->location_entry, "search-changed",
                            G_CALLBACK (on_location_entry_search_changed), self);
  g_signal_connect_swapped (self->interest_entry, "search-changed",
                            G_CALLBACK (on_interest_entry_search_changed), self);
  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (on_name_changed), self);
  g_signal_connect_swapped (self->location_entry, "activate",
                            G_CALLBACK (on_location_entry_activate), self);
  g_signal_connect_swapped (self->interest_entry, "activate",
                            G_CALLBACK (on_interest_entry_activate), self);
  g_signal_connect (self->location_results, "row-activated",
                    G_CALLBACK (on_location_results_row_activated), self);
  g_signal_connect_swapped (self->language_entry, "search-changed",
                            G_CALLBACK (on_language_entry_search_changed), self);
  g_signal_connect_swapped (self->language_entry, "activate",
                            G_CALLBACK (on_language_entry_activate), self);
  g_signal_connect (self->language_results, "row-activated",
                    G_CALLBACK (on_language_results_row_activated), self);
  g_signal_connect_swapped (self->pin_add_button, "clicked", G_CALLBACK (on_pin_add_clicked),
                            self);

  g_signal_connect_swapped (self->age_min_spin, "value-changed", G_CALLBACK (on_age_changed),
                            self);
  g_signal_connect_swapped (self->age_max_spin, "value-changed", G_CALLBACK (on_age_changed),
                            self);
  g_signal_connect (self->age_min_spin, "output", G_CALLBACK (on_age_output), NULL);
  g_signal_connect (self->age_max_spin, "output", G_CALLBACK (on_age_output), NULL);
  g_signal_connect (self->age_min_spin, "input", G_CALLBACK (on_age_input), NULL);
  g_signal_connect (self->age_max_spin, "input", G_CALLBACK (on_age_input), NULL);

  g_signal_connect (self->gender_all_button, "toggled", G_CALLBACK (on_gender_toggled), self);
  g_signal_connect (self->gender_men_button, "toggled", G_CALLBACK (on_gender_toggled), self);
  g_signal_connect (self->gender_women_button, "toggled", G_CALLBACK (on_gender_toggled), self);
  g_signal_connect_swapped (self->advantage_switch, "notify::active",
                            G_CALLBACK (on_advantage_active_changed), self);

  gtk_list_box_set_placeholder (self->location_list,
                                new_placeholder (_("No places yet: search above, or drop a "
                                                   "pin.")));
  gtk_list_box_set_placeholder (self->language_list,
                                new_placeholder (_("Any language. Search above to choose "
                                                   "some.")));
  gtk_list_box_set_placeholder (self->excluded_list,
                                new_placeholder (_("No one is left out. Use the exclude button "
                                                   "of a search result to leave out the "
                                                   "people with that interest.")));
}
