/* hd-ad-editor.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-campaigns"

#include "config.h"

#include <glib/gi18n.h>

#include "hd-channel.h"
#include "hd-meta-enums.h"
#include "hd-post.h"
#include "hd-store-channels.h"
#include "hd-store-posts.h"
#include "campaigns/hd-ad-editor.h"
#include "campaigns/hd-campaign-fields.h"
#include "widgets/hd-format.h"

struct _HdAdEditor
{
  AdwBin parent_instance;

  /* widgets */
  AdwPreferencesGroup *group;
  GtkWidget           *post_row;
  AdwEntryRow         *name_row;
  GtkTextView         *body_view;
  AdwEntryRow         *headline_row;
  AdwEntryRow         *link_row;
  GtkWidget           *call_to_action_row;
  GtkWidget           *page_row;

  /* owned references */
  HdStore             *store;
  HdAd                *ad;
  HdCampaignFields    *fields;
  /* the text last put in from a post, so a later choice replaces it but not the user's own */
  char                *post_text;
};

G_DEFINE_FINAL_TYPE (HdAdEditor, hd_ad_editor, ADW_TYPE_BIN)

/* The buttons a small business uses most; each is checked against Meta's list below. */
static const struct { const char *value; const char *label; } call_to_actions[] = {
  { "LEARN_MORE", N_("Learn more") },
  { "SHOP_NOW", N_("Shop now") },
  { "BOOK_NOW", N_("Book now") },
  { "ORDER_NOW", N_("Order now") },
  { "SIGN_UP", N_("Sign up") },
  { "CONTACT_US", N_("Contact us") },
  { "CALL_NOW", N_("Call now") },
  { "GET_OFFER", N_("Get offer") },
  { "GET_DIRECTIONS", N_("Get directions") },
  { "MESSAGE_PAGE", N_("Send message") },
  { "SUBSCRIBE", N_("Subscribe") },
};

static char *
get_body (HdAdEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

char *
hd_ad_editor_get_body (HdAdEditor *self)
{
  g_return_val_if_fail (HD_IS_AD_EDITOR (self), NULL);

  return get_body (self);
}

static void
fill_posts (HdAdEditor *self)
{
  static const HdPostState states[] = {
    HD_POST_STATE_PUBLISHED, HD_POST_STATE_SCHEDULED, HD_POST_STATE_DRAFT,
  };

  hd_campaign_choice_append (self->post_row, _("Choose a post"), NULL);
  for (guint s = 0; self->store != NULL && s < G_N_ELEMENTS (states); s++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GListModel) posts = hd_store_list_posts_in_state (self->store, states[s],
                                                                  &error);

      if (posts == NULL)
        {
          g_warning ("Could not list posts for ads: %s", error->message);
          continue;
        }

      for (guint i = 0; i < g_list_model_get_n_items (posts); i++)
        {
          g_autoptr(HdPost) post = g_list_model_get_item (posts, i);
          g_autofree char *words = hd_format_first_words (hd_post_get_text (post), 48);

          hd_campaign_choice_append (self->post_row, words, hd_post_get_id (post));
        }
    }
}

static void
fill_pages (HdAdEditor *self)
{
  g_autoptr(GListModel) channels = NULL;
  g_autoptr(GError) error = NULL;

  hd_campaign_choice_append (self->page_row, _("Choose a Page"), NULL);
  if (self->store == NULL)
    return;

  channels = hd_store_list_channels (self->store, &error);
  for (guint i = 0; channels != NULL && i < g_list_model_get_n_items (channels); i++)
    {
      g_autoptr(HdChannel) channel = g_list_model_get_item (channels, i);

      if (hd_channel_get_kind (channel) == HD_CHANNEL_KIND_FACEBOOK_PAGE
          && hd_channel_get_remote_account_id (channel) != NULL)
        hd_campaign_choice_append (self->page_row, hd_channel_get_display_name (channel),
                                   hd_channel_get_remote_account_id (channel));
    }
}

static void
fill_call_to_actions (HdAdEditor *self)
{
  hd_campaign_choice_append (self->call_to_action_row, _("No button"), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (call_to_actions); i++)
    if (hd_meta_enum_contains (HD_META_ENUM_CALL_TO_ACTION_TYPE, call_to_actions[i].value))
      hd_campaign_choice_append (self->call_to_action_row, _(call_to_actions[i].label),
                                 call_to_actions[i].value);
}

static void
on_post_selected (HdAdEditor *self)
{
  hd_ad_editor_choose_post (self, hd_campaign_choice_get (self->post_row));
}

void
hd_ad_editor_choose_post (HdAdEditor *self,
                          const char *post_id)
{
  g_autoptr(HdPost) post = NULL;
  g_autofree char *body = NULL;
  g_autofree char *name = NULL;
  g_autofree char *words = NULL;

  g_return_if_fail (HD_IS_AD_EDITOR (self));

  if (g_strcmp0 (hd_campaign_choice_get (self->post_row), post_id) != 0)
    {
      /* Setting the row comes back here through its notify handler. */
      hd_campaign_choice_set (self->post_row, post_id);
      return;
    }

  if (post_id == NULL || self->store == NULL
      || (post = hd_store_load_post (self->store, post_id, NULL)) == NULL)
    return;

  body = get_body (self);
  if (*body == '\0' || g_strcmp0 (body, self->post_text) == 0)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view),
                              hd_post_get_text (post) != NULL ? hd_post_get_text (post) : "",
                              -1);
  g_free (self->post_text);
  self->post_text = g_strdup (hd_post_get_text (post));

  if (*gtk_editable_get_text (GTK_EDITABLE (self->name_row)) == '\0')
    {
      words = hd_format_first_words (hd_post_get_text (post), 32);
      /* TRANSLATORS: the name of an ad made from a post, "Ad: Spring menu is here" */
      name = g_strdup_printf (_("Ad: %s"), words);
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
    }
}

GtkWidget *
hd_ad_editor_new (HdStore *store,
                  HdAd    *ad)
{
  HdAdEditor *self;

  g_return_val_if_fail (store == NULL || HD_IS_STORE (store), NULL);
  g_return_val_if_fail (HD_IS_AD (ad), NULL);

  self = g_object_new (HD_TYPE_AD_EDITOR, NULL);
  self->store = store != NULL ? g_object_ref (store) : NULL;
  self->ad = g_object_ref (ad);

  fill_posts (self);
  fill_pages (self);
  fill_call_to_actions (self);

  gtk_editable_set_text (GTK_EDITABLE (self->name_row),
                         hd_ad_get_name (ad) != NULL ? hd_ad_get_name (ad) : "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view),
                            hd_ad_get_body (ad) != NULL ? hd_ad_get_body (ad) : "", -1);
  gtk_editable_set_text (GTK_EDITABLE (self->headline_row),
                         hd_ad_get_headline (ad) != NULL ? hd_ad_get_headline (ad) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->link_row),
                         hd_ad_get_link (ad) != NULL ? hd_ad_get_link (ad) : "");
  hd_campaign_choice_set (self->call_to_action_row, hd_ad_get_call_to_action (ad));
  hd_campaign_choice_set (self->page_row, hd_ad_get_page_remote_id (ad));
  /* With one Page connected, a new ad runs as it. */
  if (hd_ad_get_page_remote_id (ad) == NULL
      && g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (self->page_row))) == 2)
    adw_combo_row_set_selected (ADW_COMBO_ROW (self->page_row), 1);
  hd_campaign_choice_set (self->post_row, hd_ad_get_post_id (ad));
  g_signal_connect_object (self->post_row, "notify::selected", G_CALLBACK (on_post_selected),
                           self, G_CONNECT_SWAPPED);

  return GTK_WIDGET (self);
}

HdAd *
hd_ad_editor_get_ad (HdAdEditor *self)
{
  g_return_val_if_fail (HD_IS_AD_EDITOR (self), NULL);

  return self->ad;
}

static char *
dup_trimmed (GtkEditable *editable)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  if (*text == '\0')
    g_clear_pointer (&text, g_free);

  return text;
}

void
hd_ad_editor_apply (HdAdEditor *self,
                    const char *ad_set_id,
                    HdAdStatus  status)
{
  g_autofree char *name = dup_trimmed (GTK_EDITABLE (self->name_row));
  g_autofree char *headline = dup_trimmed (GTK_EDITABLE (self->headline_row));
  g_autofree char *link = dup_trimmed (GTK_EDITABLE (self->link_row));
  g_autofree char *body = get_body (self);

  g_return_if_fail (HD_IS_AD_EDITOR (self));

  hd_ad_set_ad_set_id (self->ad, ad_set_id);
  hd_ad_set_name (self->ad, name);
  hd_ad_set_post_id (self->ad, hd_campaign_choice_get (self->post_row));
  hd_ad_set_body (self->ad, *body != '\0' ? body : NULL);
  hd_ad_set_headline (self->ad, headline);
  hd_ad_set_link (self->ad, link);
  hd_ad_set_call_to_action (self->ad, hd_campaign_choice_get (self->call_to_action_row));
  hd_ad_set_page_remote_id (self->ad, hd_campaign_choice_get (self->page_row));
  hd_ad_set_status (self->ad, status);
}

void
hd_ad_editor_clear_problems (HdAdEditor *self)
{
  g_return_if_fail (HD_IS_AD_EDITOR (self));

  hd_campaign_fields_clear (self->fields);
}

gboolean
hd_ad_editor_show_problem (HdAdEditor   *self,
                           HdAdsProblem *problem)
{
  g_return_val_if_fail (HD_IS_AD_EDITOR (self), FALSE);

  if (problem->subject != HD_ADS_SUBJECT_AD
      || g_strcmp0 (problem->subject_id, hd_ad_get_id (self->ad)) != 0)
    return FALSE;

  return hd_campaign_fields_show (self->fields, problem->field, problem->sentence);
}

const char *
hd_ad_editor_get_problem (HdAdEditor *self,
                          const char *field)
{
  g_return_val_if_fail (HD_IS_AD_EDITOR (self), NULL);

  return hd_campaign_fields_get_shown (self->fields, field);
}

GtkEditable *
hd_ad_editor_get_editable (HdAdEditor *self,
                           const char *field)
{
  g_return_val_if_fail (HD_IS_AD_EDITOR (self), NULL);

  if (g_strcmp0 (field, "name") == 0)
    return GTK_EDITABLE (self->name_row);
  if (g_strcmp0 (field, "title") == 0)
    return GTK_EDITABLE (self->headline_row);
  if (g_strcmp0 (field, "link_url") == 0)
    return GTK_EDITABLE (self->link_row);

  return NULL;
}

void
hd_ad_editor_set_call_to_action (HdAdEditor *self,
                                 const char *call_to_action)
{
  g_return_if_fail (HD_IS_AD_EDITOR (self));

  hd_campaign_choice_set (self->call_to_action_row, call_to_action);
}

static void
hd_ad_editor_dispose (GObject *object)
{
  HdAdEditor *self = HD_AD_EDITOR (object);

  g_clear_object (&self->store);
  g_clear_object (&self->ad);

  G_OBJECT_CLASS (hd_ad_editor_parent_class)->dispose (object);
}

static void
hd_ad_editor_finalize (GObject *object)
{
  HdAdEditor *self = HD_AD_EDITOR (object);

  hd_campaign_fields_free (self->fields);
  g_free (self->post_text);

  G_OBJECT_CLASS (hd_ad_editor_parent_class)->finalize (object);
}

static void
hd_ad_editor_class_init (HdAdEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hd_ad_editor_dispose;
  object_class->finalize = hd_ad_editor_finalize;
}

static GtkWidget *
new_entry_row (const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);

  return row;
}

static GtkWidget *
new_body_row (HdAdEditor *self)
{
  /* A preferences row, so the group keeps it in its list, in order. */
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("_Text of the ad"));
  GtkWidget *view = gtk_text_view_new ();

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (box, "hd-body-row");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_widget_set_size_request (view, -1, 72);
  gtk_widget_add_css_class (view, "hd-ad-body");
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), view);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Text of the ad"), -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), view);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  self->body_view = GTK_TEXT_VIEW (view);

  return row;
}

static void
hd_ad_editor_init (HdAdEditor *self)
{
  static const char *creative[] = { "creative", NULL };
  static const char *name[] = { "name", NULL };
  static const char *body[] = { "body", NULL };
  static const char *title[] = { "title", NULL };
  static const char *link[] = { "link_url", NULL };
  static const char *call_to_action[] = { "call_to_action_type", NULL };
  static const char *page[] = { "page_id", NULL };

  self->fields = hd_campaign_fields_new ();
  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("Ad"));
  adw_preferences_group_set_description (self->group,
                                         _("Made from one of your posts: its text is filled "
                                           "in, and you can change it for the ad."));

  self->post_row = hd_campaign_choice_new (_("Post"), NULL, NULL);
  hd_campaign_fields_add (self->fields, self->group, self->post_row, creative);
  self->name_row = ADW_ENTRY_ROW (new_entry_row (_("Ad name")));
  hd_campaign_fields_add (self->fields, self->group, GTK_WIDGET (self->name_row), name);
  hd_campaign_fields_add (self->fields, self->group, new_body_row (self), body);
  self->headline_row = ADW_ENTRY_ROW (new_entry_row (_("Headline")));
  hd_campaign_fields_add (self->fields, self->group, GTK_WIDGET (self->headline_row), title);
  self->link_row = ADW_ENTRY_ROW (new_entry_row (_("Web address the ad leads to")));
  gtk_editable_set_text (GTK_EDITABLE (self->link_row), "");
  hd_campaign_fields_add (self->fields, self->group, GTK_WIDGET (self->link_row), link);
  self->call_to_action_row = hd_campaign_choice_new (_("Button"), NULL, NULL);
  hd_campaign_fields_add (self->fields, self->group, self->call_to_action_row, call_to_action);
  self->page_row = hd_campaign_choice_new (_("Facebook Page"), NULL, NULL);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->page_row), _("The ad runs as this Page"));
  hd_campaign_fields_add (self->fields, self->group, self->page_row, page);
  hd_campaign_fields_add_general (self->fields, self->group);

  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->group));
}
