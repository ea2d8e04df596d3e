/* bench-startup.c: how long Herald takes from its start to its first painted frame, and how
 * much memory it holds then, on the store of a busy business (50,000 posts over two years, 20
 * channels, 200 campaigns with their ad sets and ads, 5,000 inbox items); beside a bare
 * libadwaita window and GNOME Calendar, started and measured the same way in the same run.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How it is measured, the same for all three programs, from outside them: this program
 * watches the X server. It asks to hear of every top-level window created on the root window
 * and puts an XDamage monitor on each as soon as it exists, before it can be mapped; then it
 * spawns the program. The first damage reported on a mapped top-level window of at least
 * 200×150 px (menus and tooltips are override-redirect and left out) is the first frame the
 * program painted: GTK creates its windows without a background, so the X server itself paints
 * nothing into them on mapping, and every damage is the program's own drawing. The start time is
 * from just before the spawn to that damage. Two seconds later, the resident memory is read
 * from /proc/PID/status (VmRSS) and /proc/PID/smaps_rollup (Pss), and the program is
 * stopped. "Settled" is the last damage seen in those two seconds: when the window stopped
 * changing, for a page that fills in after its first frame. "Content painted" is when the
 * calendar with the month's posts was first drawn: Herald paints a wait while its store is
 * checked and logs (on the monotonic clock this program reads too) when the filled workspace
 * replaces it; the first damage after that is the content. A program that logs no such line
 * had its content in its first frame.
 *
 * The programs run in turn, round after round, so that a change in the machine's load falls on
 * all three alike; one start of each before the first round is not counted, so that every
 * measured start finds its files in the page cache (a warm start: a cold one would need the
 * whole machine's cache dropped). Each program gets the same environment: settings in a
 * keyfile of the run's own, a data folder of the run's own, the same window size (Herald's
 * default, 1,100×740), no animations to wait for.
 *
 * GNOME Calendar reads its calendars from evolution-data-server, whose daemons D-Bus starts
 * for it on its first start and which then stay, as they do on a desktop; their memory is not
 * the calendar's own and is reported on a line of its own. If it cannot be started here, the
 * table says so and why, and its targets are "not measured".
 *
 * Prints one STARTUP line per measure, tab-separated like bench-sync's SYNC lines (measure,
 * value, unit, target, met / not met / not measured / -), and exits with 1 when a target is
 * missed. Needs a display, a session bus and a keyring: run it through bench/run.sh.
 */

#define G_LOG_DOMAIN "herald-bench"

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <X11/Xlib.h>
#include <X11/extensions/Xdamage.h>

#include "bench-common.h"
#include "hd-core.h"
#include "hd-secrets.h"

#define N_POSTS       50000
#define N_CHANNELS    20
#define N_CAMPAIGNS   200
#define N_AUDIENCES   20
#define N_INBOX       5000
#define STORE_VERSION "startup-store-1"

#define MIN_WIDTH     200
#define MIN_HEIGHT    150
#define SETTLE_MS     2000
/* What Herald logs when its filled workspace replaces the wait for the store. */
#define CONTENT_MARK  "The workspace replaces the wait for its store at "
#define TIMEOUT_MS    60000

#define MAX_START_RATIO  1.3
#define MAX_EXTRA_MB     20.0

/* ---- The store ---------------------------------------------------------------------------- */

/* What a bakery with a café writes. */
static const char * const post_texts[] = {
  "Fresh bread, coffee and a word about the weekend market",
  "Our sourdough starter turns three this week: a double batch on Saturday",
  "Café crème and a cinnamon bun, the best start to a grey Monday ☕",
  "Closed on Tuesday for the staff outing; back on Wednesday at 7",
  "New on the counter: rye with caraway 🍞 pre-order at crumb.example/rye",
  "Thank you for 1,000 followers! A free cookie with every loaf today",
  "Behind the scenes: shaping baguettes at 4 a.m. #bakerylife #sourdough",
  "Gluten-free Fridays are back, with almond cake and lemon drizzle, while it lasts",
};

static const char * const inbox_texts[] = {
  "Do you have the rye on Sundays too?",
  "Best croissant in town, hands down 🥐",
  "Can I order a birthday cake for Saturday? Chocolate, for twelve",
  "Is the café dog-friendly?",
  "The lemon drizzle sold out before I got there! Any tomorrow?",
  "What time do you open on bank holidays?",
};

static const struct
{
  HdChannelKind kind;
  const char   *name;
} channel_kinds[] = {
  { HD_CHANNEL_KIND_MASTODON, "Mastodon" },
  { HD_CHANNEL_KIND_BLUESKY, "Bluesky" },
  { HD_CHANNEL_KIND_FACEBOOK_PAGE, "Facebook" },
  { HD_CHANNEL_KIND_INSTAGRAM, "Instagram" },
  { HD_CHANNEL_KIND_LINKEDIN, "LinkedIn" },
  { HD_CHANNEL_KIND_X, "X" },
};

static void
check (gboolean      ok,
       const GError *error)
{
  if (!ok)
    g_error ("Could not fill the store: %s", error != NULL ? error->message : "?");
}

static void
fill_channels (HdStore *store,
               gint64   now,
               char   **channel_ids)
{
  g_autoptr(GError) error = NULL;

  for (guint c = 0; c < N_CHANNELS; c++)
    {
      g_autoptr(HdChannel) channel = hd_channel_new ();
      guint k = c % G_N_ELEMENTS (channel_kinds);
      g_autofree char *name = g_strdup_printf ("Crumb & Co. %u on %s", c / 6 + 1,
                                               channel_kinds[k].name);
      g_autofree char *handle = g_strdup_printf ("@crumb%u", c);

      hd_channel_set_kind (channel, channel_kinds[k].kind);
      hd_channel_set_display_name (channel, name);
      hd_channel_set_handle (channel, handle);
      /* Nothing listens on the discard port: a send round started while the window opens
       * fails at once, as it does for someone offline, and never reaches the internet. */
      hd_channel_set_base_url (channel, "http://127.0.0.1:9");
      hd_channel_set_remote_account_id (channel, handle + 1);
      hd_channel_set_state (channel, HD_CHANNEL_STATE_CONNECTED);
      hd_channel_set_created_at (channel, now - 800 * 24 * 3600 + c);
      check (hd_store_save_channel (store, channel, &error), error);
      channel_ids[c] = g_strdup (hd_channel_get_id (channel));
    }
}

/* Over two years, 18 months back and 6 ahead, on the quarter hour: the past published on one to
 * three channels, the future scheduled, drafted or still an idea. */
static void
fill_posts (HdStore    *store,
            gint64      now,
            char      **channel_ids,
            GPtrArray  *post_ids)
{
  g_autoptr(GError) error = NULL;
  gint64 start = now - 548 * 24 * 3600;
  gint64 span = 730 * 24 * 3600;

  for (guint n = 0; n < N_POSTS; n++)
    {
      g_autoptr(HdPost) post = hd_post_new ();
      g_autofree char *text = g_strdup_printf ("No. %u: %s", n,
                                               post_texts[n % G_N_ELEMENTS (post_texts)]);
      gint64 when = start + (gint64) ((double) span * n / N_POSTS);
      HdPostState state;
      guint n_variants = 1 + n % 3;

      when -= when % 900;
      if (when < now)
        state = HD_POST_STATE_PUBLISHED;
      else
        state = (HdPostState[]) { HD_POST_STATE_SCHEDULED, HD_POST_STATE_SCHEDULED,
                                  HD_POST_STATE_DRAFT, HD_POST_STATE_IDEA }[n % 4];

      if (n % 1000 == 0)
        check (hd_store_begin (store, &error), error);

      hd_post_set_text (post, text);
      hd_post_set_state (post, state);
      hd_post_set_scheduled_at (post, when);
      if (state == HD_POST_STATE_PUBLISHED)
        hd_post_set_published_at (post, when);
      hd_post_set_time_zone (post, "Europe/London");

      for (guint v = 0; v < n_variants; v++)
        {
          g_autoptr(HdVariant) variant = hd_variant_new ();

          hd_variant_set_channel_id (variant, channel_ids[(n + v * 7) % N_CHANNELS]);
          hd_variant_set_state (variant, state);
          if (state == HD_POST_STATE_PUBLISHED)
            {
              g_autofree char *remote_id = g_strdup_printf ("%u%02u", n, v);

              hd_variant_set_remote_id (variant, remote_id);
            }
          if ((n + v) % 10 == 0)
            hd_variant_set_text (variant, "Shorter for this channel: fresh bread today");
          if ((n + v) % 25 == 0)
            hd_variant_set_first_comment (variant, "#bakery #sourdough #breakfast");
          hd_post_add_variant (post, variant);
        }

      check (hd_store_save_post (store, post, &error), error);
      g_ptr_array_add (post_ids, g_strdup (hd_post_get_id (post)));

      if (n % 1000 == 999)
        check (hd_store_commit (store, &error), error);
    }
}

/* Each campaign with two ad sets of two ads, each ad made from a post of its flight. */
static void
fill_campaigns (HdStore    *store,
                gint64      now,
                GPtrArray  *post_ids)
{
  g_autoptr(GError) error = NULL;
  char *audience_ids[N_AUDIENCES];

  check (hd_store_begin (store, &error), error);

  for (guint a = 0; a < N_AUDIENCES; a++)
    {
      g_autoptr(HdAudience) audience = hd_audience_new ();
      g_autofree char *name = g_strdup_printf ("Coffee lovers within %u miles", a + 2);
      g_autofree char *spec = g_strdup_printf ("{\"geo_locations\":{\"cities\":[{\"name\":"
                                               "\"Watford\",\"region\":\"England\",\"country\":"
                                               "\"GB\",\"radius\":%u,\"distance_unit\":"
                                               "\"mile\"}]},\"age_min\":%u,\"age_max\":65}",
                                               a + 2, 18 + a);

      hd_audience_set_name (audience, name);
      hd_audience_set_spec (audience, spec);
      hd_audience_set_estimated_size (audience, 20000 + 1000 * a);
      hd_audience_set_estimated_at (audience, now - 24 * 3600);
      check (hd_store_save_audience (store, audience, &error), error);
      audience_ids[a] = g_strdup (hd_audience_get_id (audience));
    }

  for (guint c = 0; c < N_CAMPAIGNS; c++)
    {
      g_autoptr(HdCampaign) campaign = hd_campaign_new ();
      g_autofree char *name = g_strdup_printf ("Campaign %u: %s", c + 1,
                                               (const char *[]) { "Weekend market",
                                                                  "Christmas orders",
                                                                  "New café opening",
                                                                  "Summer menu" }[c % 4]);
      /* Flights a few days each, every few days across the two years. */
      gint64 starts_at = now - 540 * 24 * 3600 + (gint64) c * 3 * 24 * 3600 + 8 * 3600;
      HdAdStatus status = starts_at + 7 * 24 * 3600 < now ? HD_AD_STATUS_ARCHIVED
                          : c % 2 == 0 ? HD_AD_STATUS_ACTIVE : HD_AD_STATUS_PAUSED;

      hd_campaign_set_name (campaign, name);
      hd_campaign_set_objective (campaign, "OUTCOME_TRAFFIC");
      hd_campaign_set_special_ad_categories (campaign, "[]");
      hd_campaign_set_status (campaign, status);
      hd_campaign_set_bid_strategy (campaign, "LOWEST_COST_WITHOUT_CAP");
      hd_campaign_set_created_at (campaign, starts_at - 2 * 24 * 3600);
      check (hd_store_save_campaign (store, campaign, &error), error);

      for (guint s = 0; s < 2; s++)
        {
          g_autoptr(HdAdSet) ad_set = hd_ad_set_new ();

          hd_ad_set_set_campaign_id (ad_set, hd_campaign_get_id (campaign));
          hd_ad_set_set_name (ad_set, s == 0 ? "Weekdays, 8am to 8pm" : "Weekends, all day");
          hd_ad_set_set_budget_kind (ad_set, s == 0 ? HD_BUDGET_KIND_DAILY
                                                    : HD_BUDGET_KIND_LIFETIME);
          hd_ad_set_set_budget_minor (ad_set, s == 0 ? 1500 : 12000);
          hd_ad_set_set_currency (ad_set, "GBP");
          hd_ad_set_set_starts_at (ad_set, starts_at);
          hd_ad_set_set_ends_at (ad_set, starts_at + 7 * 24 * 3600);
          hd_ad_set_set_time_zone (ad_set, "Europe/London");
          hd_ad_set_set_optimization_goal (ad_set, "LINK_CLICKS");
          hd_ad_set_set_billing_event (ad_set, "IMPRESSIONS");
          hd_ad_set_set_audience_id (ad_set, audience_ids[(c + s) % N_AUDIENCES]);
          hd_ad_set_set_placements (ad_set, "{\"publisher_platforms\":[\"facebook\","
                                            "\"instagram\"]}");
          hd_ad_set_set_status (ad_set, status);
          check (hd_store_save_ad_set (store, ad_set, &error), error);

          for (guint a = 0; a < 2; a++)
            {
              g_autoptr(HdAd) ad = hd_ad_new ();
              guint post = ((c * 4 + s * 2 + a) * 61) % post_ids->len;

              hd_ad_set_ad_set_id (ad, hd_ad_set_get_id (ad_set));
              hd_ad_set_post_id (ad, g_ptr_array_index (post_ids, post));
              hd_ad_set_name (ad, a == 0 ? "Photo of the counter" : "The baker at work");
              hd_ad_set_headline (ad, "Fresh every morning from 7");
              hd_ad_set_link (ad, "https://crumb.example/");
              hd_ad_set_call_to_action (ad, "LEARN_MORE");
              hd_ad_set_status (ad, status);
              check (hd_store_save_ad (store, ad, &error), error);
            }
        }
    }

  check (hd_store_commit (store, &error), error);
  for (guint a = 0; a < N_AUDIENCES; a++)
    g_free (audience_ids[a]);
}

/* Comments on published posts, replies in their threads, mentions; most of them read. */
static void
fill_inbox (HdStore    *store,
            gint64      now,
            char      **channel_ids,
            GPtrArray  *post_ids)
{
  g_autoptr(GError) error = NULL;
  guint n_published = post_ids->len * 548 / 730;

  check (hd_store_begin (store, &error), error);
  for (guint i = 0; i < N_INBOX; i++)
    {
      g_autoptr(HdInboxItem) item = hd_inbox_item_new ();
      g_autofree char *thread = g_strdup_printf ("thread-%u", i / 3);
      g_autofree char *remote_id = g_strdup_printf ("inbox-%u", i);
      g_autofree char *author = g_strdup_printf ("Customer %u", i % 700);
      g_autofree char *handle = g_strdup_printf ("@customer%u", i % 700);
      HdInboxKind kind = (HdInboxKind[]) { HD_INBOX_KIND_COMMENT, HD_INBOX_KIND_REPLY,
                                           HD_INBOX_KIND_MENTION }[i % 3];
      /* The newest ones are still to be answered. */
      HdReplyState reply_state = i > N_INBOX - 60 ? HD_REPLY_STATE_UNREAD
                                 : (HdReplyState[]) { HD_REPLY_STATE_READ,
                                                      HD_REPLY_STATE_REPLIED,
                                                      HD_REPLY_STATE_DONE }[i % 3];

      hd_inbox_item_set_channel_id (item, channel_ids[i % N_CHANNELS]);
      hd_inbox_item_set_kind (item, kind);
      hd_inbox_item_set_remote_id (item, remote_id);
      hd_inbox_item_set_thread_id (item, thread);
      hd_inbox_item_set_author_name (item, author);
      hd_inbox_item_set_author_handle (item, handle);
      hd_inbox_item_set_text (item, inbox_texts[i % G_N_ELEMENTS (inbox_texts)]);
      hd_inbox_item_set_received_at (item, now - (gint64) (N_INBOX - i) * 2 * 3600);
      hd_inbox_item_set_reply_state (item, reply_state);
      if (kind != HD_INBOX_KIND_MENTION)
        hd_inbox_item_set_post_id (item, g_ptr_array_index (post_ids,
                                                            (i * 37) % n_published));
      check (hd_store_save_inbox_item (store, item, &error), error);
    }
  check (hd_store_commit (store, &error), error);
}

static void
fill_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = hd_store_open (path, &error);
  g_autoptr(GPtrArray) post_ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *marker = g_strconcat (path, ".done", NULL);
  char *channel_ids[N_CHANNELS];
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 t0 = g_get_monotonic_time ();

  if (store == NULL)
    g_error ("%s", error->message);

  fill_channels (store, now, channel_ids);
  fill_posts (store, now, channel_ids, post_ids);
  fill_campaigns (store, now, post_ids);
  fill_inbox (store, now, channel_ids, post_ids);
  for (guint c = 0; c < N_CHANNELS; c++)
    g_free (channel_ids[c]);
  g_clear_object (&store);

  /* The store is made once and kept beside the build; the marker says it was finished. */
  if (!g_file_set_contents (marker, STORE_VERSION, -1, &error))
    g_error ("%s", error->message);
  g_print ("Filled the store with %d posts, %d channels, %d campaigns and %d inbox items "
           "in %.1f s\n", N_POSTS, N_CHANNELS, N_CAMPAIGNS, N_INBOX,
           (g_get_monotonic_time () - t0) / 1e6);
}

static gboolean
store_is_ready (const char *path)
{
  g_autofree char *marker = g_strconcat (path, ".done", NULL);
  g_autofree char *contents = NULL;

  return g_file_get_contents (marker, &contents, NULL, NULL) &&
         g_strcmp0 (contents, STORE_VERSION) == 0;
}

static void
remove_store (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", ".done" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The session's keyring is new every run: give every channel its token, as a signed-in user's
 * keyring has. */
static void
store_tokens (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = hd_store_open (path, &error);
  g_autoptr(GListModel) channels = NULL;

  if (store == NULL)
    g_error ("%s", error->message);
  channels = hd_store_list_channels (store, &error);
  if (channels == NULL)
    g_error ("%s", error->message);

  for (guint i = 0; i < g_list_model_get_n_items (channels); i++)
    {
      g_autoptr(HdChannel) channel = g_list_model_get_item (channels, i);
      g_autoptr(GAsyncResult) result = NULL;

      hd_secrets_store_async (hd_channel_get_id (channel), HD_SECRET_KIND_ACCESS_TOKEN,
                              hd_channel_get_display_name (channel), "bench-token", NULL,
                              store_result, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      if (!hd_secrets_store_finish (result, &error))
        g_error ("Could not keep a token in the keyring: %s", error->message);
    }
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) destination = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;

  if (!g_file_copy (source, destination, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
    g_error ("Could not copy %s: %s", from, error->message);
}

/* ---- Watching the X server ---------------------------------------------------------------- */

typedef struct
{
  Display    *display;
  int         damage_event;
  /* Window → Watched */
  GHashTable *windows;
  /* When the first main window was mapped, for HERALD_BENCH_DETAIL. */
  gint64      mapped_at;
  /* Every qualifying damage of the current start, in monotonic µs */
  GArray     *damaged_at;
} Watcher;

typedef struct
{
  Damage   damage;
  int      width;
  int      height;
  gboolean mapped;
} Watched;

typedef struct
{
  double   mapped_ms;
  double   first_frame_ms;
  double   settled_ms;
  double   content_ms;
  double   rss_mb;
  double   pss_mb;
  guint    n_damages;
  gboolean ok;
  char    *failure;
} Launch;

/* Windows go away between our seeing them and asking about them; that is no error here. */
static int
ignore_x_errors (Display     *display,
                 XErrorEvent *event)
{
  return 0;
}

static gboolean
watcher_init (Watcher *watcher)
{
  int error_base;

  watcher->display = XOpenDisplay (NULL);
  if (watcher->display == NULL)
    return FALSE;
  if (!XDamageQueryExtension (watcher->display, &watcher->damage_event, &error_base))
    return FALSE;

  XSetErrorHandler (ignore_x_errors);
  XSelectInput (watcher->display, DefaultRootWindow (watcher->display), SubstructureNotifyMask);
  XSync (watcher->display, False);
  watcher->windows = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  watcher->damaged_at = g_array_new (FALSE, FALSE, sizeof (gint64));

  return TRUE;
}

static void
watcher_forget (Watcher *watcher)
{
  GHashTableIter iter;
  Watched *watched;

  g_hash_table_iter_init (&iter, watcher->windows);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &watched))
    XDamageDestroy (watcher->display, watched->damage);
  g_hash_table_remove_all (watcher->windows);
  XSync (watcher->display, True);
  watcher->mapped_at = 0;
  g_array_set_size (watcher->damaged_at, 0);
}

/* Handles one event; returns TRUE when it was damage drawn into a mapped top-level window of
 * a size that is a main window's. */
static gboolean
watcher_handle (Watcher *watcher,
                XEvent  *event)
{
  Watched *watched;

  if (event->type == CreateNotify)
    {
      XCreateWindowEvent *create = &event->xcreatewindow;

      if (create->override_redirect || create->parent != DefaultRootWindow (watcher->display))
        return FALSE;
      watched = g_new0 (Watched, 1);
      watched->damage = XDamageCreate (watcher->display, create->window,
                                       XDamageReportRawRectangles);
      watched->width = create->width;
      watched->height = create->height;
      g_hash_table_replace (watcher->windows, GSIZE_TO_POINTER (create->window), watched);
      return FALSE;
    }

  if (event->type == ConfigureNotify)
    {
      watched = g_hash_table_lookup (watcher->windows,
                                     GSIZE_TO_POINTER (event->xconfigure.window));
      if (watched != NULL)
        {
          watched->width = event->xconfigure.width;
          watched->height = event->xconfigure.height;
        }
      return FALSE;
    }

  if (event->type == MapNotify || event->type == UnmapNotify)
    {
      watched = g_hash_table_lookup (watcher->windows, GSIZE_TO_POINTER (event->xmap.window));
      if (watched != NULL)
        watched->mapped = event->type == MapNotify;
      if (watched != NULL && watched->mapped && watcher->mapped_at == 0 &&
          watched->width >= MIN_WIDTH && watched->height >= MIN_HEIGHT)
        watcher->mapped_at = g_get_monotonic_time ();
      return FALSE;
    }

  if (event->type == DestroyNotify)
    {
      g_hash_table_remove (watcher->windows,
                           GSIZE_TO_POINTER (event->xdestroywindow.window));
      return FALSE;
    }

  if (event->type == watcher->damage_event + XDamageNotify)
    {
      XDamageNotifyEvent *damage = (XDamageNotifyEvent *) event;

      gboolean main_window;

      watched = g_hash_table_lookup (watcher->windows, GSIZE_TO_POINTER (damage->drawable));
      main_window = watched != NULL && watched->mapped &&
                    watched->width >= MIN_WIDTH && watched->height >= MIN_HEIGHT;
      if (main_window)
        {
          gint64 now = g_get_monotonic_time ();

          g_array_append_val (watcher->damaged_at, now);
        }
      return main_window;
    }

  return FALSE;
}

/* Waits up to @ms for X events; handles each. Returns the time of the last qualifying
 * damage seen, or 0. */
static gint64
watcher_wait (Watcher *watcher,
              int      ms,
              guint   *n_damages)
{
  struct pollfd fd = { ConnectionNumber (watcher->display), POLLIN, 0 };
  gint64 last = 0;

  if (XPending (watcher->display) == 0)
    poll (&fd, 1, ms);

  while (XPending (watcher->display) > 0)
    {
      XEvent event;

      XNextEvent (watcher->display, &event);
      if (watcher_handle (watcher, &event))
        {
          last = g_get_monotonic_time ();
          (*n_damages)++;
        }
    }

  return last;
}

/* ---- Launching ------------------------------------------------------------------------- */

static double
read_kb_field (const char *file,
               const char *field)
{
  g_autofree char *contents = NULL;
  const char *line;

  if (!g_file_get_contents (file, &contents, NULL, NULL) ||
      (line = strstr (contents, field)) == NULL)
    return -1;

  return g_ascii_strtod (line + strlen (field), NULL) / 1024.0;
}

static double
read_rss_mb (GPid pid)
{
  g_autofree char *status = g_strdup_printf ("/proc/%d/status", pid);

  return read_kb_field (status, "VmRSS:");
}

static double
read_pss_mb (GPid pid)
{
  g_autofree char *rollup = g_strdup_printf ("/proc/%d/smaps_rollup", pid);

  return read_kb_field (rollup, "Pss:");
}

static gboolean
has_exited (GPid  pid,
            int  *status)
{
  return waitpid (pid, status, WNOHANG) == pid;
}

static void
stop (GPid pid)
{
  int status;

  kill (pid, SIGTERM);
  for (guint i = 0; i < 300; i++)
    {
      if (has_exited (pid, &status))
        return;
      g_usleep (10000);
    }
  kill (pid, SIGKILL);
  waitpid (pid, &status, 0);
}

static char *
read_tail (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return g_strdup ("");
  return g_strdup (length > 600 ? contents + length - 600 : contents);
}

/* When the program's content was first painted: for a Herald that showed a wait for its store
 * first, the first frame after it logged (see CONTENT_MARK) that the filled workspace replaces
 * the wait; for any other program, and a Herald that had its store at once, the first frame. */
static double
content_painted_ms (Watcher    *watcher,
                    const char *log_path,
                    gint64      t0,
                    double      first_frame_ms)
{
  g_autofree char *log = NULL;
  const char *mark;
  gint64 replaced_at;

  if (!g_file_get_contents (log_path, &log, NULL, NULL) ||
      (mark = strstr (log, CONTENT_MARK)) == NULL)
    return first_frame_ms;

  replaced_at = g_ascii_strtoll (mark + strlen (CONTENT_MARK), NULL, 10);
  for (guint i = 0; i < watcher->damaged_at->len; i++)
    {
      gint64 at = g_array_index (watcher->damaged_at, gint64, i);

      if (at >= replaced_at)
        return (at - t0) / 1000.0;
    }

  return -1;
}

static Launch
launch (Watcher     *watcher,
        char       **argv,
        char       **envp,
        const char  *log_path)
{
  g_autoptr(GError) error = NULL;
  Launch result = { 0, };
  GPid pid = 0;
  gint64 t0;
  gint64 first = 0;
  gint64 last = 0;
  int log_fd;
  int status = 0;

  watcher_forget (watcher);
  log_fd = g_open (log_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

  t0 = g_get_monotonic_time ();
  if (!g_spawn_async_with_fds (NULL, argv, envp,
                               G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &pid, -1, log_fd, log_fd, &error))
    {
      close (log_fd);
      result.failure = g_strdup (error->message);
      return result;
    }
  close (log_fd);

  while (first == 0)
    {
      gint64 seen = watcher_wait (watcher, 20, &result.n_damages);

      if (seen != 0)
        first = seen;
      else if (has_exited (pid, &status))
        {
          g_autofree char *tail = read_tail (log_path);

          result.failure = g_strdup_printf ("it exited before showing a window: %s", tail);
          return result;
        }
      else if (g_get_monotonic_time () - t0 > (gint64) TIMEOUT_MS * 1000)
        {
          g_autofree char *tail = read_tail (log_path);

          stop (pid);
          result.failure = g_strdup_printf ("no window was drawn within %d s: %s",
                                            TIMEOUT_MS / 1000, tail);
          return result;
        }
    }

  last = first;
  while (g_get_monotonic_time () - first < (gint64) SETTLE_MS * 1000)
    {
      int left = SETTLE_MS - (g_get_monotonic_time () - first) / 1000;
      gint64 seen = watcher_wait (watcher, MAX (left, 1), &result.n_damages);

      if (seen != 0)
        last = seen;
    }

  result.mapped_ms = watcher->mapped_at != 0 ? (watcher->mapped_at - t0) / 1000.0 : -1;
  result.first_frame_ms = (first - t0) / 1000.0;
  result.settled_ms = (last - t0) / 1000.0;
  result.content_ms = content_painted_ms (watcher, log_path, t0, result.first_frame_ms);
  result.rss_mb = read_rss_mb (pid);
  result.pss_mb = read_pss_mb (pid);
  result.ok = result.rss_mb > 0;
  if (!result.ok)
    result.failure = g_strdup ("it had exited by the time its memory was read");
  stop (pid);

  return result;
}

/* The resident memory of evolution-data-server's daemons, which GNOME Calendar starts. */
static double
read_eds_rss_mb (void)
{
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;
  double total = 0;

  while (proc != NULL && (name = g_dir_read_name (proc)) != NULL)
    {
      g_autofree char *comm_path = g_build_filename ("/proc", name, "comm", NULL);
      g_autofree char *comm = NULL;

      if (g_ascii_isdigit (name[0]) && g_file_get_contents (comm_path, &comm, NULL, NULL) &&
          g_str_has_prefix (comm, "evolution-"))
        total += MAX (read_rss_mb (atoi (name)), 0);
    }

  return total;
}

/* ---- The subjects and the report ------------------------------------------------------- */

typedef struct
{
  const char *name;
  char      **argv;
  char      **envp;
  GArray     *start;
  GArray     *settled;
  GArray     *content;
  GArray     *rss;
  GArray     *pss;
  char       *failure;
  double      extra_rss_mb;
} Subject;

static void
subject_init (Subject    *subject,
              const char *name,
              char      **argv,
              char      **envp)
{
  *subject = (Subject) { .name = name, .argv = argv, .envp = envp };
  subject->start = g_array_new (FALSE, FALSE, sizeof (double));
  subject->settled = g_array_new (FALSE, FALSE, sizeof (double));
  subject->content = g_array_new (FALSE, FALSE, sizeof (double));
  subject->rss = g_array_new (FALSE, FALSE, sizeof (double));
  subject->pss = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
subject_clear (Subject *subject)
{
  g_array_unref (subject->start);
  g_array_unref (subject->settled);
  g_array_unref (subject->content);
  g_array_unref (subject->rss);
  g_array_unref (subject->pss);
  g_free (subject->failure);
}

static gboolean
subject_measured (Subject *subject)
{
  return subject->failure == NULL && subject->start->len > 0;
}

static double
median (GArray *samples)
{
  return bench_percentile (samples, 0.5);
}

static void
report (const char *measure,
        double      value,
        const char *unit,
        const char *target,
        const char *result)
{
  g_print ("STARTUP\t%s\t%.2f\t%s\t%s\t%s\n", measure, value, unit, target, result);
}

static void
report_subject (Subject *subject)
{
  g_autofree char *start = g_strdup_printf ("%s: start to first frame", subject->name);
  g_autofree char *settled = g_strdup_printf ("%s: start to settled window", subject->name);
  g_autofree char *content = g_strdup_printf ("%s: start to content painted", subject->name);
  g_autofree char *rss = g_strdup_printf ("%s: resident memory (VmRSS)", subject->name);
  g_autofree char *pss = g_strdup_printf ("%s: proportional memory (Pss)", subject->name);

  if (!subject_measured (subject))
    {
      g_autofree char *why = g_strdup_printf ("%s: not measured", subject->name);

      g_print ("%s could not be measured: %s\n", subject->name, subject->failure);
      report (why, 0, "-", "see above", "not measured");
      return;
    }

  g_print ("%s: first frame %.0f–%.0f ms over %u starts, resident %.1f–%.1f MB\n",
           subject->name, bench_percentile (subject->start, 0),
           bench_percentile (subject->start, 1),
           subject->start->len, bench_percentile (subject->rss, 0),
           bench_percentile (subject->rss, 1));
  report (start, median (subject->start), "ms", "median of the starts", "-");
  report (settled, median (subject->settled), "ms", "last change within 2 s", "-");
  report (content, median (subject->content), "ms", "the month's posts, after any wait", "-");
  report (rss, median (subject->rss), "MB", "2 s after the first frame", "-");
  report (pss, median (subject->pss), "MB", "2 s after the first frame", "-");
}

static gboolean
report_targets (Subject *herald,
                Subject *bare,
                Subject *calendar)
{
  gboolean met = TRUE;

  if (subject_measured (herald) && subject_measured (bare))
    {
      double ratio = median (herald->start) / median (bare->start);
      double extra = median (herald->rss) - median (bare->rss);
      g_autofree char *ratio_target = g_strdup_printf ("<= %.1f x the bare window",
                                                       MAX_START_RATIO);
      g_autofree char *extra_target = g_strdup_printf ("<= +%.0f MB over the bare window",
                                                       MAX_EXTRA_MB);

      report ("Herald's start time / the bare window's", ratio, "x", ratio_target,
              ratio <= MAX_START_RATIO ? "met" : "not met");
      report ("Herald's memory over the bare window's", extra, "MB", extra_target,
              extra <= MAX_EXTRA_MB ? "met" : "not met");
      met &= ratio <= MAX_START_RATIO && extra <= MAX_EXTRA_MB;
    }
  else
    {
      report ("Herald against the bare window", 0, "-", "<= 1.3 x, <= +20 MB", "not measured");
      met = FALSE;
    }

  if (subject_measured (herald) && subject_measured (calendar))
    {
      double herald_start = median (herald->start);
      double calendar_start = median (calendar->start);

      report ("Herald's start time / GNOME Calendar's", herald_start / calendar_start, "x",
              "< 1 (faster than GNOME Calendar)",
              herald_start < calendar_start ? "met" : "not met");
      report ("Herald's memory / GNOME Calendar's", median (herald->rss) / median (calendar->rss),
              "x", "< 1 (less than GNOME Calendar)",
              median (herald->rss) < median (calendar->rss) ? "met" : "not met");
      met &= herald_start < calendar_start && median (herald->rss) < median (calendar->rss);
    }
  else
    {
      report ("Herald against GNOME Calendar", 0, "-", "faster, smaller", "not measured");
    }

  return met;
}

/* ---- The environment every program starts in ------------------------------------------ */

static char **
make_environment (const char *run_dir,
                  const char *data_name)
{
  g_autofree char *config = g_build_filename (run_dir, "config", NULL);
  g_autofree char *data = g_build_filename (run_dir, data_name, NULL);
  g_autofree char *cache = g_build_filename (run_dir, "cache", NULL);
  g_autofree char *settings_dir = g_build_filename (config, "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (settings_dir, "keyfile", NULL);
  g_autofree char *herald_dir = g_build_filename (data, "herald", NULL);
  g_autoptr(GError) error = NULL;
  char **envp = g_get_environ ();
  /* Herald opens the user's own workspace; every window opens at 1,100×740, not maximised;
   * GNOME Calendar looks for no weather. */
  const char *settings =
    "[io/github/heraldapp/Herald]\n"
    "workspace='own'\n"
    "window-width=1100\n"
    "window-height=740\n"
    "window-maximized=false\n"
    "\n"
    "[org/gnome/calendar]\n"
    "window-maximized=false\n"
    "window-size=(1100, 740)\n"
    "weather-settings=(false, false, '', @mv nothing)\n";

  g_mkdir_with_parents (settings_dir, 0700);
  g_mkdir_with_parents (herald_dir, 0700);
  g_mkdir_with_parents (cache, 0700);
  if (!g_file_set_contents (keyfile, settings, -1, &error))
    g_error ("%s", error->message);

  envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "keyfile", TRUE);
  envp = g_environ_setenv (envp, "XDG_CONFIG_HOME", config, TRUE);
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", data, TRUE);
  envp = g_environ_setenv (envp, "XDG_CACHE_HOME", cache, TRUE);
  envp = g_environ_unsetenv (envp, "HERALD_DATA_DIR");
  envp = g_environ_unsetenv (envp, "G_DEBUG");
  /* Herald's window says when its content replaces the wait for the store (CONTENT_MARK). */
  envp = g_environ_setenv (envp, "G_MESSAGES_DEBUG", "herald-ui", TRUE);

  return envp;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("- measure the start of Herald");
  g_autofree char *store_path = NULL;
  g_autofree char *herald_path = NULL;
  g_autofree char *bare_path = NULL;
  g_autofree char *calendar_path = NULL;
  g_autofree char *run_dir = NULL;
  g_autofree char *herald_db = NULL;
  g_autofree char *log_path = NULL;
  g_auto(GStrv) envp = NULL;
  g_auto(GStrv) empty_envp = NULL;
  gboolean only_fill = FALSE;
  gboolean refill = FALSE;
  int runs = 9;
  const GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Measured starts of each program (9)", "N" },
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &store_path,
      "Keep the filled store in FILE, or use the one already there", "FILE" },
    { "refill", 0, 0, G_OPTION_ARG_NONE, &refill, "Fill the store anew", NULL },
    { "fill-only", 0, 0, G_OPTION_ARG_NONE, &only_fill, "Only fill the store", NULL },
    { "herald", 0, 0, G_OPTION_ARG_FILENAME, &herald_path, "The herald executable", "PATH" },
    { "bare", 0, 0, G_OPTION_ARG_FILENAME, &bare_path, "The bare window's executable", "PATH" },
    { "calendar", 0, 0, G_OPTION_ARG_FILENAME, &calendar_path,
      "GNOME Calendar's executable (gnome-calendar)", "PATH" },
    { NULL }
  };
  Watcher watcher = { 0, };
  Subject subjects[4];
  Subject *herald = &subjects[0];
  Subject *bare = &subjects[1];
  Subject *calendar = &subjects[2];
  Subject *herald_empty = &subjects[3];
  char *herald_argv[] = { NULL, NULL };
  char *bare_argv[] = { NULL, NULL };
  char *calendar_argv[] = { NULL, NULL };
  double eds_mb = 0;
  gboolean met;

  setlocale (LC_ALL, "");
  setvbuf (stdout, NULL, _IOLBF, 0);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);
  if (!only_fill && (herald_path == NULL || bare_path == NULL))
    g_error ("--herald and --bare are needed");
  if (calendar_path == NULL)
    calendar_path = g_strdup ("gnome-calendar");

  run_dir = g_dir_make_tmp ("herald-bench-startup-XXXXXX", &error);
  if (run_dir == NULL)
    g_error ("%s", error->message);
  if (store_path == NULL)
    store_path = g_build_filename (run_dir, "store.db", NULL);
  if (refill || !store_is_ready (store_path))
    {
      remove_store (store_path);
      fill_store (store_path);
    }
  if (only_fill)
    {
      remove_tree (run_dir);
      return EXIT_SUCCESS;
    }

  envp = make_environment (run_dir, "data");
  /* The same Herald on a store of its own that stays empty: what its start costs before
   * there is anything to show. */
  empty_envp = make_environment (run_dir, "empty-data");
  herald_db = g_build_filename (run_dir, "data", "herald", "herald.db", NULL);
  log_path = g_build_filename (run_dir, "program.log", NULL);
  store_tokens (store_path);

  if (!watcher_init (&watcher))
    g_error ("No X server with the DAMAGE extension: run this through bench/run.sh");

  herald_argv[0] = herald_path;
  bare_argv[0] = bare_path;
  calendar_argv[0] = calendar_path;
  subject_init (herald, "Herald, 50,000 posts", herald_argv, envp);
  subject_init (bare, "bare libadwaita window", bare_argv, envp);
  subject_init (calendar, "GNOME Calendar", calendar_argv, envp);
  subject_init (herald_empty, "Herald, empty store", herald_argv, empty_envp);
  if (g_find_program_in_path (calendar_path) == NULL)
    calendar->failure = g_strdup_printf ("%s is not installed (Debian package gnome-calendar)",
                                         calendar_path);

  /* Round 0 warms the page cache and starts evolution-data-server; it is not counted. */
  for (int round = 0; round <= runs; round++)
    {
      for (guint s = 0; s < G_N_ELEMENTS (subjects); s++)
        {
          Subject *subject = &subjects[s];
          Launch launched;

          if (subject->failure != NULL)
            continue;

          /* Every start of Herald opens the store as it was filled: what a start writes
           * (the send round's marks, the WAL) is not carried into the next. */
          if (subject == herald)
            {
              g_autofree char *wal = g_strconcat (herald_db, "-wal", NULL);
              g_autofree char *shm = g_strconcat (herald_db, "-shm", NULL);

              g_unlink (wal);
              g_unlink (shm);
              copy_file (store_path, herald_db);
            }

          launched = launch (&watcher, subject->argv, subject->envp, log_path);
          if (!launched.ok)
            {
              subject->failure = launched.failure;
              continue;
            }
          if (round == 0)
            continue;

          g_array_append_val (subject->start, launched.first_frame_ms);
          g_array_append_val (subject->settled, launched.settled_ms);
          g_array_append_val (subject->content, launched.content_ms);
          g_array_append_val (subject->rss, launched.rss_mb);
          g_array_append_val (subject->pss, launched.pss_mb);
          if (g_getenv ("HERALD_BENCH_DETAIL") != NULL)
            g_printerr ("%s: mapped %.1f ms, first frame %.1f ms, content %.1f ms, "
                        "settled %.1f ms, %u damages, RSS %.1f MB, Pss %.1f MB\n",
                        subject->name, launched.mapped_ms, launched.first_frame_ms,
                        launched.content_ms, launched.settled_ms, launched.n_damages,
                        launched.rss_mb, launched.pss_mb);
          if (subject == calendar)
            eds_mb = read_eds_rss_mb ();
        }
    }

  for (guint s = 0; s < G_N_ELEMENTS (subjects); s++)
    report_subject (&subjects[s]);
  if (subject_measured (calendar))
    report ("evolution-data-server's daemons, for GNOME Calendar", eds_mb, "MB",
            "not counted in GNOME Calendar's", "-");
  met = report_targets (herald, bare, calendar);

  for (guint s = 0; s < G_N_ELEMENTS (subjects); s++)
    subject_clear (&subjects[s]);
  XCloseDisplay (watcher.display);
  g_hash_table_unref (watcher.windows);
  remove_tree (run_dir);

  return met ? EXIT_SUCCESS : EXIT_FAILURE;
}
