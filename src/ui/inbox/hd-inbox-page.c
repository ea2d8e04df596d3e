/* hd-inbox-page.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-inbox"

#include "config.h"

#include <glib/gi18n.h>

#include "hd-application.h"
#include "hd-channel-connect.h"
#include "hd-channel.h"
#include "hd-core-enums.h"
#include "hd-inbox-item.h"
#include "hd-post.h"
#include "hd-provider.h"
#include "hd-store-inbox.h"
#include "hd-store-posts.h"
#include "inbox/hd-inbox-page.h"
#include "widgets/hd-format.h"
#include "widgets/hd-post-row.h"
#include "widgets/hd-status-icon.h"

struct _HdInboxPage
{
  AdwBin parent_instance;

  /* template widgets */
  GtkStack        *stack;
  AdwStatusPage   *status_page;
  AdwStatusPage   *filtered_status_page;
  AdwLeaflet      *leaflet;
  GtkToggleButton *unanswered_button;
  GtkDropDown     *channel_dropdown;
  GtkDropDown     *post_dropdown;
  GtkStack        *list_stack;
  GtkListView     *list_view;
  HdInboxThread   *thread;

  /* owned references */
  HdStore         *store;
  HdHttp          *http;
  GListModel      *items;
  GListModel      *all_items;
  GtkSingleSelection *selection;
  GHashTable      *channels;
  /* post id → the first words of its text, for the rows and the post filter */
  GHashTable      *post_excerpts;
  /* the ids behind the entries of the drop-downs, after "All" */
  GPtrArray       *channel_ids;
  GPtrArray       *post_ids;

  guint            n_unanswered;
  gboolean         filling_filters;
  /* the items are read when the page is first shown; until then only their count */
  gboolean         stale;
};

G_DEFINE_FINAL_TYPE (HdInboxPage, hd_inbox_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_N_UNANSWERED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
add_label (GtkWidget  *box,
           GtkWidget  *card,
           const char *key,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (GTK_BOX (box), label);
  /* Rows keep their parts on the card, so bind can find them without a widget class. */
  g_object_set_data (G_OBJECT (card), key, label);

  return label;
}

static GtkWidget *
part (GtkListItem *item,
      const char  *key)
{
  return g_object_get_data (G_OBJECT (gtk_list_item_get_child (item)), key);
}

static const char *
describe_kind (HdInboxKind kind)
{
  switch (kind)
    {
    case HD_INBOX_KIND_COMMENT:
      return _("Comment");
    case HD_INBOX_KIND_REPLY:
      return _("Reply");
    case HD_INBOX_KIND_MENTION:
      return _("Mention");
    case HD_INBOX_KIND_MESSAGE:
      return _("Direct message");
    default:
      return "";
    }
}

static const char *
describe_reply_state (HdReplyState state)
{
  switch (state)
    {
    case HD_REPLY_STATE_UNREAD:
      return _("New");
    case HD_REPLY_STATE_READ:
      return _("Unanswered");
    case HD_REPLY_STATE_REPLIED:
      return _("Replied");
    case HD_REPLY_STATE_DONE:
      return _("Done");
    default:
      return "";
    }
}

/* The first words of Herald's post @post_id, read once. */
static const char *
lookup_post_excerpt (HdInboxPage *self,
                     const char  *post_id)
{
  const char *excerpt;

  if (post_id == NULL || self->store == NULL)
    return NULL;

  excerpt = g_hash_table_lookup (self->post_excerpts, post_id);
  if (excerpt == NULL)
    {
      g_autoptr(HdPost) post = hd_store_load_post (self->store, post_id, NULL);
      char *made = post != NULL ? hd_format_first_words (hd_post_get_text (post), 48)
                                : g_strdup (_("a post no longer in Herald"));

      g_hash_table_insert (self->post_excerpts, g_strdup (post_id), made);
      excerpt = made;
    }

  return excerpt;
}

static void
setup_item (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            HdInboxPage              *self)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *footer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *text;
  GtkWidget *pill;

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "hd-card");
  gtk_list_item_set_child (item, card);

  gtk_box_append (GTK_BOX (card), header);
  gtk_widget_add_css_class (icon, "dim-label");
  gtk_box_append (GTK_BOX (header), icon);
  g_object_set_data (G_OBJECT (card), "icon", icon);
  add_label (header, card, "author", "heading");
  gtk_widget_set_hexpand (add_label (header, card, "handle", "dim-label"), TRUE);
  add_label (header, card, "time", "dim-label");

  text = add_label (card, card, "text", NULL);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (text), 3);

  add_label (card, card, "post", "caption");
  gtk_widget_add_css_class (part (item, "post"), "dim-label");

  gtk_box_append (GTK_BOX (card), footer);
  gtk_widget_set_hexpand (add_label (footer, card, "kind", "caption"), TRUE);
  gtk_widget_add_css_class (part (item, "kind"), "dim-label");
  pill = add_label (footer, card, "pill", "hd-pill");
  gtk_widget_set_valign (pill, GTK_ALIGN_CENTER);
}

static void
bind_item (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           HdInboxPage              *self)
{
  HdInboxItem *inbox_item = HD_INBOX_ITEM (gtk_list_item_get_item (item));
  GtkWidget *card = gtk_list_item_get_child (item);
  HdChannel *channel = NULL;
  HdReplyState state = hd_inbox_item_get_reply_state (inbox_item);
  gboolean deleted = hd_inbox_item_get_deleted (inbox_item);
  g_autofree char *when = NULL;
  g_autofree char *about = NULL;
  g_autofree char *accessible = NULL;
  const char *author = hd_inbox_item_get_author_name (inbox_item);
  const char *excerpt;
  const char *state_text = describe_reply_state (state);
  const char *state_css = hd_enum_to_nick (HD_TYPE_REPLY_STATE, state);

  if (self->channels != NULL)
    channel = g_hash_table_lookup (self->channels, hd_inbox_item_get_channel_id (inbox_item));

  gtk_image_set_from_icon_name (GTK_IMAGE (part (item, "icon")),
                                channel != NULL
                                ? hd_channel_kind_icon_name (hd_channel_get_kind (channel))
                                : NULL);
  gtk_widget_set_tooltip_text (part (item, "icon"),
                               channel != NULL ? hd_channel_get_display_name (channel) : NULL);
  gtk_widget_set_visible (part (item, "icon"), channel != NULL);

  if (author == NULL || *author == '\0')
    author = hd_inbox_item_get_author_handle (inbox_item);
  gtk_label_set_label (GTK_LABEL (part (item, "author")), author);
  gtk_label_set_label (GTK_LABEL (part (item, "handle")),
                       hd_inbox_item_get_author_handle (inbox_item));
  gtk_widget_set_visible (part (item, "handle"),
                          g_strcmp0 (author, hd_inbox_item_get_author_handle (inbox_item)) != 0);

  when = hd_format_relative (hd_inbox_item_get_received_at (inbox_item),
                             g_get_real_time () / G_USEC_PER_SEC);
  gtk_label_set_label (GTK_LABEL (part (item, "time")), when);
  gtk_label_set_label (GTK_LABEL (part (item, "text")), hd_inbox_item_get_text (inbox_item));

  excerpt = lookup_post_excerpt (self, hd_inbox_item_get_post_id (inbox_item));
  if (excerpt != NULL)
    /* TRANSLATORS: %s is the start of the user's own post that this comment answers */
    about = g_strdup_printf (_("On “%s”"), excerpt);
  gtk_label_set_label (GTK_LABEL (part (item, "post")), about);
  gtk_widget_set_visible (part (item, "post"), about != NULL);

  gtk_label_set_label (GTK_LABEL (part (item, "kind")),
                       describe_kind (hd_inbox_item_get_kind (inbox_item)));

  /* What happened on the platform, or in Herald, says more than the answer state. */
  if (deleted)
    {
      state_text = _("Deleted");
      state_css = "deleted";
    }
  else if (hd_inbox_item_get_hidden (inbox_item))
    {
      state_text = _("Hidden");
      state_css = "hidden";
    }
  hd_pill_set_state (GTK_LABEL (part (item, "pill")), state_css, state_text);
  if (deleted)
    gtk_widget_add_css_class (card, "hd-deleted");
  else
    gtk_widget_remove_css_class (card, "hd-deleted");

  accessible = g_strdup_printf (_("%s from %s, %s: %s"),
                                describe_kind (hd_inbox_item_get_kind (inbox_item)), author,
                                state_text, hd_inbox_item_get_text (inbox_item));
  gtk_accessible_update_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
}

static gboolean
has_filters (HdInboxPage *self)
{
  return gtk_toggle_button_get_active (self->unanswered_button)
         || gtk_drop_down_get_selected (self->channel_dropdown) > 0
         || gtk_drop_down_get_selected (self->post_dropdown) > 0;
}

static void
update_visible_child (HdInboxPage *self)
{
  gboolean nothing = self->all_items == NULL || g_list_model_get_n_items (self->all_items) == 0;
  gboolean shown = self->items != NULL && g_list_model_get_n_items (self->items) > 0;

  /* With a channel connected, "connect a channel first" would send people in circles. */
  if (nothing)
    {
      gboolean has_channels = self->channels != NULL && g_hash_table_size (self->channels) > 0;

      adw_status_page_set_description (self->status_page,
                                       has_channels
                                       ? _("Comments, replies and mentions arrive here. Herald "
                                           "fetches them from your channels while it runs.")
                                       : _("Comments, replies and mentions from your channels "
                                           "arrive here. Connect a channel first."));
      gtk_widget_set_visible (adw_status_page_get_child (self->status_page), !has_channels);
    }

  gtk_stack_set_visible_child_name (self->stack, nothing ? "empty" : "content");
  gtk_stack_set_visible_child_name (self->list_stack,
                                    shown || !has_filters (self) ? "list" : "filtered");
}

static void
update_n_unanswered (HdInboxPage *self)
{
  guint n = 0;
  g_autoptr(GError) error = NULL;

  if (self->store != NULL && !hd_store_count_unanswered_inbox (self->store, NULL, &n, &error))
    g_warning ("Could not count the messages to answer: %s", error->message);

  if (n != self->n_unanswered)
    {
      self->n_unanswered = n;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_UNANSWERED]);
    }
}

/* Fills a drop-down with "All …" and @names, keeping the entry that had @keep_id. */
static void
fill_dropdown (HdInboxPage *self,
               GtkDropDown *dropdown,
               const char  *all_label,
               GPtrArray   *ids,
               GPtrArray   *names,
               const char  *keep_id)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  guint selected = 0;

  gtk_string_list_append (list, all_label);
  for (guint i = 0; i < ids->len; i++)
    {
      gtk_string_list_append (list, names->pdata[i]);
      if (g_strcmp0 (keep_id, ids->pdata[i]) == 0)
        selected = i + 1;
    }

  self->filling_filters = TRUE;
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (dropdown, selected);
  self->filling_filters = FALSE;
}

static const char *
selected_id (GtkDropDown *dropdown,
             GPtrArray   *ids)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (ids == NULL || selected == 0 || selected == GTK_INVALID_LIST_POSITION
      || selected > ids->len)
    return NULL;

  return ids->pdata[selected - 1];
}

static void
fill_channel_filter (HdInboxPage *self)
{
  g_autofree char *keep = g_strdup (selected_id (self->channel_dropdown, self->channel_ids));
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GListModel) channels = NULL;

  g_clear_pointer (&self->channel_ids, g_ptr_array_unref);
  self->channel_ids = g_ptr_array_new_with_free_func (g_free);
  if (self->store != NULL)
    channels = hd_store_list_channels (self->store, NULL);
  for (guint i = 0; channels != NULL && i < g_list_model_get_n_items (channels); i++)
    {
      g_autoptr(HdChannel) channel = g_list_model_get_item (channels, i);

      g_ptr_array_add (self->channel_ids, g_strdup (hd_channel_get_id (channel)));
      g_ptr_array_add (names, g_strdup (hd_channel_get_display_name (channel)));
    }
  g_ptr_array_set_free_func (names, g_free);

  fill_dropdown (self, self->channel_dropdown, _("All channels"), self->channel_ids, names,
                 keep);
}

/* The posts people wrote about, newest conversation first. */
static void
fill_post_filter (HdInboxPage *self)
{
  g_autofree char *keep = g_strdup (selected_id (self->post_dropdown, self->post_ids));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_clear_pointer (&self->post_ids, g_ptr_array_unref);
  self->post_ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; self->all_items != NULL && i < g_list_model_get_n_items (self->all_items);
       i++)
    {
      g_autoptr(HdInboxItem) item = g_list_model_get_item (self->all_items, i);
      const char *post_id = hd_inbox_item_get_post_id (item);

      if (post_id == NULL || !g_hash_table_add (seen, (gpointer) post_id))
        continue;
      g_ptr_array_add (self->post_ids, g_strdup (post_id));
      g_ptr_array_add (names, g_strdup (lookup_post_excerpt (self, post_id)));
    }
  fill_dropdown (self, self->post_dropdown, _("All posts"), self->post_ids, names, keep);
  gtk_widget_set_visible (GTK_WIDGET (self->post_dropdown), self->post_ids->len > 0);
}

static void
apply_filters (HdInboxPage *self)
{
  HdInboxFilter filter = { 0 };
  g_autoptr(GError) error = NULL;

  if (self->items != NULL)
    g_signal_handlers_disconnect_by_func (self->items, update_visible_child, self);
  g_clear_object (&self->items);

  filter.unanswered_only = gtk_toggle_button_get_active (self->unanswered_button);
  filter.channel_id = selected_id (self->channel_dropdown, self->channel_ids);
  filter.post_id = selected_id (self->post_dropdown, self->post_ids);

  if (self->store != NULL && !self->stale)
    {
      self->items = hd_store_list_inbox_filtered (self->store, &filter, &error);
      if (self->items == NULL)
        g_warning ("Could not list the inbox: %s", error->message);
    }

  if (self->items != NULL)
    g_signal_connect_swapped (self->items, "items-changed", G_CALLBACK (update_visible_child),
                              self);
  gtk_single_selection_set_model (self->selection, self->items);
  update_visible_child (self);
}

static void
on_filter_changed (HdInboxPage *self)
{
  if (!self->filling_filters)
    apply_filters (self);
}

static void
on_clear_filters_clicked (HdInboxPage *self)
{
  hd_inbox_page_set_filter (self, FALSE, NULL, NULL);
}

void
hd_inbox_page_set_filter (HdInboxPage *self,
                          gboolean     unanswered_only,
                          const char  *channel_id,
                          const char  *post_id)
{
  guint channel = 0;
  guint post = 0;

  g_return_if_fail (HD_IS_INBOX_PAGE (self));

  for (guint i = 0; channel_id != NULL && self->channel_ids != NULL
                    && i < self->channel_ids->len; i++)
    if (g_strcmp0 (self->channel_ids->pdata[i], channel_id) == 0)
      channel = i + 1;
  for (guint i = 0; post_id != NULL && self->post_ids != NULL && i < self->post_ids->len; i++)
    if (g_strcmp0 (self->post_ids->pdata[i], post_id) == 0)
      post = i + 1;

  self->filling_filters = TRUE;
  gtk_toggle_button_set_active (self->unanswered_button, unanswered_only);
  gtk_drop_down_set_selected (self->channel_dropdown, channel);
  gtk_drop_down_set_selected (self->post_dropdown, post);
  self->filling_filters = FALSE;
  apply_filters (self);
}

static void
on_all_items_changed (HdInboxPage *self)
{
  fill_post_filter (self);
  update_n_unanswered (self);
  update_visible_child (self);
}

static void
reload (HdInboxPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->all_items != NULL)
    g_signal_handlers_disconnect_by_func (self->all_items, on_all_items_changed, self);
  g_clear_object (&self->all_items);
  g_clear_pointer (&self->channels, g_hash_table_unref);
  g_hash_table_remove_all (self->post_excerpts);

  /* Thousands of comments are not read while the window opens: the sidebar needs only how
   * many wait for an answer. */
  self->stale = self->store != NULL && !gtk_widget_get_mapped (GTK_WIDGET (self));

  if (self->store != NULL && !self->stale)
    {
      self->channels = hd_channel_map_new (self->store);
      self->all_items = hd_store_list_inbox_filtered (self->store, NULL, &error);
      if (self->all_items == NULL)
        g_warning ("Could not list the inbox: %s", error->message);
      else
        g_signal_connect_swapped (self->all_items, "items-changed",
                                  G_CALLBACK (on_all_items_changed), self);
    }

  fill_channel_filter (self);
  fill_post_filter (self);
  update_n_unanswered (self);
  apply_filters (self);
}

static void
on_store_changed (HdInboxPage *self,
                  const char  *family)
{
  if (g_strcmp0 (family, HD_STORE_FAMILY_CHANNELS) == 0)
    reload (self);
  else if (g_strcmp0 (family, HD_STORE_FAMILY_INBOX) == 0 && self->all_items == NULL)
    update_n_unanswered (self);
  else if (g_strcmp0 (family, HD_STORE_FAMILY_POSTS) == 0)
    g_hash_table_remove_all (self->post_excerpts);
}

/* Hiding goes through the platform, so the button shows only where the platform offers it. */
static gboolean
channel_can_hide (HdInboxPage *self,
                  const char  *channel_id)
{
  HdChannel *channel = self->channels != NULL ? g_hash_table_lookup (self->channels, channel_id)
                                              : NULL;
  g_autoptr(HdProvider) provider = NULL;
  HdHttp *http = self->http;

  if (http == NULL)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root))
                                                 : NULL;

      if (HD_IS_APPLICATION (app))
        http = hd_application_get_http (HD_APPLICATION (app));
    }

  if (channel == NULL || http == NULL)
    return FALSE;

  provider = hd_provider_new_for_channel (http, self->store, channel, NULL);

  return provider != NULL && hd_provider_can_hide (provider);
}

void
hd_inbox_page_open_item (HdInboxPage *self,
                         const char  *id)
{
  g_autoptr(HdInboxItem) item = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (HD_IS_INBOX_PAGE (self));
  g_return_if_fail (self->store != NULL);

  item = hd_store_load_inbox_item (self->store, id, &error);
  if (item == NULL)
    {
      g_warning ("Could not open a message: %s", error->message);
      return;
    }

  hd_inbox_thread_set_can_hide (self->thread,
                                channel_can_hide (self, hd_inbox_item_get_channel_id (item)));
  hd_inbox_thread_open (self->thread, id);
  /* Seen now; it still waits for an answer. */
  if (!hd_store_mark_inbox_item_read (self->store, id, &error))
    g_warning ("Could not mark a message read: %s", error->message);

  for (guint i = 0; self->items != NULL && i < g_list_model_get_n_items (self->items); i++)
    {
      g_autoptr(HdInboxItem) shown = g_list_model_get_item (self->items, i);

      if (g_strcmp0 (hd_inbox_item_get_id (shown), id) == 0)
        gtk_single_selection_set_selected (self->selection, i);
    }

  adw_leaflet_set_visible_child_name (self->leaflet, "thread");
}

static void
on_list_activate (HdInboxPage *self,
                  guint        position)
{
  g_autoptr(HdInboxItem) item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (item != NULL)
    hd_inbox_page_open_item (self, hd_inbox_item_get_id (item));
}

static void
on_thread_back (HdInboxPage *self)
{
  adw_leaflet_set_visible_child_name (self->leaflet, "list");
}

static void
on_leaflet_folded_changed (HdInboxPage *self)
{
  hd_inbox_thread_set_show_back (self->thread, adw_leaflet_get_folded (self->leaflet));
}

GListModel *
hd_inbox_page_get_items (HdInboxPage *self)
{
  g_return_val_if_fail (HD_IS_INBOX_PAGE (self), NULL);

  return self->items;
}

HdInboxThread *
hd_inbox_page_get_thread (HdInboxPage *self)
{
  g_return_val_if_fail (HD_IS_INBOX_PAGE (self), NULL);

  return self->thread;
}

guint
hd_inbox_page_get_n_unanswered (HdInboxPage *self)
{
  g_return_val_if_fail (HD_IS_INBOX_PAGE (self), 0);

  return self->n_unanswered;
}

void
hd_inbox_page_set_http (HdInboxPage *self,
                        HdHttp      *http)
{
  g_return_if_fail (HD_IS_INBOX_PAGE (self));
  g_return_if_fail (http == NULL || HD_IS_HTTP (http));

  g_set_object (&self->http, http);
}

HdStore *
hd_inbox_page_get_store (HdInboxPage *self)
{
  g_return_val_if_fail (HD_IS_INBOX_PAGE (self), NULL);

  return self->store;
}

void
hd_inbox_page_set_store (HdInboxPage *self,
                         HdStore     *store)
{
  g_return_if_fail (HD_IS_INBOX_PAGE (self));
  g_return_if_fail (store == NULL || HD_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self,
                             G_CONNECT_SWAPPED);

  hd_inbox_thread_set_store (self->thread, store);
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static void
hd_inbox_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  HdInboxPage *self = HD_INBOX_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_N_UNANSWERED:
      g_value_set_uint (value, self->n_unanswered);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_inbox_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  HdInboxPage *self = HD_INBOX_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      hd_inbox_page_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_inbox_page_dispose (GObject *object)
{
  HdInboxPage *self = HD_INBOX_PAGE (object);

  if (self->items != NULL)
    g_signal_handlers_disconnect_by_func (self->items, update_visible_child, self);
  if (self->all_items != NULL)
    g_signal_handlers_disconnect_by_func (self->all_items, on_all_items_changed, self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);

  g_clear_object (&self->selection);
  g_clear_object (&self->items);
  g_clear_object (&self->all_items);
  g_clear_object (&self->store);
  g_clear_object (&self->http);
  g_clear_pointer (&self->channels, g_hash_table_unref);
  g_clear_pointer (&self->post_excerpts, g_hash_table_unref);
  g_clear_pointer (&self->channel_ids, g_ptr_array_unref);
  g_clear_pointer (&self->post_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (hd_inbox_page_parent_class)->dispose (object);
}

static void
load_css (void)
{
  static GdkDisplay *styled;
  g_autoptr(GtkCssProvider) provider = NULL;
  GdkDisplay *display = gdk_display_get_default ();

  if (display == NULL || display == styled)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/heraldapp/Herald/inbox/hd-inbox.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  styled = display;
}

static void
hd_inbox_page_map (GtkWidget *widget)
{
  HdInboxPage *self = HD_INBOX_PAGE (widget);

  GTK_WIDGET_CLASS (hd_inbox_page_parent_class)->map (widget);

  if (self->stale)
    reload (self);
}

static void
hd_inbox_page_class_init (HdInboxPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = hd_inbox_page_get_property;
  object_class->set_property = hd_inbox_page_set_property;
  object_class->dispose = hd_inbox_page_dispose;
  widget_class->map = hd_inbox_page_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         HD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_UNANSWERED] =
    g_param_spec_uint ("n-unanswered", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (HD_TYPE_INBOX_THREAD);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/heraldapp/Herald"
                                               "/inbox/hd-inbox-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HdInboxPage, stack);
  gtk_widget_class_bind_template_child (widget_class, HdInboxPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, HdInboxPage, filtered_status_page);
  gtk_widget_class_bind_template_child (widget_class, HdInboxPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, HdInboxPage, unanswered_button);
  gtk_widget_class_bind_template_child (widget_class, HdInboxPage, channel_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HdInboxPage, post_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HdInboxPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, HdInboxPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, HdInboxPage, thread);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_filters_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_thread_back);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded_changed);
}

static void
hd_inbox_page_init (HdInboxPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  load_css ();
  self->post_excerpts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gtk_widget_init_template (GTK_WIDGET (self));

  hd_status_page_set_icon_when_shown (self->status_page, "mail-unread-symbolic");
  hd_status_page_set_icon_when_shown (self->filtered_status_page, "edit-find-symbolic");

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_item), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_item), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  fill_channel_filter (self);
  fill_post_filter (self);
  on_leaflet_folded_changed (self);
  update_visible_child (self);
}
