/* hd-window.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "hd-window.h"
#include "hd-store-ads-sync.h"
#include "hd-store-conflicts.h"
#include "hd-store-outbox.h"
#include "audiences/hd-audiences-page.h"
#include "calendar/hd-calendar-page.h"
#include "campaigns/hd-campaigns-page.h"
#include "changes/hd-changes-window.h"
#include "channels/hd-channels-page.h"
#include "hd-feed-fetcher.h"
#include "ideas/hd-ideas-page.h"
#include "inbox/hd-inbox-page.h"
#include "reports/hd-reports-page.h"
#include "widgets/hd-popovers.h"

struct _HdWindow
{
  AdwApplicationWindow parent_instance;

  /* template widgets */
  AdwToastOverlay *toast_overlay;
  GtkStack       *view_stack;
  GtkWidget      *loading_page;
  GMenuModel     *primary_menu;

  /* the error's widgets, from hd-window-error.ui: NULL until first shown (see ensure_error) */
  AdwStatusPage  *error_page;
  GtkMenuButton  *error_menu_button;

  /* workspace widgets, from hd-window-workspace.ui: NULL until ensure_workspace builds them */
  AdwLeaflet     *leaflet;
  GtkWidget      *sidebar;
  GtkWidget      *content;
  GtkListBox     *sidebar_list;
  GtkStack       *page_stack;
  AdwWindowTitle *window_title;
  GtkWidget      *sync_button;
  GtkImage       *sync_icon;
  GtkLabel       *sync_label;
  GtkWidget      *calendar_page;
  AdwSqueezer    *nav_squeezer;
  AdwSqueezer    *tools_squeezer;
  AdwSqueezer    *title_squeezer;
  GtkWidget      *calendar_nav;
  GtkWidget      *calendar_tools;
  GtkWidget      *view_switcher;
  GtkWidget      *view_switcher_narrow;
  GtkWidget      *calendar_filter_button;
  GtkMenuButton  *sidebar_menu_button;
  GtkMenuButton  *main_menu_button;
  /* the Inbox row's count, fed by the Inbox page once it is built */
  GtkLabel       *inbox_count;

  /* owned references */
  HdStore        *store;
  /* for the Ideas page, whenever it is built */
  HdFeedFetcher  *feed_fetcher;

  /* borrowed references */
  GNetworkMonitor *network_monitor;
  /* the Changes view while it is open; it clears this when it goes */
  HdChangesWindow *changes_window;

  /* source ids */
  guint           loading_words_timeout;
  guint           build_deferred_idle;

  gboolean        settings_applied;
};

/* A store that opens within this long shows an empty window meanwhile rather than words that
 * would flash past unread; a slower one says what Herald is doing. */
#define LOADING_WORDS_DELAY_MS 1000

G_DEFINE_FINAL_TYPE (HdWindow, hd_window, ADW_TYPE_APPLICATION_WINDOW)

static const char *page_names[] = {
  "calendar", "ideas", "inbox", "campaigns", "audiences", "reports", "channels"
};

/* What each page's sidebar row shows, in the order of page_names. */
static const struct
{
  const char *title;
  const char *icon_name;
} page_rows[] = {
  { N_("Calendar"), "x-office-calendar-symbolic" },
  { N_("Ideas"), "emoji-objects-symbolic" },
  { N_("Inbox"), "mail-unread-symbolic" },
  { N_("Campaigns"), "mail-send-symbolic" },
  { N_("Audiences"), "system-users-symbolic" },
  { N_("Reports"), "x-office-presentation-symbolic" },
  { N_("Channels"), "network-workgroup-symbolic" },
};

G_STATIC_ASSERT (G_N_ELEMENTS (page_rows) == G_N_ELEMENTS (page_names));

/* Pages that read their data before they are first shown: the calendar is the first page,
 * and the inbox counts what waits for an answer on its sidebar row. The others read theirs
 * when first shown, so opening the window reads only what it shows. */
static gboolean
page_loads_early (const char *name)
{
  return g_str_equal (name, "calendar") || g_str_equal (name, "inbox");
}

static HdApplication *
get_application (HdWindow *self)
{
  return HD_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
}

HdWindow *
hd_window_new (HdApplication *application)
{
  g_return_val_if_fail (HD_IS_APPLICATION (application), NULL);

  return g_object_new (HD_TYPE_WINDOW, "application", application, NULL);
}

const char *
hd_window_get_view (HdWindow *self)
{
  g_return_val_if_fail (HD_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->view_stack);
}

/* NULL while the workspace is not built. */
static const char *
get_shown_page_name (HdWindow *self)
{
  return self->page_stack != NULL ? gtk_stack_get_visible_child_name (self->page_stack) : NULL;
}

static void ensure_workspace (HdWindow *self);
static void ensure_welcome   (HdWindow *self);
static void ensure_error     (HdWindow *self);

const char *
hd_window_get_page_name (HdWindow *self)
{
  g_return_val_if_fail (HD_IS_WINDOW (self), NULL);

  ensure_workspace (self);

  return get_shown_page_name (self);
}

static GType
get_page_type (const char *name)
{
  if (g_str_equal (name, "ideas"))
    return HD_TYPE_IDEAS_PAGE;
  if (g_str_equal (name, "campaigns"))
    return HD_TYPE_CAMPAIGNS_PAGE;
  if (g_str_equal (name, "audiences"))
    return HD_TYPE_AUDIENCES_PAGE;
  if (g_str_equal (name, "reports"))
    return HD_TYPE_REPORTS_PAGE;
  if (g_str_equal (name, "channels"))
    return HD_TYPE_CHANNELS_PAGE;
  if (g_str_equal (name, "inbox"))
    return HD_TYPE_INBOX_PAGE;

  g_assert_not_reached ();
}

static void on_inbox_unanswered_changed (GtkLabel *count);

/* The calendar comes with the workspace (see ensure_workspace): it is the first page. Every
 * other page is built when it is first shown or asked for, so that the first frame builds and
 * styles only what it shows; the inbox also right after that frame, for the count on its
 * sidebar row (see build_deferred_cb). */
static GtkWidget *
ensure_page (HdWindow *self,
             guint     index)
{
  const char *name = page_names[index];
  GtkWidget *page = gtk_stack_get_child_by_name (self->page_stack, name);
  HdApplication *app;
  GtkStackPage *stack_page;

  if (page != NULL)
    return page;

  page = g_object_new (get_page_type (name), NULL);
  stack_page = gtk_stack_add_titled (self->page_stack, page, name, _(page_rows[index].title));
  gtk_stack_page_set_icon_name (stack_page, page_rows[index].icon_name);

  app = get_application (self);
  if (HD_IS_IDEAS_PAGE (page) && self->feed_fetcher != NULL)
    hd_ideas_page_set_fetcher (HD_IDEAS_PAGE (page), self->feed_fetcher);
  else if (HD_IS_CHANNELS_PAGE (page) && app != NULL)
    hd_channels_page_set_http (HD_CHANNELS_PAGE (page), hd_application_get_http (app));
  else if (HD_IS_INBOX_PAGE (page) && self->inbox_count != NULL)
    {
      g_object_set_data (G_OBJECT (self->inbox_count), "hd-inbox-page", page);
      g_signal_connect_object (page, "notify::n-unanswered",
                               G_CALLBACK (on_inbox_unanswered_changed), self->inbox_count,
                               G_CONNECT_SWAPPED);
    }

  /* Shown or not, a page that reads early reads from the start, as in set_store. */
  if (page_loads_early (name) && self->store != NULL)
    g_object_set (page, "store", self->store, NULL);
  if (HD_IS_INBOX_PAGE (page) && self->inbox_count != NULL)
    on_inbox_unanswered_changed (self->inbox_count);

  return page;
}

GtkWidget *
hd_window_get_page (HdWindow   *self,
                    const char *name)
{
  g_return_val_if_fail (HD_IS_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  ensure_workspace (self);

  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    if (g_str_equal (page_names[i], name))
      return ensure_page (self, i);

  return NULL;
}

char *
hd_window_describe_shown_range (HdWindow *self,
                                gint64   *from,
                                gint64   *to)
{
  HdCalendarPage *page;
  g_autoptr(GDateTime) day = NULL;
  const char *view;
  int year, month, mday;

  g_return_val_if_fail (HD_IS_WINDOW (self), NULL);

  if (self->store == NULL || g_strcmp0 (hd_window_get_view (self), "workspace") != 0)
    return NULL;

  page = HD_CALENDAR_PAGE (self->calendar_page);
  hd_calendar_page_get_range (page, from, to);
  hd_calendar_page_get_date (page, &year, &month, &mday);
  view = hd_calendar_page_get_view (page);
  day = g_date_time_new_local (year, month, mday, 0, 0, 0);

  if (g_strcmp0 (view, "week") == 0)
    {
      g_autofree char *date = g_date_time_format (day, "%x");

      /* TRANSLATORS: %s is a day in the week the calendar shows */
      return g_strdup_printf (_("the week of %s"), date);
    }
  if (g_strcmp0 (view, "month") == 0)
    /* TRANSLATORS: a month and year, as strftime writes it; see "man strftime" */
    return g_date_time_format (day, _("%B %Y"));

  /* The agenda lists everything ahead: it is no period of its own. */
  return NULL;
}

void
hd_window_add_toast (HdWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (HD_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
hd_window_show_changes (HdWindow *self)
{
  g_return_if_fail (HD_IS_WINDOW (self));

  if (self->store == NULL || get_application (self) == NULL)
    return;

  /* One view per window: asking again brings the open one forward. */
  if (self->changes_window == NULL)
    {
      self->changes_window = hd_changes_window_new (get_application (self), GTK_WINDOW (self));
      g_object_add_weak_pointer (G_OBJECT (self->changes_window),
                                 (gpointer *) &self->changes_window);
    }

  gtk_window_present (GTK_WINDOW (self->changes_window));
}

static void
show_changes_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  hd_window_show_changes (HD_WINDOW (widget));
}

/* GtkApplication would build a gtk/help-overlay.ui of the resources into every window before
 * it first paints, at about the cost of the rest of the window: the shortcuts window is built
 * when it is first asked for instead, and then kept, hidden, with its window. */
static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/io/github/heraldapp/Herald/hd-shortcuts-window.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (window, overlay);
    }

  gtk_window_present (GTK_WINDOW (overlay));
}

const char *
hd_window_get_error_text (HdWindow *self)
{
  HdApplication *app;

  g_return_val_if_fail (HD_IS_WINDOW (self), NULL);

  app = get_application (self);
  if (app == NULL || !g_str_equal (hd_window_get_view (self), "error"))
    return NULL;

  return hd_application_get_store_error (app)->message;
}

static void
update_sync_state (HdWindow *self)
{
  HdApplication *app = get_application (self);
  g_autofree char *label = NULL;
  const char *icon_name;
  const char *tooltip;
  guint pending = 0;
  guint conflicts = 0;
  guint ad_conflicts = 0;

  /* Nothing shows the state before the workspace is built, which brings it up to date. */
  if (self->sync_label == NULL)
    return;

  if (self->store != NULL && !hd_store_count_pending_changes (self->store, &pending, NULL))
    pending = 0;
  if (self->store != NULL && !hd_store_count_conflicts (self->store, &conflicts, NULL))
    conflicts = 0;
  if (self->store != NULL)
    {
      g_autoptr(GPtrArray) ads = hd_store_list_ad_conflicts (self->store, NULL);

      ad_conflicts = ads != NULL ? ads->len : 0;
    }

  if (app != NULL && hd_application_get_sending (app))
    {
      icon_name = "mail-send-symbolic";
      label = g_strdup (_("Sending…"));
      tooltip = _("Herald is sending the posts that are due to your channels");
    }
  else if (!g_network_monitor_get_network_available (app != NULL
                                                      ? hd_application_get_network_monitor (app)
                                                      : self->network_monitor))
    {
      icon_name = "network-offline-symbolic";
      label = g_strdup (_("Offline"));
      tooltip = _("Your edits are saved on this computer and will be sent when you are "
                  "back online");
    }
  else if (pending > 0)
    {
      icon_name = "emblem-synchronizing-symbolic";
      label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change to send",
                                            "%u changes to send", pending),
                               pending);
      tooltip = _("These edits are saved on this computer and have not been sent to your "
                  "channels yet");
    }
  else if (ad_conflicts > 0)
    {
      /* Ads Manager holds other values than Herald sent: the user decides. */
      icon_name = "dialog-warning-symbolic";
      label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change made elsewhere",
                                            "%u changes made elsewhere",
                                            conflicts + ad_conflicts),
                               conflicts + ad_conflicts);
      tooltip = _("Posts or ads were changed on their platform: keep your version or take "
                  "theirs in the Changes view");
    }
  else if (conflicts > 0)
    {
      /* Nothing goes out, but a post was changed on its platform: the user decides. */
      icon_name = "dialog-warning-symbolic";
      label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u post changed elsewhere",
                                            "%u posts changed elsewhere", conflicts),
                               conflicts);
      tooltip = _("Posts were edited or deleted on their platform: keep your version or take "
                  "theirs in the Changes view");
    }
  else
    {
      icon_name = "emblem-ok-symbolic";
      label = g_strdup (_("All saved"));
      tooltip = _("Everything is saved and there is nothing waiting to be sent");
    }

  gtk_image_set_from_icon_name (self->sync_icon, icon_name);
  gtk_label_set_label (self->sync_label, label);
  gtk_widget_set_tooltip_text (self->sync_button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sync_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

/* The calendar's controls live in the header while it has room for them; squeezed out, they
 * show beside the page's heading instead, and the filter popover moves with its button. */
static void
place_calendar_controls (HdWindow *self)
{
  HdCalendarPage *page = HD_CALENDAR_PAGE (self->calendar_page);
  GtkWidget *popover = hd_calendar_page_get_filter_popover (page);
  gboolean shown = gtk_widget_get_visible (GTK_WIDGET (self->nav_squeezer));
  gboolean navigation = !shown ||
                        adw_squeezer_get_visible_child (self->nav_squeezer) == self->calendar_nav;
  gboolean tools = !shown ||
                   adw_squeezer_get_visible_child (self->tools_squeezer) == self->calendar_tools;
  gboolean views = !shown ||
                   adw_squeezer_get_visible_child (self->title_squeezer) !=
                   GTK_WIDGET (self->window_title);

  if (!tools && gtk_widget_get_parent (popover) == self->calendar_filter_button)
    gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->calendar_filter_button), NULL);

  hd_calendar_page_set_header_controls (page, navigation, tools, views);

  if (tools && gtk_widget_get_parent (popover) == NULL)
    gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->calendar_filter_button), popover);
}

static void
on_squeezed (HdWindow *self)
{
  if (self->calendar_page != NULL && self->calendar_filter_button != NULL)
    place_calendar_controls (self);
}

static void
update_calendar_controls (HdWindow *self)
{
  gboolean shown = g_strcmp0 (get_shown_page_name (self), "calendar") == 0 &&
                   g_strcmp0 (hd_window_get_view (self), "workspace") == 0 &&
                   self->store != NULL;

  if (self->page_stack == NULL)
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->nav_squeezer), shown);
  gtk_widget_set_visible (GTK_WIDGET (self->tools_squeezer), shown);
  adw_squeezer_page_set_enabled (adw_squeezer_get_page (self->title_squeezer, self->view_switcher),
                                 shown);
  adw_squeezer_page_set_enabled (adw_squeezer_get_page (self->title_squeezer,
                                                        self->view_switcher_narrow),
                                 shown);
  place_calendar_controls (self);
}

static void
on_calendar_filter_active_changed (HdWindow *self)
{
  if (hd_calendar_page_get_filter_active (HD_CALENDAR_PAGE (self->calendar_page)))
    gtk_widget_add_css_class (self->calendar_filter_button, "hd-filter-active");
  else
    gtk_widget_remove_css_class (self->calendar_filter_button, "hd-filter-active");
}

static void
update_title (HdWindow *self)
{
  HdApplication *app = get_application (self);
  GtkWidget *child;
  const char *subtitle = NULL;
  GtkStackPage *page;

  if (self->page_stack == NULL)
    return;

  child = gtk_stack_get_visible_child (self->page_stack);
  if (child == NULL)
    return;

  page = gtk_stack_get_page (self->page_stack, child);
  adw_window_title_set_title (self->window_title, gtk_stack_page_get_title (page));

  if (app != NULL && hd_application_get_workspace (app) == HD_WORKSPACE_SAMPLE)
    subtitle = _("Sample workspace");
  adw_window_title_set_subtitle (self->window_title, subtitle);

  update_calendar_controls (self);
}

static void
on_store_changed (HdWindow   *self,
                  const char *family)
{
  /* Conflicts live on the posts' variants and on campaigns, ad sets and ads. */
  if (g_strcmp0 (family, "outbox") == 0 || g_strcmp0 (family, "posts") == 0 ||
      g_strcmp0 (family, HD_STORE_FAMILY_CAMPAIGNS) == 0 ||
      g_strcmp0 (family, HD_STORE_FAMILY_AD_SETS) == 0 ||
      g_strcmp0 (family, HD_STORE_FAMILY_ADS) == 0)
    update_sync_state (self);
}

static void
set_store (HdWindow *self,
           HdStore  *store)
{
  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);

  /* The view lists one workspace's changes; another workspace needs a fresh one. */
  if (self->changes_window != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->changes_window),
                                    (gpointer *) &self->changes_window);
      gtk_window_destroy (GTK_WINDOW (self->changes_window));
      self->changes_window = NULL;
    }

  g_set_object (&self->store, store);

  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self,
                             G_CONNECT_SWAPPED);

  for (guint i = 0; i < G_N_ELEMENTS (page_names) && self->page_stack != NULL; i++)
    {
      GtkWidget *page = gtk_stack_get_child_by_name (self->page_stack, page_names[i]);
      gboolean now;

      /* A page not built yet gets the store when it is first shown (the calendar when the
       * workspace is built). */
      if (page == NULL)
        continue;

      now = page_loads_early (page_names[i]) ||
            page == gtk_stack_get_visible_child (self->page_stack);
      g_object_set (page, "store", now ? store : NULL, NULL);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-changes", store != NULL);
  update_sync_state (self);
}

static gboolean
show_loading_words_cb (gpointer user_data)
{
  HdWindow *self = user_data;

  self->loading_words_timeout = 0;
  gtk_widget_set_visible (self->loading_page, TRUE);

  return G_SOURCE_REMOVE;
}

/* Shows the welcome, the error or the workspace, whichever the application's state calls for. */
static void
sync_with_application (HdWindow *self)
{
  HdApplication *app = get_application (self);
  const GError *error;
  gboolean loading;

  if (app == NULL)
    return;

  error = hd_application_get_store_error (app);
  loading = hd_application_get_store_loading (app);
  set_store (self, hd_application_get_store (app));

  if (!loading)
    {
      g_clear_handle_id (&self->loading_words_timeout, g_source_remove);
      gtk_widget_set_visible (self->loading_page, FALSE);
    }

  if (hd_application_get_workspace (app) == HD_WORKSPACE_UNCHOSEN)
    {
      ensure_welcome (self);
      gtk_stack_set_visible_child_name (self->view_stack, "welcome");
    }
  else if (loading)
    {
      /* Neither "no posts yet" nor an error: the pages wait for the store they will show. */
      gtk_stack_set_visible_child_name (self->view_stack, "loading");
      if (self->loading_words_timeout == 0 && !gtk_widget_get_visible (self->loading_page))
        self->loading_words_timeout = g_timeout_add (LOADING_WORDS_DELAY_MS,
                                                     show_loading_words_cb, self);
    }
  else if (self->store == NULL && error != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      /* The description is markup, and a path may hold an ampersand. */
      ensure_error (self);
      adw_status_page_set_description (self->error_page, escaped);
      gtk_stack_set_visible_child_name (self->view_stack, "error");
    }
  else if (g_strcmp0 (hd_window_get_view (self), "loading") == 0)
    {
      /* Straight in from the wait: a crossfade would paint both views over and over while
       * the pages fill. The time is for bench/bench-startup.c, which sees the frames. */
      ensure_workspace (self);
      g_debug ("The workspace replaces the wait for its store at %" G_GINT64_FORMAT
               " µs (monotonic clock)", g_get_monotonic_time ());
      gtk_stack_set_visible_child_full (self->view_stack, "workspace",
                                        GTK_STACK_TRANSITION_TYPE_NONE);
    }
  else
    {
      ensure_workspace (self);
      gtk_stack_set_visible_child_name (self->view_stack, "workspace");
    }

  update_title (self);
}

static void
on_start_empty_clicked (HdWindow *self)
{
  hd_application_open_workspace (get_application (self), HD_WORKSPACE_OWN);
}

static void
on_explore_sample_clicked (HdWindow *self)
{
  hd_application_open_workspace (get_application (self), HD_WORKSPACE_SAMPLE);
}

static void
on_back_clicked (HdWindow *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
}

static void
on_sidebar_row_activated (HdWindow      *self,
                          GtkListBoxRow *row)
{
  const char *name = g_object_get_data (G_OBJECT (row), "hd-page-name");

  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-page", "s", name);
}

static void
on_leaflet_folded_changed (HdWindow *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  /* On a phone the title needs the room; the state comes back with a wider window. */
  gtk_widget_set_visible (self->sync_button, !folded);
  update_calendar_controls (self);

  /* A selected row in a folded sidebar reads as "already open" and cannot be re-entered. */
  if (folded)
    gtk_list_box_set_selection_mode (self->sidebar_list, GTK_SELECTION_NONE);
  else
    {
      gtk_list_box_set_selection_mode (self->sidebar_list, GTK_SELECTION_SINGLE);
      for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
        if (g_strcmp0 (page_names[i], get_shown_page_name (self)) == 0)
          gtk_list_box_select_row (self->sidebar_list,
                                   gtk_list_box_get_row_at_index (self->sidebar_list, i));
    }
}

static void
on_page_shown (HdWindow *self)
{
  GtkWidget *page = gtk_stack_get_visible_child (self->page_stack);
  g_autoptr(HdStore) has = NULL;

  if (page == NULL)
    return;

  g_object_get (page, "store", &has, NULL);
  if (has != self->store)
    g_object_set (page, "store", self->store, NULL);
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  HdWindow *self = HD_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  ensure_workspace (self);

  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      if (!g_str_equal (page_names[i], name))
        continue;

      ensure_page (self, i);
      gtk_stack_set_visible_child_name (self->page_stack, name);
      if (!adw_leaflet_get_folded (self->leaflet))
        gtk_list_box_select_row (self->sidebar_list,
                                 gtk_list_box_get_row_at_index (self->sidebar_list, i));
      adw_leaflet_set_visible_child (self->leaflet, self->content);
      update_title (self);
      return;
    }

  g_warning ("No page called “%s”", name);
}

/* The Inbox row shows how many comments wait for an answer. */
static void
on_inbox_unanswered_changed (GtkLabel *count)
{
  GtkWidget *page = g_object_get_data (G_OBJECT (count), "hd-inbox-page");
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (count), GTK_TYPE_LIST_BOX_ROW);
  guint n = page != NULL ? hd_inbox_page_get_n_unanswered (HD_INBOX_PAGE (page)) : 0;
  g_autofree char *text = g_strdup_printf ("%u", n);
  g_autofree char *accessible = NULL;

  gtk_label_set_label (count, text);
  gtk_widget_set_visible (GTK_WIDGET (count), n > 0);
  if (row == NULL)
    return;
  accessible = n > 0 ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Inbox, %u unanswered",
                                                     "Inbox, %u unanswered", n), n)
                     : g_strdup (_("Inbox"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
}

static void
build_sidebar (HdWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      const char *title = _(page_rows[i].title);
      g_autofree char *tooltip = g_strdup_printf (_("Ctrl+%u"), i + 1);
      GtkWidget *row;
      GtkWidget *box;
      GtkWidget *label;

      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      gtk_box_append (GTK_BOX (box),
                      gtk_image_new_from_icon_name (page_rows[i].icon_name));
      label = gtk_label_new (title);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (box), label);

      row = gtk_list_box_row_new ();
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_widget_set_tooltip_text (row, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      title,
                                      -1);
      g_object_set_data (G_OBJECT (row), "hd-page-name", (gpointer) page_names[i]);
      gtk_list_box_append (self->sidebar_list, row);

      if (g_str_equal (page_names[i], "inbox"))
        {
          GtkWidget *count = gtk_label_new (NULL);

          /* Empty until the Inbox page counts (see ensure_page). */
          gtk_widget_set_visible (count, FALSE);
          gtk_widget_set_hexpand (label, TRUE);
          gtk_widget_add_css_class (count, "dim-label");
          gtk_widget_add_css_class (count, "numeric");
          gtk_box_append (GTK_BOX (box), count);
          self->inbox_count = GTK_LABEL (count);
        }
    }

  gtk_list_box_select_row (self->sidebar_list,
                           gtk_list_box_get_row_at_index (self->sidebar_list, 0));
}

/* The main menu's popover is built when it is first opened, not three times with the window. */
static void
build_main_menu_cb (GtkMenuButton *button,
                    gpointer       user_data)
{
  HdWindow *self = user_data;

  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, self->primary_menu);
}

/* Builds one of the window's parts that are not in its template (hd-window-@part.ui); their
 * handlers get the window, as a template's would. */
static GtkBuilder *
build_part (HdWindow   *self,
            const char *part)
{
  g_autoptr(GtkBuilderScope) scope = gtk_builder_cscope_new ();
  g_autofree char *path = g_strdup_printf ("/io/github/heraldapp/Herald/hd-window-%s.ui", part);
  g_autoptr(GError) error = NULL;
  GtkBuilder *builder = gtk_builder_new ();

  gtk_builder_cscope_add_callback_symbols (GTK_BUILDER_CSCOPE (scope),
                                           "on_squeezed", G_CALLBACK (on_squeezed),
                                           "on_back_clicked", G_CALLBACK (on_back_clicked),
                                           "on_sidebar_row_activated",
                                           G_CALLBACK (on_sidebar_row_activated),
                                           "on_leaflet_folded_changed",
                                           G_CALLBACK (on_leaflet_folded_changed),
                                           "on_start_empty_clicked",
                                           G_CALLBACK (on_start_empty_clicked),
                                           "on_explore_sample_clicked",
                                           G_CALLBACK (on_explore_sample_clicked),
                                           NULL);
  gtk_builder_set_scope (builder, scope);
  gtk_builder_set_current_object (builder, G_OBJECT (self));
  if (!gtk_builder_add_from_resource (builder, path, &error))
    g_error ("The window's %s cannot be built: %s", part, error->message);

  return builder;
}

/* The welcome and the error page are shown on few starts: each is built, its large icon
 * rendered, when first shown. */
static void
ensure_welcome (HdWindow *self)
{
  g_autoptr(GtkBuilder) builder = NULL;

  if (gtk_stack_get_child_by_name (self->view_stack, "welcome") != NULL)
    return;

  builder = build_part (self, "welcome");
  gtk_stack_add_named (self->view_stack,
                       GTK_WIDGET (gtk_builder_get_object (builder, "welcome_view")),
                       "welcome");
}

static void
ensure_error (HdWindow *self)
{
  g_autoptr(GtkBuilder) builder = NULL;

  if (self->error_page != NULL)
    return;

  builder = build_part (self, "error");
  self->error_page = ADW_STATUS_PAGE (gtk_builder_get_object (builder, "error_page"));
  self->error_menu_button = GTK_MENU_BUTTON (gtk_builder_get_object (builder,
                                                                     "error_menu_button"));
  gtk_menu_button_set_create_popup_func (self->error_menu_button, build_main_menu_cb, self, NULL);
  gtk_stack_add_named (self->view_stack,
                       GTK_WIDGET (gtk_builder_get_object (builder, "error_view")),
                       "error");
}

/* The workspace (sidebar, header and pages) is most of the window, and the first frame seldom
 * shows it: while the store opens on its thread the window shows the wait. So it is built when
 * it is first shown or asked for, or else right after the first frame (see
 * on_first_frame_painted), and the first frame builds and styles only what it shows. */
static void
ensure_workspace (HdWindow *self)
{
  g_autoptr(GtkBuilder) builder = NULL;
  HdApplication *app = get_application (self);
  HdCalendarPage *calendar;

  if (self->leaflet != NULL)
    return;

  builder = build_part (self, "workspace");

  self->leaflet = ADW_LEAFLET (gtk_builder_get_object (builder, "leaflet"));
  self->sidebar = GTK_WIDGET (gtk_builder_get_object (builder, "sidebar"));
  self->content = GTK_WIDGET (gtk_builder_get_object (builder, "content"));
  self->sidebar_list = GTK_LIST_BOX (gtk_builder_get_object (builder, "sidebar_list"));
  self->page_stack = GTK_STACK (gtk_builder_get_object (builder, "page_stack"));
  self->window_title = ADW_WINDOW_TITLE (gtk_builder_get_object (builder, "window_title"));
  self->sync_button = GTK_WIDGET (gtk_builder_get_object (builder, "sync_button"));
  self->sync_icon = GTK_IMAGE (gtk_builder_get_object (builder, "sync_icon"));
  self->sync_label = GTK_LABEL (gtk_builder_get_object (builder, "sync_label"));
  self->calendar_page = GTK_WIDGET (gtk_builder_get_object (builder, "calendar_page"));
  self->nav_squeezer = ADW_SQUEEZER (gtk_builder_get_object (builder, "nav_squeezer"));
  self->tools_squeezer = ADW_SQUEEZER (gtk_builder_get_object (builder, "tools_squeezer"));
  self->title_squeezer = ADW_SQUEEZER (gtk_builder_get_object (builder, "title_squeezer"));
  self->calendar_nav = GTK_WIDGET (gtk_builder_get_object (builder, "calendar_nav"));
  self->calendar_tools = GTK_WIDGET (gtk_builder_get_object (builder, "calendar_tools"));
  self->view_switcher = GTK_WIDGET (gtk_builder_get_object (builder, "view_switcher"));
  self->view_switcher_narrow = GTK_WIDGET (gtk_builder_get_object (builder,
                                                                   "view_switcher_narrow"));
  self->calendar_filter_button = GTK_WIDGET (gtk_builder_get_object (builder,
                                                                     "calendar_filter_button"));
  self->sidebar_menu_button = GTK_MENU_BUTTON (gtk_builder_get_object (builder,
                                                                       "sidebar_menu_button"));
  self->main_menu_button = GTK_MENU_BUTTON (gtk_builder_get_object (builder,
                                                                    "main_menu_button"));

  gtk_menu_button_set_create_popup_func (self->sidebar_menu_button, build_main_menu_cb, self,
                                         NULL);
  gtk_menu_button_set_create_popup_func (self->main_menu_button, build_main_menu_cb, self, NULL);
  build_sidebar (self);

  /* The header's calendar buttons act on the page through its action group. */
  calendar = HD_CALENDAR_PAGE (self->calendar_page);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "calendar",
                                  hd_calendar_page_get_action_group (calendar));
  g_signal_connect_object (self->calendar_page, "notify::filter-active",
                           G_CALLBACK (on_calendar_filter_active_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->page_stack, "notify::visible-child",
                           G_CALLBACK (on_page_shown), self, G_CONNECT_SWAPPED);

  /* What on_application_changed and set_store gave the calendar had it been built. */
  if (self->settings_applied && app != NULL)
    g_object_set (self->calendar_page, "settings", hd_application_get_settings (app), NULL);
  if (self->store != NULL)
    g_object_set (self->calendar_page, "store", self->store, NULL);

  gtk_stack_add_named (self->view_stack, GTK_WIDGET (self->leaflet), "workspace");
  update_sync_state (self);
  update_title (self);
}

/* What the first frame does not show is built once it is out, a part per idle so that input
 * and the store's answer are not held up: the workspace, unless it was shown already, then
 * the Inbox page, which counts what waits for an answer on its sidebar row a moment later and
 * is ready before anyone can click it. */
static gboolean
build_deferred_cb (gpointer user_data)
{
  HdWindow *self = user_data;

  if (self->leaflet == NULL)
    {
      ensure_workspace (self);
      return G_SOURCE_CONTINUE;
    }

  self->build_deferred_idle = 0;
  hd_window_get_page (self, "inbox");

  return G_SOURCE_REMOVE;
}

static void
on_first_frame_painted (HdWindow      *self,
                        GdkFrameClock *clock)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_frame_painted, self);

  if (self->build_deferred_idle == 0 &&
      (self->page_stack == NULL ||
       gtk_stack_get_child_by_name (self->page_stack, "inbox") == NULL))
    self->build_deferred_idle = g_idle_add_full (G_PRIORITY_LOW, build_deferred_cb, self, NULL);
}

static void
hd_window_realize (GtkWidget *widget)
{
  HdWindow *self = HD_WINDOW (widget);

  GTK_WIDGET_CLASS (hd_window_parent_class)->realize (widget);

  g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                           G_CALLBACK (on_first_frame_painted), self, G_CONNECT_SWAPPED);
}

static void
hd_window_unrealize (GtkWidget *widget)
{
  HdWindow *self = HD_WINDOW (widget);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  if (clock != NULL)
    g_signal_handlers_disconnect_by_func (clock, on_first_frame_painted, self);

  GTK_WIDGET_CLASS (hd_window_parent_class)->unrealize (widget);
}

static gboolean
hd_window_close_request (GtkWindow *window)
{
  HdWindow *self = HD_WINDOW (window);
  HdApplication *app = get_application (self);
  int width;
  int height;

  if (app != NULL)
    {
      GSettings *settings = hd_application_get_settings (app);

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
      if (!gtk_window_is_maximized (window))
        {
          g_settings_set_int (settings, "window-width", width);
          g_settings_set_int (settings, "window-height", height);
        }
    }

  return GTK_WINDOW_CLASS (hd_window_parent_class)->close_request (window);
}

/* The application is set after construction, as a plain property; everything that depends on
 * it starts here. */
static void
on_application_changed (HdWindow *self)
{
  HdApplication *app = get_application (self);
  GSettings *settings;

  if (app == NULL || self->settings_applied)
    return;

  self->settings_applied = TRUE;

  settings = hd_application_get_settings (app);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  if (self->calendar_page != NULL)
    g_object_set (self->calendar_page, "settings", settings, NULL);

  /* One session for everything: its connections, limits and user agent are shared. */
  {
    HdHttp *http = hd_application_get_http (app);
    GtkWidget *ideas = NULL;
    GtkWidget *channels = NULL;

    if (self->page_stack != NULL)
      {
        ideas = gtk_stack_get_child_by_name (self->page_stack, "ideas");
        channels = gtk_stack_get_child_by_name (self->page_stack, "channels");
      }

    g_clear_object (&self->feed_fetcher);
    self->feed_fetcher = hd_feed_fetcher_new (hd_http_get_session (http));
    if (ideas != NULL)
      hd_ideas_page_set_fetcher (HD_IDEAS_PAGE (ideas), self->feed_fetcher);
    if (channels != NULL)
      hd_channels_page_set_http (HD_CHANNELS_PAGE (channels), http);
  }

  g_signal_connect_object (app, "notify::sending", G_CALLBACK (update_sync_state), self,
                           G_CONNECT_SWAPPED);
  /* The label says offline exactly when the application holds its rounds back. */
  if (hd_application_get_network_monitor (app) != self->network_monitor)
    g_signal_connect_object (hd_application_get_network_monitor (app),
                             "notify::network-available", G_CALLBACK (update_sync_state), self,
                             G_CONNECT_SWAPPED);

  g_signal_connect_object (app, "notify::store", G_CALLBACK (sync_with_application), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (app, "notify::workspace", G_CALLBACK (sync_with_application), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (app, "notify::store-loading", G_CALLBACK (sync_with_application),
                           self, G_CONNECT_SWAPPED);

  /* The window paints at once; a large store is checked meanwhile and fills it when ready. */
  hd_application_load_store (app);
  sync_with_application (self);
}

static void
hd_window_dispose (GObject *object)
{
  HdWindow *self = HD_WINDOW (object);

  g_clear_handle_id (&self->loading_words_timeout, g_source_remove);
  g_clear_handle_id (&self->build_deferred_idle, g_source_remove);
  g_clear_object (&self->feed_fetcher);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);
  g_clear_object (&self->store);

  if (self->changes_window != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->changes_window),
                                    (gpointer *) &self->changes_window);
      gtk_window_destroy (GTK_WINDOW (self->changes_window));
      self->changes_window = NULL;
    }

  /* The parts built from hd-window-*.ui go with the window's other widgets; as with the
   * template's, nothing may reach them meanwhile. */
  if (self->leaflet != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->leaflet, self);
      g_signal_handlers_disconnect_by_data (self->page_stack, self);
      self->leaflet = NULL;
      self->sidebar = NULL;
      self->content = NULL;
      self->sidebar_list = NULL;
      self->page_stack = NULL;
      self->window_title = NULL;
      self->sync_button = NULL;
      self->sync_icon = NULL;
      self->sync_label = NULL;
      self->calendar_page = NULL;
      self->nav_squeezer = NULL;
      self->tools_squeezer = NULL;
      self->title_squeezer = NULL;
      self->calendar_nav = NULL;
      self->calendar_tools = NULL;
      self->view_switcher = NULL;
      self->view_switcher_narrow = NULL;
      self->calendar_filter_button = NULL;
      self->sidebar_menu_button = NULL;
      self->main_menu_button = NULL;
      self->inbox_count = NULL;
    }
  self->error_page = NULL;
  self->error_menu_button = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), HD_TYPE_WINDOW);

  G_OBJECT_CLASS (hd_window_parent_class)->dispose (object);
}

static void
hd_window_class_init (HdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = hd_window_dispose;
  widget_class->realize = hd_window_realize;
  widget_class->unrealize = hd_window_unrealize;
  window_class->close_request = hd_window_close_request;

  /* The page in hd-window-workspace.ui; the others are built on demand (see ensure_page). */
  g_type_ensure (HD_TYPE_CALENDAR_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/heraldapp/Herald/hd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HdWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, HdWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, HdWindow, primary_menu);

  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.show-changes", NULL, show_changes_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   show_help_overlay_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.show-changes", NULL);
}

static void
hd_window_init (HdWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  hd_window_close_popovers_when_hidden (GTK_WINDOW (self));

  self->network_monitor = g_network_monitor_get_default ();
  g_signal_connect_object (self->network_monitor, "notify::network-available",
                           G_CALLBACK (update_sync_state), self, G_CONNECT_SWAPPED);

  /* Nothing to list until a workspace is open. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-changes", FALSE);

  g_signal_connect (self, "notify::application", G_CALLBACK (on_application_changed), NULL);

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}
