/* hd-sender.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-sender.h"
#include "hd-sender-private.h"
#include "hd-store-private.h"
#include "hd-sync-lock.h"

/* Backoff without Retry-After: 30 s, doubled per attempt, capped at an hour, spread by
 * BACKOFF_JITTER either way. */
#define BACKOFF_FIRST 30
#define BACKOFF_MAX (60 * 60)
#define BACKOFF_JITTER 0.2

#define DEFAULT_LATE_GRACE (15 * 60)

/* Rounds may be this far apart while Herald runs (the daemon's longest sleep and a little):
 * a longer gap means it was away. */
#define MIN_ROUND_GAP (6 * 60)

#define EXCERPT_CHARS 40

/* Rows of a channel marked in flight, with their requests built, before the row ahead of them
 * is answered. Should the process die, as many are looked up on the platform on the next start
 * before they go. */
#define READY_AHEAD 32
/* A catch-up starts once this few rows are ready, or this many answered wait to be recorded:
 * each costs a commit, so it does several rows at a time. */
#define CATCH_UP_AT (READY_AHEAD / 2)
/* A row answered is recorded as sent at the latest this long after, when the rows behind it
 * keep going out quicker than that. */
#define RECORD_WITHIN_MS 250

struct _HdSendReport
{
  gatomicrefcount  ref_count;
  GArray          *items;
};

G_DEFINE_BOXED_TYPE (HdSendReport, hd_send_report, hd_send_report_ref, hd_send_report_unref)

static void
send_item_clear (HdSendItem *item)
{
  g_free (item->change_id);
  g_free (item->post_id);
  g_free (item->channel_id);
  g_free (item->excerpt);
  g_free (item->channel_name);
  g_free (item->sentence);
  g_free (item->remote_url);
}

HdSendReport *
_hd_send_report_new (void)
{
  HdSendReport *self = g_new0 (HdSendReport, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->items = g_array_new (FALSE, TRUE, sizeof (HdSendItem));
  g_array_set_clear_func (self->items, (GDestroyNotify) send_item_clear);

  return self;
}

void
_hd_send_report_append (HdSendReport *self,
                        HdSendItem   *item)
{
  g_array_append_val (self->items, *item);
}

HdSendReport *
hd_send_report_ref (HdSendReport *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
hd_send_report_unref (HdSendReport *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_array_unref (self->items);
  g_free (self);
}

guint
hd_send_report_get_n_items (HdSendReport *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->items->len;
}

/**
 * hd_send_report_get_item:
 *
 * Returns: (transfer none): the item
 */
const HdSendItem *
hd_send_report_get_item (HdSendReport *self,
                         guint         index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->items->len, NULL);

  return &g_array_index (self->items, HdSendItem, index);
}

guint
hd_send_report_count (HdSendReport  *self,
                      HdSendOutcome  outcome)
{
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; i < self->items->len; i++)
    {
      if (g_array_index (self->items, HdSendItem, i).outcome == outcome)
        n++;
    }

  return n;
}

gboolean
hd_send_report_all_sent (HdSendReport *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return hd_send_report_count (self, HD_SEND_OUTCOME_SENT) +
         hd_send_report_count (self, HD_SEND_OUTCOME_CONFIRMED) +
         hd_send_report_count (self, HD_SEND_OUTCOME_HANDED_OVER) == self->items->len;
}

gint64
hd_sender_backoff (guint attempts)
{
  gint64 wait = BACKOFF_FIRST;

  for (guint i = 1; i < attempts && wait < BACKOFF_MAX; i++)
    wait *= 2;

  return MIN (wait, BACKOFF_MAX);
}

/* The sender */

/* The sender's own connection, on which the catch-ups run on a worker thread so that the main
 * loop only talks HTTP. A catch-up holds the lock while it uses it: the channels' catch-ups take
 * turns. Shared by reference, as a worker thread may let go of its catch-up a little after the
 * sender is gone. */
typedef struct
{
  GMutex   lock;
  HdStore *store;
} Worker;

static void
worker_clear (Worker *worker)
{
  g_mutex_clear (&worker->lock);
  g_clear_object (&worker->store);
}

static void
worker_release (Worker *worker)
{
  g_rc_box_release_full (worker, (GDestroyNotify) worker_clear);
}

struct _HdSender
{
  GObject   parent_instance;

  /* owned references */
  HdStore    *store;
  HdHttp     *http;
  HdSyncLock *lock;
  GRand      *jitter;
  /* The connection for the catch-ups on a worker thread; opened on the first one. */
  Worker     *worker;

  /* source ids */
  guint       heartbeat_id;

  gint64      late_grace;
  /* Since when (the runs' clock) rounds have followed each other without a gap longer than
   * the grace: a post whose time came after this was due while Herald was running, however
   * long pacing or failures then held it back. 0 before the first run. */
  gint64      awake_since;
  gint64      last_run_at;
  gboolean    running;
};

G_DEFINE_FINAL_TYPE (HdSender, hd_sender, G_TYPE_OBJECT)

enum {
  ITEM_DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
hd_sender_dispose (GObject *object)
{
  HdSender *self = (HdSender *)object;

  g_clear_handle_id (&self->heartbeat_id, g_source_remove);
  /* Lets the next Herald send at once rather than after the lock expires. */
  g_clear_object (&self->lock);
  g_clear_pointer (&self->worker, worker_release);
  g_clear_object (&self->store);
  g_clear_object (&self->http);

  G_OBJECT_CLASS (hd_sender_parent_class)->dispose (object);
}

static void
hd_sender_finalize (GObject *object)
{
  HdSender *self = (HdSender *)object;

  g_clear_pointer (&self->jitter, g_rand_free);

  G_OBJECT_CLASS (hd_sender_parent_class)->finalize (object);
}

static void
hd_sender_class_init (HdSenderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hd_sender_dispose;
  object_class->finalize = hd_sender_finalize;

  /**
   * HdSender::item-done:
   * @item: (type gpointer): the const HdSendItem, valid during the emission
   * @n_done: rows dealt with so far in this run, this one included
   * @n_total: rows the run set out to deal with
   *
   * Emitted as soon as one row's fate is known, for a progress bar.
   */
  signals[ITEM_DONE] = g_signal_new ("item-done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                                     G_TYPE_POINTER, G_TYPE_UINT, G_TYPE_UINT);
}

static void
hd_sender_init (HdSender *self)
{
  self->late_grace = DEFAULT_LATE_GRACE;
  self->jitter = g_rand_new ();
}

/**
 * hd_sender_new:
 *
 * Returns: (transfer full): a sender writing to @store and talking through @http
 */
HdSender *
hd_sender_new (HdStore *store,
               HdHttp  *http)
{
  HdSender *self;

  g_return_val_if_fail (HD_IS_STORE (store), NULL);
  g_return_val_if_fail (HD_IS_HTTP (http), NULL);

  self = g_object_new (HD_TYPE_SENDER, NULL);
  self->store = g_object_ref (store);
  self->http = g_object_ref (http);
  self->lock = hd_sync_lock_new (store);
  hd_store_set_native_scheduling (store, hd_provider_kind_can_schedule_at);

  return self;
}

/**
 * hd_sender_get_store:
 *
 * Returns: (transfer none): the store
 */
HdStore *
hd_sender_get_store (HdSender *self)
{
  g_return_val_if_fail (HD_IS_SENDER (self), NULL);

  return self->store;
}

/**
 * hd_sender_get_http:
 *
 * Returns: (transfer none): the HTTP session
 */
HdHttp *
hd_sender_get_http (HdSender *self)
{
  g_return_val_if_fail (HD_IS_SENDER (self), NULL);

  return self->http;
}

gboolean
hd_sender_get_running (HdSender *self)
{
  g_return_val_if_fail (HD_IS_SENDER (self), FALSE);

  return self->running;
}

void
hd_sender_set_late_grace (HdSender *self,
                          gint64    seconds)
{
  g_return_if_fail (HD_IS_SENDER (self));
  g_return_if_fail (seconds >= 0);

  self->late_grace = seconds;
}

gint64
hd_sender_get_late_grace (HdSender *self)
{
  g_return_val_if_fail (HD_IS_SENDER (self), DEFAULT_LATE_GRACE);

  return self->late_grace;
}

void
hd_sender_set_jitter_seed (HdSender *self,
                           guint32   seed)
{
  g_return_if_fail (HD_IS_SENDER (self));

  g_rand_set_seed (self->jitter, seed);
}

static gint64
jittered_backoff (HdSender *self,
                  guint     attempts)
{
  gint64 wait = hd_sender_backoff (attempts);
  double spread = g_rand_double_range (self->jitter, 1.0 - BACKOFF_JITTER, 1.0 + BACKOFF_JITTER);

  return CLAMP ((gint64) (wait * spread + 0.5), 1, BACKOFF_MAX);
}

char *
_hd_sender_describe_waiting (const GError *failure,
                             gint64        wait)
{
  g_autofree char *described = NULL;

  /* A platform that asked Herald to slow down said for how long, and that is when the row
   * is tried again. */
  if (g_error_matches (failure, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_RATE_LIMITED))
    return g_strdup_printf (_("Waiting: %s"), failure->message);

  described = hd_http_describe_wait ((guint) CLAMP (wait, 0, G_MAXUINT));
  return g_strdup_printf (_("Waiting: %s Herald will try again in %s."), failure->message,
                          described);
}

static gboolean
beat_heartbeat_cb (gpointer user_data)
{
  HdSender *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!hd_sync_lock_acquire (self->lock, NULL, &error))
    {
      g_info ("Stopped holding the right to send: %s", error->message);
      self->heartbeat_id = 0;
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

/* Holding the lock, nobody else is sending: a row still in flight was left by a process that
 * stopped, and whether it reached its platform is asked before anything else. */
static gboolean
take_lock (HdSender  *self,
           gboolean   recover,
           guint     *n_recovered,
           GError   **error)
{
  gboolean taken = FALSE;
  guint n = 0;

  if (!hd_sync_lock_acquire (self->lock, &taken, error))
    return FALSE;

  if (self->heartbeat_id == 0)
    self->heartbeat_id = g_timeout_add_seconds (HD_SYNC_LOCK_HEARTBEAT, beat_heartbeat_cb, self);

  if (taken || recover)
    {
      if (!hd_store_unconfirm_in_flight (self->store, &n, error))
        return FALSE;
      if (n > 0)
        g_info ("%u change(s) were being sent when Herald stopped; checking them first", n);
    }

  if (n_recovered != NULL)
    *n_recovered = n;

  return TRUE;
}

gboolean
_hd_sender_hold_lock (HdSender  *self,
                      GError   **error)
{
  g_return_val_if_fail (HD_IS_SENDER (self), FALSE);

  return take_lock (self, FALSE, NULL, error);
}

gboolean
hd_sender_recover (HdSender  *self,
                   guint     *n_recovered,
                   GError   **error)
{
  g_return_val_if_fail (HD_IS_SENDER (self), FALSE);

  if (n_recovered != NULL)
    *n_recovered = 0;

  if (self->running)
    return TRUE;

  return take_lock (self, TRUE, n_recovered, error);
}

/* One run: every connected channel's rows, a lane per channel. */

typedef struct _Run Run;

/* A row of the outbox with what was loaded to send it. */
typedef struct
{
  HdChange       *change;
  HdPost         *post;
  HdProviderPost *request;
} Ready;

/* A row the platform took, not yet recorded as sent. */
typedef struct
{
  HdChange         *change;
  HdPost           *post;
  HdProviderResult *result;
  HdSendOutcome     outcome;
} Answered;

typedef struct _Lane Lane;

/* A row sent on the success status of the row ahead of it (see Lane.following). */
typedef struct
{
  Lane               *lane;
  HdChange           *change;
  HdPost             *post;
  HdProviderPost     *request;
  /* what deals with its answer, as for the lane's current row */
  GAsyncReadyCallback handle_answer;
  /* its answer, when it came before the row ahead of it was dealt with */
  GObject            *answer_source;
  GAsyncResult       *answer;
} Following;

/* What is to be done next in a lane, once its catch-up is over; it takes @data. */
typedef void (*LaneThen) (Lane     *lane,
                          gpointer  data);

struct _Lane
{
  Run            *run;
  HdChannel      *channel;
  HdProvider     *provider;
  GPtrArray      *changes;
  guint           next;
  GArray         *items;
  /* posts whose copy held for later on this channel was not deleted in this run: their new
   * copy must not go out beside it */
  GHashTable     *blocked_posts;

  /* the row being sent */
  HdChange       *change;
  HdPost         *post;
  HdProviderPost *request;

  /* a row of the channel waits for a later try, so none behind it goes now */
  gboolean        waiting;
  /* the lane sends nothing more; what is on its way is still dealt with */
  gboolean        stopping;

  /* The row sent once the platform had taken the one being sent, while that answer was still
   * read: its answer is dealt with after that one's, so the report and the store follow the
   * order the platform got them in. */
  Following      *following;

  /* While requests come and go, a catch-up on the worker thread marks the rows after them in
   * flight and records the rows answered as sent, several at a time in one transaction, so
   * that when an answer comes the next request can leave at once: the database work runs
   * beside the round trips, not between them, and costs one commit for several posts. */
  GQueue          ahead;     /* of Ready, in flight on disk, their requests not yet sent */
  GQueue          answered;  /* of Answered, in flight on disk, their answers in */
  gboolean        catching_up;
  /* Whatever the lane does besides sending a row that is ready waits for the catch-up, which
   * holds rows of the lane: what it does next is kept here meanwhile, and its data freed with
   * then_data_free should it never be done. */
  LaneThen        then;
  gpointer        then_data;
  GDestroyNotify  then_data_free;
  guint           record_id;
};

struct _Run
{
  GTask         *task;
  gint64         now;
  GPtrArray     *lanes;
  guint          n_running;
  guint          n_done;
  guint          n_total;
  HdSendReport  *report;
  GError        *store_error;
};

static void
ready_free (Ready *ready)
{
  g_clear_pointer (&ready->change, hd_change_free);
  g_clear_object (&ready->post);
  g_clear_pointer (&ready->request, hd_provider_post_unref);
  g_free (ready);
}

static void
answered_free (Answered *answered)
{
  g_clear_pointer (&answered->change, hd_change_free);
  g_clear_object (&answered->post);
  g_clear_pointer (&answered->result, hd_provider_result_free);
  g_free (answered);
}

static void
following_free (Following *following)
{
  g_clear_pointer (&following->change, hd_change_free);
  g_clear_object (&following->post);
  g_clear_pointer (&following->request, hd_provider_post_unref);
  g_clear_object (&following->answer_source);
  g_clear_object (&following->answer);
  g_free (following);
}

static void
lane_free (Lane *lane)
{
  g_assert (!lane->catching_up);
  g_assert (lane->following == NULL);
  g_clear_handle_id (&lane->record_id, g_source_remove);
  if (lane->then_data_free != NULL)
    g_clear_pointer (&lane->then_data, lane->then_data_free);
  g_queue_clear_full (&lane->ahead, (GDestroyNotify) ready_free);
  g_queue_clear_full (&lane->answered, (GDestroyNotify) answered_free);
  g_clear_object (&lane->channel);
  g_clear_object (&lane->provider);
  g_clear_pointer (&lane->changes, g_ptr_array_unref);
  g_clear_pointer (&lane->items, g_array_unref);
  g_clear_pointer (&lane->blocked_posts, g_hash_table_unref);
  g_clear_pointer (&lane->change, hd_change_free);
  g_clear_object (&lane->post);
  g_clear_pointer (&lane->request, hd_provider_post_unref);
  g_free (lane);
}

static void
run_free (Run *run)
{
  g_clear_pointer (&run->lanes, g_ptr_array_unref);
  g_clear_pointer (&run->report, hd_send_report_unref);
  g_clear_error (&run->store_error);
  g_free (run);
}

static HdSender *
lane_sender (Lane *lane)
{
  return g_task_get_source_object (lane->run->task);
}

static GCancellable *
lane_cancellable (Lane *lane)
{
  return g_task_get_cancellable (lane->run->task);
}

static char *
excerpt_of (HdPost    *post,
            HdVariant *variant)
{
  const char *text = NULL;
  g_autofree char *flat = NULL;

  if (variant != NULL)
    text = hd_variant_get_text (variant);
  if (text == NULL && post != NULL)
    text = hd_post_get_text (post);
  if (text == NULL)
    return g_strdup ("");

  flat = g_strdup (text);
  for (char *c = flat; *c != '\0'; c++)
    {
      if (*c == '\n' || *c == '\r' || *c == '\t')
        *c = ' ';
    }
  g_strstrip (flat);

  if (g_utf8_strlen (flat, -1) > EXCERPT_CHARS)
    {
      *g_utf8_offset_to_pointer (flat, EXCERPT_CHARS - 1) = '\0';
      return g_strconcat (g_strchomp (flat), "…", NULL);
    }

  return g_steal_pointer (&flat);
}

static const char *
channel_name (HdChannel *channel)
{
  const char *name = hd_channel_get_display_name (channel);

  if (name == NULL || *name == '\0')
    name = hd_channel_get_handle (channel);
  if (name == NULL || *name == '\0')
    name = hd_channel_kind_to_label (hd_channel_get_kind (channel));

  return name;
}

/* Takes @sentence. Uses nothing but its arguments, so that a catch-up can describe the rows it
 * recorded on the worker thread. Finding the variant is not a pure read (the post's variant list
 * caches its position), which is safe there because an answered row's post belongs to the
 * catch-up alone: nothing on the main thread looks at it any more. */
static void
send_item_init (HdSendItem    *item,
                const char    *channel_name,
                HdChange      *change,
                HdPost        *post,
                HdSendOutcome  outcome,
                char          *sentence,
                const char    *remote_url,
                gint64         next_attempt_at)
{
  HdVariant *variant = NULL;

  if (post != NULL)
    variant = hd_post_find_variant (post, change->channel_id);

  item->change_id = g_strdup (change->id);
  item->post_id = g_strdup (change->subject_id);
  item->channel_id = g_strdup (change->channel_id);
  item->excerpt = excerpt_of (post, variant);
  item->channel_name = g_strdup (channel_name);
  item->outcome = outcome;
  item->sentence = sentence;
  item->remote_url = g_strdup (remote_url);
  item->next_attempt_at = next_attempt_at;
}

/* Takes @item's contents into the lane's part of the report, and tells the listeners. */
static void
lane_tell (Lane       *lane,
           HdSendItem *item)
{
  g_array_append_vals (lane->items, item, 1);

  lane->run->n_done++;
  g_signal_emit (lane_sender (lane), signals[ITEM_DONE], 0,
                 &g_array_index (lane->items, HdSendItem, lane->items->len - 1),
                 lane->run->n_done, MAX (lane->run->n_done, lane->run->n_total));
}

static void
lane_report (Lane          *lane,
             HdChange      *change,
             HdPost        *post,
             HdSendOutcome  outcome,
             char          *sentence,
             const char    *remote_url,
             gint64         next_attempt_at)
{
  HdSendItem item = { 0, };

  send_item_init (&item, channel_name (lane->channel), change, post, outcome, sentence,
                  remote_url, next_attempt_at);
  lane_tell (lane, &item);
}

typedef enum
{
  LANE_STEP_SEND,         /* it goes now */
  LANE_STEP_LOOK_UP,      /* it may have gone already: the platform is asked first */
  LANE_STEP_SKIP,         /* not in this round */
  LANE_STEP_MISSED,       /* its time passed while Herald was away */
  LANE_STEP_REFUSE,       /* it cannot go, for the reason in the error */
  LANE_STEP_STORE_FAILED, /* the database failed */
  LANE_STEP_UNDECIDED,    /* only the main thread can tell: it asks the provider */
} LaneStep;

/* What deciding a row's step takes, so that it can be done on the worker thread too. */
typedef struct
{
  HdStore    *store;
  /* NULL on the worker thread: whether the platform can hold a post for later is left to the
   * main thread, whose provider it is */
  HdProvider *provider;
  GHashTable *blocked_posts;
  gint64      now;
  gint64      awake_since;
  gint64      late_grace;
} Planner;

static LaneStep lane_plan (const Planner   *planner,
                           HdChange        *change,
                           HdPost         **post,
                           HdProviderPost **request,
                           GError         **error);
static void lane_next (Lane *lane);
static void lane_start_request (Lane *lane);
static void lane_stop_on_failure (Lane         *lane,
                                  const GError *failure);

static gboolean lane_record_answered (Lane *lane);
static void lane_release_ahead (Lane *lane);
static void lane_after_catch_up (Lane           *lane,
                                 LaneThen        then,
                                 gpointer        data,
                                 GDestroyNotify  data_free);
static void run_lane_done (Lane *lane);

static void
next_after_catch_up_cb (Lane     *lane,
                        gpointer  data)
{
  lane_next (lane);
}

static void
done_after_catch_up_cb (Lane     *lane,
                        gpointer  data)
{
  run_lane_done (lane);
}

static void
run_lane_done (Lane *lane)
{
  Run *run = lane->run;

  if (lane->catching_up)
    {
      lane_after_catch_up (lane, done_after_catch_up_cb, NULL, NULL);
      return;
    }

  g_assert (lane->following == NULL);
  g_clear_handle_id (&lane->record_id, g_source_remove);
  lane_record_answered (lane);
  lane_release_ahead (lane);

  g_assert (run->n_running > 0);
  if (--run->n_running > 0)
    return;

  /* Channel by channel, each in the order it sent. */
  for (guint i = 0; i < run->lanes->len; i++)
    {
      Lane *done = g_ptr_array_index (run->lanes, i);

      for (guint j = 0; j < done->items->len; j++)
        {
          HdSendItem *item = &g_array_index (done->items, HdSendItem, j);

          g_array_append_val (run->report->items, *item);
        }
      /* The strings moved to the report. */
      g_array_set_clear_func (done->items, NULL);
      g_array_set_size (done->items, 0);
    }

  lane_sender (lane)->running = FALSE;

  if (run->store_error != NULL)
    g_task_return_error (run->task, g_steal_pointer (&run->store_error));
  else
    g_task_return_boolean (run->task, TRUE);
  g_object_unref (run->task);
}

/* The database itself failed: what is committed stands, and the lane stops. */
static gboolean lane_note_store_error (Lane   *lane,
                                       GError *error);

static void
lane_forget_current (Lane *lane)
{
  /* A provider still holding the request must not write to a row that is not current, nor
   * send the next one. */
  if (lane->request != NULL)
    {
      lane->request->record_key_made = NULL;
      lane->request->accepted = NULL;
    }
  g_clear_pointer (&lane->change, hd_change_free);
  g_clear_object (&lane->post);
  g_clear_pointer (&lane->request, hd_provider_post_unref);
}

/* The post's instant as the user meant it, in its own zone: "09:00 on Tue 1 Dec". */
static char *
describe_instant (HdPost *post)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  const char *zone_id = hd_post_get_time_zone (post);

  if (zone_id != NULL)
    zone = g_time_zone_new_identifier (zone_id);
  if (zone == NULL)
    zone = g_time_zone_new_local ();

  utc = g_date_time_new_from_unix_utc (hd_post_get_scheduled_at (post));
  local = g_date_time_to_timezone (utc, zone);

  /* TRANSLATORS: a post's time and day in g_date_time_format() notation, as in "09:00 on Tue
   * 1 Dec"; it completes sentences such as "Missed its time, 09:00 on Tue 1 Dec, while …" */
  return g_date_time_format (local, _("%H:%M on %a %-d %b"));
}


/* Nothing more leaves; the row sent behind the current one, if any, is still dealt with. */
static void
lane_stop (Lane *lane)
{
  lane->stopping = TRUE;
  lane_next (lane);
}

static void
lane_store_failed (Lane   *lane,
                   GError *error)
{
  lane_note_store_error (lane, error);
  lane_forget_current (lane);
  lane_stop (lane);
}

/* What the report says of @change, recorded as sent. */
static char *
describe_sent (HdChange         *change,
               HdProviderResult *result,
               HdSendOutcome     outcome)
{
  const char *remote_url = result != NULL ? result->remote_url : NULL;
  gboolean publish = g_strcmp0 (change->operation, HD_OUTBOX_OPERATION_PUBLISH) == 0;
  gboolean edit = g_strcmp0 (change->operation, HD_OUTBOX_OPERATION_UPDATE) == 0;

  if (edit)
    return g_strdup (_("Edited on the channel: it has Herald’s text again."));
  if (!publish)
    return g_strdup (_("Deleted from the channel."));
  if (outcome == HD_SEND_OUTCOME_CONFIRMED && remote_url != NULL)
    return g_strdup_printf (_("Had gone out already, at %s; not sent again."), remote_url);
  if (outcome == HD_SEND_OUTCOME_CONFIRMED)
    return g_strdup (_("Had gone out already; not sent again."));
  if (remote_url != NULL)
    return g_strdup_printf (_("Published at %s."), remote_url);

  return g_strdup (_("Published."));
}

/* Tells that @change was recorded as sent. */
static void
lane_report_sent (Lane             *lane,
                  HdChange         *change,
                  HdPost           *post,
                  HdProviderResult *result,
                  HdSendOutcome     outcome)
{
  lane_report (lane, change, post, outcome, describe_sent (change, result, outcome),
               result != NULL ? result->remote_url : NULL, 0);
}

/* Records @change as sent, with what the platform answered. Returns FALSE when the database
 * failed: the error is kept for the run, and the lane stops. */
static gboolean
lane_record_sent (Lane             *lane,
                  HdChange         *change,
                  HdPost           *post,
                  HdProviderResult *result,
                  HdSendOutcome     outcome)
{
  HdSender *self = lane_sender (lane);
  GError *error = NULL;

  if (!hd_store_complete_change (self->store, change->id,
                                 result != NULL ? result->remote_id : NULL,
                                 result != NULL ? result->remote_url : NULL, lane->run->now,
                                 &error))
    return lane_note_store_error (lane, error);

  lane_report_sent (lane, change, post, result, outcome);

  return TRUE;
}

/* The rows answered while the ones behind them were on their way, recorded now. */
static gboolean
lane_record_answered (Lane *lane)
{
  HdSender *self = lane_sender (lane);
  gboolean recorded = TRUE;
  gboolean began;
  Answered *answered;

  g_clear_handle_id (&lane->record_id, g_source_remove);
  if (g_queue_is_empty (&lane->answered))
    return TRUE;

  began = hd_store_begin (self->store, NULL);
  while (recorded && (answered = g_queue_pop_head (&lane->answered)) != NULL)
    {
      recorded = lane_record_sent (lane, answered->change, answered->post, answered->result,
                                   answered->outcome);
      answered_free (answered);
    }
  if (began)
    {
      g_autoptr(GError) error = NULL;

      if (!hd_store_commit (self->store, &error))
        return lane_note_store_error (lane, g_steal_pointer (&error));
    }

  return recorded;
}

/* The rows made ready never left: they wait in the queue as before. Should even that fail to
 * be written, they stay in flight, and the next start asks the platform, finds nothing and
 * sends them then. */
static void
lane_release_ahead (Lane *lane)
{
  HdSender *self = lane_sender (lane);
  g_autoptr(GError) error = NULL;
  gboolean began;
  Ready *ready;

  if (g_queue_is_empty (&lane->ahead))
    return;

  began = hd_store_begin (self->store, NULL);
  while ((ready = g_queue_pop_head (&lane->ahead)) != NULL)
    {
      if (error == NULL && !hd_store_release_change (self->store, ready->change->id, &error))
        g_warning ("Could not put change %s back in the queue: %s", ready->change->id,
                   error->message);
      ready_free (ready);
    }
  if (began && !hd_store_commit (self->store, &error))
    g_warning ("Could not put changes back in the queue: %s", error->message);
}

/* A catch-up: on the worker thread, in one transaction on the sender's own connection, the rows
 * answered are recorded as sent and the rows after the one in flight are marked in flight too,
 * with their requests built, while they are simply to be sent. */
typedef struct
{
  Worker     *worker;
  Planner     planner;       /* on the worker's connection, with a copy of blocked_posts */
  GPtrArray  *answered;      /* of Answered, to record */
  char       *channel_name;
  /* of HdSendItem: what the report says of the rows answered, once they are recorded; made
   * here, with the rows let go of, so that the main thread only has to pass it on */
  GArray     *sent_items;
  /* the lane's rows, of which the next n_candidates from first may be made ready: borrowed,
   * as the lane only reads them while it runs */
  GPtrArray  *changes;
  guint       first;
  guint       n_candidates;
  /* posts with a row in flight or ready: a later row of the same post depends on how the
   * earlier one ends (a failed delete of a copy the platform holds for later keeps the new
   * copy back), so the rows are made ready up to the first of them */
  GHashTable *held_subjects;

  GPtrArray  *ready;         /* of Ready: the rows made ready, on disk once it succeeded */
  /* the families the commit wrote, interned: the store's listeners hear of them on the main
   * thread, as if it had been written there */
  GPtrArray  *changed_families;
} CatchUp;

static void
catch_up_free (CatchUp *catch_up)
{
  g_clear_pointer (&catch_up->worker, worker_release);
  g_clear_pointer (&catch_up->planner.blocked_posts, g_hash_table_unref);
  g_clear_pointer (&catch_up->answered, g_ptr_array_unref);
  g_free (catch_up->channel_name);
  g_clear_pointer (&catch_up->sent_items, g_array_unref);
  g_clear_pointer (&catch_up->changes, g_ptr_array_unref);
  g_clear_pointer (&catch_up->held_subjects, g_hash_table_unref);
  g_clear_pointer (&catch_up->ready, g_ptr_array_unref);
  g_clear_pointer (&catch_up->changed_families, g_ptr_array_unref);
  g_free (catch_up);
}

static GHashTable *
copy_string_set (GHashTable *set)
{
  GHashTable *copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, set);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (copy, g_strdup (key));

  return copy;
}

/* In the open transaction: the first other row (one to look up, to skip, missed, for later, or
 * failing) is left for lane_next to deal with once the rows before it are answered. */
static void
make_ready_ahead (CatchUp *catch_up)
{
  for (guint i = catch_up->first; i < catch_up->first + catch_up->n_candidates; i++)
    {
      HdChange *change = g_ptr_array_index (catch_up->changes, i);
      g_autoptr(GError) error = NULL;
      Ready *ready;

      if (g_hash_table_contains (catch_up->held_subjects, change->subject_id))
        return;

      ready = g_new0 (Ready, 1);
      if (lane_plan (&catch_up->planner, change, &ready->post, &ready->request, &error)
          != LANE_STEP_SEND ||
          !hd_store_begin_sending_change (catch_up->planner.store, change->id, &error))
        {
          ready_free (ready);
          return;
        }

      ready->change = hd_change_copy (change);
      g_ptr_array_add (catch_up->ready, ready);
      g_hash_table_add (catch_up->held_subjects, g_strdup (change->subject_id));
    }
}

static void
on_worker_store_changed (HdStore    *store,
                         const char *family,
                         CatchUp    *catch_up)
{
  const char *interned = g_intern_string (family);

  if (!g_ptr_array_find (catch_up->changed_families, interned, NULL))
    g_ptr_array_add (catch_up->changed_families, (gpointer) interned);
}

static void
catch_up_in_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  CatchUp *catch_up = task_data;
  HdStore *store = catch_up->planner.store;
  GError *error = NULL;
  gulong changed_id;

  g_mutex_lock (&catch_up->worker->lock);
  changed_id = g_signal_connect (store, "changed", G_CALLBACK (on_worker_store_changed),
                                 catch_up);

  if (hd_store_begin (store, &error))
    {
      for (guint i = 0; error == NULL && i < catch_up->answered->len; i++)
        {
          Answered *answered = g_ptr_array_index (catch_up->answered, i);
          HdProviderResult *result = answered->result;

          hd_store_complete_change (store, answered->change->id,
                                    result != NULL ? result->remote_id : NULL,
                                    result != NULL ? result->remote_url : NULL,
                                    catch_up->planner.now, &error);
        }

      if (error == NULL)
        {
          make_ready_ahead (catch_up);
          hd_store_commit (store, &error);
        }
      else
        hd_store_rollback (store);
    }

  g_signal_handler_disconnect (store, changed_id);
  g_mutex_unlock (&catch_up->worker->lock);

  if (error != NULL)
    {
      /* Nothing of it is on disk: the rows answered stay in flight, to be looked up on the
       * next start, and the rows made ready are still waiting. */
      g_ptr_array_set_size (catch_up->ready, 0);
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < catch_up->answered->len; i++)
    {
      Answered *answered = g_ptr_array_index (catch_up->answered, i);
      HdSendItem item = { 0, };

      send_item_init (&item, catch_up->channel_name, answered->change, answered->post,
                      answered->outcome,
                      describe_sent (answered->change, answered->result, answered->outcome),
                      answered->result != NULL ? answered->result->remote_url : NULL, 0);
      g_array_append_val (catch_up->sent_items, item);
    }
  g_ptr_array_set_size (catch_up->answered, 0);

  g_task_return_boolean (task, TRUE);
}

/* Does @then, with @data, once the lane's catch-up is over. */
static void
lane_after_catch_up (Lane           *lane,
                     LaneThen        then,
                     gpointer        data,
                     GDestroyNotify  data_free)
{
  g_assert (lane->catching_up);
  /* One request at a time per lane: one thing at most waits. */
  g_assert (lane->then == NULL);

  lane->then = then;
  lane->then_data = data;
  lane->then_data_free = data_free;
}

static void
caught_up_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Lane *lane = user_data;
  HdSender *self = lane_sender (lane);
  CatchUp *catch_up = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree Ready **ready = NULL;
  guint n_ready;
  LaneThen then = g_steal_pointer (&lane->then);
  gpointer then_data = g_steal_pointer (&lane->then_data);

  lane->then_data_free = NULL;
  lane->catching_up = FALSE;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    lane_note_store_error (lane, g_steal_pointer (&error));
  else
    {
      /* The items move to the lane's report. */
      g_array_set_clear_func (catch_up->sent_items, NULL);
      for (guint i = 0; i < catch_up->sent_items->len; i++)
        lane_tell (lane, &g_array_index (catch_up->sent_items, HdSendItem, i));

      n_ready = catch_up->ready->len;
      ready = (Ready **) g_ptr_array_steal (catch_up->ready, NULL);
      for (guint i = 0; i < n_ready; i++)
        g_queue_push_tail (&lane->ahead, ready[i]);

      /* The lane stopped meanwhile: the rows made ready go back in the queue. */
      if (lane->next != catch_up->first)
        lane_release_ahead (lane);
      else
        lane->next += n_ready;

      /* Written on another connection: the views, listening to the store, hear of it all the
       * same. */
      for (guint i = 0; i < catch_up->changed_families->len; i++)
        _hd_store_mark_changed (self->store, g_ptr_array_index (catch_up->changed_families, i));
    }

  if (then != NULL)
    then (lane, then_data);
}

/* Opens the sender's own connection for work on a worker thread, if it is not open yet;
 * FALSE with @error set when it cannot be. */
static gboolean
ensure_worker (HdSender  *self,
               GError   **error)
{
  g_autoptr(HdStore) store = NULL;

  if (self->worker != NULL)
    return TRUE;

  store = hd_store_open_another (self->store, error);
  if (store == NULL)
    return FALSE;
  hd_store_set_native_scheduling (store, hd_provider_kind_can_schedule_at);
  self->worker = g_rc_box_new0 (Worker);
  g_mutex_init (&self->worker->lock);
  self->worker->store = g_steal_pointer (&store);

  return TRUE;
}

/* Starts a catch-up of the lane; FALSE when none could be started. */
static gboolean
lane_start_catch_up (Lane *lane)
{
  HdSender *self = lane_sender (lane);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  CatchUp *catch_up;
  Answered *answered;

  g_assert (!lane->catching_up);

  if (!ensure_worker (self, &error))
    {
      g_warning ("Could not open a second connection to the database: %s", error->message);
      return FALSE;
    }

  catch_up = g_new0 (CatchUp, 1);
  catch_up->worker = g_rc_box_acquire (self->worker);
  catch_up->planner.store = self->worker->store;
  catch_up->planner.blocked_posts = copy_string_set (lane->blocked_posts);
  catch_up->planner.now = lane->run->now;
  catch_up->planner.awake_since = self->awake_since;
  catch_up->planner.late_grace = self->late_grace;
  catch_up->answered = g_ptr_array_new_with_free_func ((GDestroyNotify) answered_free);
  catch_up->channel_name = g_strdup (channel_name (lane->channel));
  catch_up->sent_items = g_array_new (FALSE, TRUE, sizeof (HdSendItem));
  g_array_set_clear_func (catch_up->sent_items, (GDestroyNotify) send_item_clear);
  catch_up->changes = g_ptr_array_ref (lane->changes);
  catch_up->ready = g_ptr_array_new_with_free_func ((GDestroyNotify) ready_free);
  catch_up->held_subjects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  catch_up->changed_families = g_ptr_array_new ();
  catch_up->first = lane->next;

  /* The rows just answered hold their posts as the rows ready do: a later row of the same
   * post is made ready by a later catch-up, once these are on disk. */
  while ((answered = g_queue_pop_head (&lane->answered)) != NULL)
    {
      g_hash_table_add (catch_up->held_subjects, g_strdup (answered->change->subject_id));
      g_ptr_array_add (catch_up->answered, answered);
    }
  if (lane->change != NULL)
    g_hash_table_add (catch_up->held_subjects, g_strdup (lane->change->subject_id));
  if (lane->following != NULL)
    g_hash_table_add (catch_up->held_subjects, g_strdup (lane->following->change->subject_id));
  for (GList *l = lane->ahead.head; l != NULL; l = l->next)
    {
      Ready *ready = l->data;

      g_hash_table_add (catch_up->held_subjects, g_strdup (ready->change->subject_id));
    }

  /* Up to READY_AHEAD rows ready at once; none more for a lane that stops behind a row that
   * waits, while it deals with the one sent behind that row: they would only go back in the
   * queue, and be looked up first should Herald stop meanwhile. */
  if (!g_cancellable_is_cancelled (lane_cancellable (lane)) && !lane->stopping &&
      g_queue_get_length (&lane->ahead) < READY_AHEAD)
    catch_up->n_candidates = MIN (lane->changes->len - lane->next,
                                  READY_AHEAD - g_queue_get_length (&lane->ahead));

  g_clear_handle_id (&lane->record_id, g_source_remove);
  lane->catching_up = TRUE;

  /* Not the sender's: the worker thread lets go of the task a little after it is over. */
  task = g_task_new (NULL, NULL, caught_up_cb, lane);
  g_task_set_source_tag (task, lane_start_catch_up);
  g_task_set_task_data (task, catch_up, (GDestroyNotify) catch_up_free);
  g_task_run_in_thread (task, catch_up_in_thread);

  return TRUE;
}

/* While a request is on its way: a catch-up once few rows are left ready, or enough rows wait
 * to be recorded. Not from an idle: a main loop that is never idle, busy with the window or
 * with other requests, would leave the lane to run dry and wait. */
static void
lane_catch_up_while_sending (Lane *lane)
{
  if (lane->catching_up)
    return;

  if ((g_queue_get_length (&lane->ahead) < CATCH_UP_AT && lane->next < lane->changes->len &&
       !lane->stopping) ||
      g_queue_get_length (&lane->answered) >= CATCH_UP_AT)
    lane_start_catch_up (lane);
}

static gboolean
record_cb (gpointer user_data)
{
  Lane *lane = user_data;

  lane->record_id = 0;
  if (lane->catching_up || !lane_start_catch_up (lane))
    lane->record_id = g_timeout_add (RECORD_WITHIN_MS, record_cb, lane);

  return G_SOURCE_REMOVE;
}

/* Takes @result. The next row's request leaves first, when it is ready; this one is recorded
 * with the rows answered before it, in one transaction, while that request is on its way. */
static void
lane_succeeded (Lane             *lane,
                HdProviderResult *result,
                HdSendOutcome     outcome)
{
  Answered *answered;

  answered = g_new0 (Answered, 1);
  answered->change = g_steal_pointer (&lane->change);
  answered->post = g_steal_pointer (&lane->post);
  answered->result = result;
  answered->outcome = outcome;
  g_queue_push_tail (&lane->answered, answered);
  lane_forget_current (lane);

  if (!g_queue_is_empty (&lane->ahead) || lane->following != NULL)
    {
      if (lane->record_id == 0)
        lane->record_id = g_timeout_add (RECORD_WITHIN_MS, record_cb, lane);
      lane_next (lane);
      return;
    }

  /* No row is ready: the catch-up records this one, makes rows ready if it can, and the lane
   * goes on when it is over. */
  if (lane->catching_up || lane_start_catch_up (lane))
    {
      lane_after_catch_up (lane, next_after_catch_up_cb, NULL, NULL);
      return;
    }

  lane_next (lane);
}

static void lane_handed_over (Lane             *lane,
                              HdProviderResult *result);

static void
handed_over_cb (Lane     *lane,
                gpointer  result)
{
  lane_handed_over (lane, result);
}

/* Takes @result. */
static void
lane_handed_over (Lane             *lane,
                  HdProviderResult *result)
{
  HdSender *self = lane_sender (lane);
  HdChange *change = lane->change;
  g_autoptr(HdProviderResult) answer = result;
  GError *error = NULL;
  g_autofree char *when = NULL;
  char *sentence;

  /* Reported after the rows answered before it. */
  if (lane->catching_up)
    {
      lane_after_catch_up (lane, handed_over_cb, g_steal_pointer (&answer),
                           (GDestroyNotify) hd_provider_result_free);
      return;
    }

  when = describe_instant (lane->post);
  lane_record_answered (lane);

  if (result->remote_id == NULL)
    {
      g_autoptr(GError) invalid =
        g_error_new_literal (HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID,
                             _("The platform took the post but did not say under which id, so "
                               "Herald could not change or delete it later."));

      lane_stop_on_failure (lane, invalid);
      return;
    }

  if (!hd_store_hand_over_change (self->store, change->id, result->remote_id, result->remote_url,
                                  lane->run->now, &error))
    {
      lane_store_failed (lane, error);
      return;
    }

  /* TRANSLATORS: the platform, as in "Mastodon", then the post's time and day */
  sentence = g_strdup_printf (_("Handed over to %s, which publishes it at %s."),
                              hd_channel_kind_to_label (hd_channel_get_kind (lane->channel)),
                              when);
  lane_report (lane, change, lane->post, HD_SEND_OUTCOME_HANDED_OVER, sentence,
               result->remote_url, 0);
  lane_forget_current (lane);
  lane_next (lane);
}

/* Too late to go out as if on time: the user decides, the rest of the channel goes on. */
static void
lane_missed (Lane *lane)
{
  HdSender *self = lane_sender (lane);
  HdChange *change = lane->change;
  GError *error = NULL;
  g_autofree char *when = describe_instant (lane->post);
  char *sentence;

  if (!hd_store_miss_change (self->store, change->id, lane->run->now, &error))
    {
      if (!g_error_matches (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID))
        {
          lane_store_failed (lane, error);
          return;
        }
      /* Someone else moved it meanwhile: not ours to touch. */
      g_debug ("Skipping change %s: %s", change->id, error->message);
      g_error_free (error);
      lane_forget_current (lane);
      lane_next (lane);
      return;
    }

  if (change->attempts == 0)
    /* TRANSLATORS: the post's time and day, as in "09:00 on Tue 1 Dec" */
    sentence = g_strdup_printf (_("Missed its time, %s, while Herald was not running. Send it "
                                  "now or pick a new time."), when);
  else
    /* TRANSLATORS: the post's time and day, as in "09:00 on Tue 1 Dec" */
    sentence = g_strdup_printf (_("Missed its time, %s, while Herald could not reach the "
                                  "platform. Send it now or pick a new time."), when);

  lane_report (lane, change, lane->post, HD_SEND_OUTCOME_MISSED, sentence, NULL, 0);
  lane_forget_current (lane);
  lane_next (lane);
}

static void
lane_mark_needs_reconnect (Lane *lane)
{
  HdSender *self = lane_sender (lane);
  g_autoptr(HdChannel) stored = NULL;
  g_autoptr(GError) error = NULL;

  /* The provider usually did this already; the stored row is what the Channels page reads. */
  stored = hd_store_load_channel (self->store, hd_channel_get_id (lane->channel), &error);
  if (stored == NULL || hd_channel_get_state (stored) == HD_CHANNEL_STATE_NEEDS_RECONNECT)
    return;

  hd_channel_set_state (stored, HD_CHANNEL_STATE_NEEDS_RECONNECT);
  if (!hd_store_save_channel (self->store, stored, &error))
    g_warning ("Could not mark channel %s as needing to reconnect: %s",
               hd_channel_get_id (stored), error->message);
}

static gboolean
lane_note_store_error (Lane   *lane,
                       GError *error)
{
  g_warning ("Sending stopped on channel %s: %s", hd_channel_get_id (lane->channel),
             error->message);
  lane_release_ahead (lane);
  lane->next = lane->changes->len;
  if (lane->run->store_error == NULL)
    lane->run->store_error = error;
  else
    g_error_free (error);

  return FALSE;
}

/* What the platform said decides the row's fate. Returns FALSE when the lane must stop:
 * order within a channel is kept, so nothing after a row that waits goes first. */
static gboolean
lane_failed (Lane         *lane,
             const GError *failure)
{
  HdSender *self = lane_sender (lane);
  HdChange *change = lane->change;
  GError *error = NULL;
  gint64 next = 0;
  char *sentence;

  if (g_error_matches (failure, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID) ||
      g_error_matches (failure, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_CONFLICT) ||
      (g_error_matches (failure, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_NOT_FOUND) &&
       g_strcmp0 (change->operation, HD_OUTBOX_OPERATION_PUBLISH) == 0))
    {
      if (!hd_store_fail_change (self->store, change->id, failure->message, &error))
        return lane_note_store_error (lane, error);

      sentence = g_strdup_printf (_("Failed: %s"), failure->message);
      lane_report (lane, change, lane->post, HD_SEND_OUTCOME_FAILED, sentence, NULL, 0);
      return TRUE;
    }

  if (g_error_matches (failure, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_AUTH))
    {
      if (!hd_store_defer_change (self->store, change->id, 0, failure->message, &error))
        return lane_note_store_error (lane, error);
      lane_mark_needs_reconnect (lane);

      sentence = g_strdup_printf (_("Not sent: the channel needs reconnecting. %s"),
                                  failure->message);
      lane_report (lane, change, lane->post, HD_SEND_OUTCOME_NEEDS_RECONNECT, sentence, NULL, 0);
      return FALSE;
    }

  if (g_error_matches (failure, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_RATE_LIMITED) &&
      hd_provider_error_get_retry_after (failure) > 0)
    next = lane->run->now + hd_provider_error_get_retry_after (failure);
  else
    next = lane->run->now + jittered_backoff (self, change->attempts + 1);

  if (!hd_store_defer_change (self->store, change->id, next, failure->message, &error))
    return lane_note_store_error (lane, error);

  sentence = _hd_sender_describe_waiting (failure, next - lane->run->now);
  lane_report (lane, change, lane->post, HD_SEND_OUTCOME_WAITING, sentence, NULL, next);

  return FALSE;
}

static void
stop_on_failure_cb (Lane     *lane,
                    gpointer  failure)
{
  lane_stop_on_failure (lane, failure);
  g_error_free (failure);
}

static void
lane_stop_on_failure (Lane         *lane,
                      const GError *failure)
{
  gboolean go_on;

  /* Reported after the rows answered before it. */
  if (lane->catching_up)
    {
      lane_after_catch_up (lane, stop_on_failure_cb, g_error_copy (failure),
                           (GDestroyNotify) g_error_free);
      return;
    }

  lane_record_answered (lane);

  if (lane->change->remote_scheduled &&
      g_strcmp0 (lane->change->operation, HD_OUTBOX_OPERATION_DELETE) == 0)
    g_hash_table_add (lane->blocked_posts, g_strdup (lane->change->subject_id));

  if (g_error_matches (failure, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      HdSender *self = lane_sender (lane);
      g_autoptr(GError) error = NULL;

      /* Stopped by the user mid-request: like a lost answer, so the next run looks first. */
      if (!hd_store_set_change_state (self->store, lane->change->id,
                                      HD_OUTBOX_STATE_UNCONFIRMED, NULL, &error))
        g_warning ("Could not set the change aside: %s", error->message);
      lane_forget_current (lane);
      lane_stop (lane);
      return;
    }

  go_on = lane_failed (lane, failure);
  lane_forget_current (lane);
  if (go_on)
    lane_next (lane);
  else
    lane_stop (lane);
}

static void
published_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Lane *lane = user_data;
  g_autoptr(HdProviderResult) published = NULL;
  g_autoptr(GError) error = NULL;

  published = hd_provider_publish_finish (HD_PROVIDER (object), result, &error);
  if (published == NULL)
    {
      lane_stop_on_failure (lane, error);
      return;
    }

  lane_succeeded (lane, g_steal_pointer (&published), HD_SEND_OUTCOME_SENT);
}

static void
scheduled_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Lane *lane = user_data;
  g_autoptr(HdProviderResult) scheduled = NULL;
  g_autoptr(GError) error = NULL;

  scheduled = hd_provider_schedule_finish (HD_PROVIDER (object), result, &error);
  if (scheduled == NULL)
    {
      lane_stop_on_failure (lane, error);
      return;
    }

  lane_handed_over (lane, g_steal_pointer (&scheduled));
}

static void
edited_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Lane *lane = user_data;
  g_autoptr(HdProviderResult) edited = NULL;
  g_autoptr(GError) error = NULL;

  edited = hd_provider_edit_finish (HD_PROVIDER (object), result, &error);
  if (edited == NULL)
    {
      lane_stop_on_failure (lane, error);
      return;
    }

  lane_succeeded (lane, g_steal_pointer (&edited), HD_SEND_OUTCOME_SENT);
}

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Lane *lane = user_data;
  g_autoptr(GError) error = NULL;

  /* Gone already is as good as deleted. */
  if (!hd_provider_delete_finish (HD_PROVIDER (object), result, &error) &&
      !g_error_matches (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_NOT_FOUND))
    {
      lane_stop_on_failure (lane, error);
      return;
    }

  lane_succeeded (lane, NULL, HD_SEND_OUTCOME_SENT);
}

/* in_flight is committed before the request leaves: if the process dies during the request,
 * the next start finds the row in flight and asks the platform before sending again. */
static void
lane_send (Lane *lane)
{
  HdSender *self = lane_sender (lane);
  HdChange *change = lane->change;
  GError *error = NULL;

  if (!hd_store_begin_sending_change (self->store, change->id, &error))
    {
      if (g_error_matches (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID))
        {
          /* Someone else is sending it, or it was withdrawn: not ours to touch. */
          g_debug ("Skipping change %s: %s", change->id, error->message);
          g_error_free (error);
          lane_forget_current (lane);
          lane_next (lane);
          return;
        }

      lane_store_failed (lane, error);
      return;
    }

  lane_start_request (lane);
}

static void on_request_accepted (gpointer user_data);
static void on_record_key_made (const char *record_key,
                                gpointer    user_data);
static void keep_record_key (Lane       *lane,
                             HdChange   *change,
                             const char *record_key);
static void following_answered_cb (GObject      *object,
                                   GAsyncResult *result,
                                   gpointer      user_data);

/* Sends @change, whose answer goes to the lane's handler for it; for the row sent behind the
 * current one, through @following first. */
static void
send_request (Lane           *lane,
              HdChange       *change,
              HdProviderPost *request,
              Following      *following)
{
  gboolean delete = g_strcmp0 (change->operation, HD_OUTBOX_OPERATION_DELETE) == 0;
  gboolean edit = g_strcmp0 (change->operation, HD_OUTBOX_OPERATION_UPDATE) == 0;
  gboolean schedule = !delete && !edit && request->scheduled_at != 0;
  GAsyncReadyCallback handle_answer;
  GAsyncReadyCallback callback;
  gpointer data = lane;

  handle_answer = delete ? deleted_cb : edit ? edited_cb : schedule ? scheduled_cb : published_cb;
  callback = handle_answer;
  if (following != NULL)
    {
      following->handle_answer = handle_answer;
      callback = following_answered_cb;
      data = following;
    }

  if (delete)
    hd_provider_delete_async (lane->provider, change->remote_id,
                              change->remote_scheduled ? HD_PROVIDER_DELETE_SCHEDULED
                                                       : HD_PROVIDER_DELETE_NONE,
                              lane_cancellable (lane), callback, data);
  else if (edit)
    hd_provider_edit_async (lane->provider, change->remote_id, request,
                            lane_cancellable (lane), callback, data);
  else if (schedule)
    hd_provider_schedule_async (lane->provider, request, lane_cancellable (lane), callback,
                                data);
  else
    hd_provider_publish_async (lane->provider, request, lane_cancellable (lane), callback,
                               data);
}

/* Lets the provider tell when the platform took the current row. */
static void
lane_watch_current (Lane *lane)
{
  if (lane->request == NULL)
    return;

  lane->request->record_key_made = on_record_key_made;
  lane->request->record_key_made_data = lane;
  lane->request->accepted = on_request_accepted;
  lane->request->accepted_data = lane;
}

static void
lane_start_request (Lane *lane)
{
  lane_watch_current (lane);
  send_request (lane, lane->change, lane->request, NULL);
  lane_catch_up_while_sending (lane);
}

static void
on_following_record_key_made (const char *record_key,
                              gpointer    user_data)
{
  Following *following = user_data;

  keep_record_key (following->lane, following->change, record_key);
}

/* The platform took the current row, and its answer is still to be read: the next row ready
 * leaves now, rather than after that answer is read and dealt with. Its place in the
 * channel's order is kept, since the platform has the current row already. One row at a
 * time goes ahead so: rows not yet answered stay few, and so do those to look up should
 * Herald stop. */
static void
on_request_accepted (gpointer user_data)
{
  Lane *lane = user_data;
  Following *following;
  Ready *ready;

  if (lane->following != NULL || lane->stopping || g_queue_is_empty (&lane->ahead) ||
      g_cancellable_is_cancelled (lane_cancellable (lane)))
    return;

  ready = g_queue_pop_head (&lane->ahead);
  following = g_new0 (Following, 1);
  following->lane = lane;
  following->change = g_steal_pointer (&ready->change);
  following->post = g_steal_pointer (&ready->post);
  following->request = g_steal_pointer (&ready->request);
  ready_free (ready);
  if (following->request != NULL)
    {
      following->request->record_key_made = on_following_record_key_made;
      following->request->record_key_made_data = following;
    }

  lane->following = following;
  send_request (lane, following->change, following->request, following);
  lane_catch_up_while_sending (lane);
}

static void
following_answered_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  Following *following = user_data;
  GAsyncReadyCallback handle_answer = following->handle_answer;
  Lane *lane = following->lane;

  /* Dealt with once the row ahead of it is, when the row becomes the lane's current one. */
  if (lane->following == following)
    {
      following->answer_source = g_object_ref (object);
      following->answer = g_object_ref (result);
      return;
    }

  following_free (following);
  handle_answer (object, result, lane);
}

/* The current row is dealt with: the row sent behind it becomes current, and its answer is
 * dealt with now if it is in. FALSE when no row was sent behind it. */
static gboolean
lane_take_following (Lane *lane)
{
  Following *following = g_steal_pointer (&lane->following);
  g_autoptr(GObject) answer_source = NULL;
  g_autoptr(GAsyncResult) answer = NULL;
  GAsyncReadyCallback handle_answer;

  if (following == NULL)
    return FALSE;

  g_assert (lane->change == NULL);
  lane->change = g_steal_pointer (&following->change);
  lane->post = g_steal_pointer (&following->post);
  lane->request = g_steal_pointer (&following->request);
  lane_watch_current (lane);

  if (following->answer == NULL)
    {
      /* following_answered_cb hands the answer on, and frees it. */
      lane_catch_up_while_sending (lane);
      return TRUE;
    }

  answer_source = g_steal_pointer (&following->answer_source);
  answer = g_steal_pointer (&following->answer);
  handle_answer = following->handle_answer;
  following_free (following);
  handle_answer (answer_source, answer, lane);

  return TRUE;
}

static void
looked_up_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Lane *lane = user_data;
  g_autoptr(HdProviderResult) found = NULL;
  g_autoptr(GError) error = NULL;

  found = hd_provider_lookup_finish (HD_PROVIDER (object), result, &error);
  if (found != NULL && found->scheduled)
    {
      lane_handed_over (lane, g_steal_pointer (&found));
      return;
    }
  if (found != NULL)
    {
      lane_succeeded (lane, g_steal_pointer (&found), HD_SEND_OUTCOME_CONFIRMED);
      return;
    }

  if (g_error_matches (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_NOT_FOUND))
    {
      /* The platform never got it: now it may go, once. */
      lane->request->retry = FALSE;
      lane_send (lane);
      return;
    }

  /* Nobody can tell yet whether it went: it stays unconfirmed and is asked about again. */
  if (g_error_matches (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_AUTH))
    lane_mark_needs_reconnect (lane);

  {
    g_autofree char *sentence =
      g_strdup_printf (_("Waiting: Herald could not yet check whether this went out. %s"),
                       error->message);

    lane_report (lane, lane->change, lane->post,
                 g_error_matches (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_AUTH)
                 ? HD_SEND_OUTCOME_NEEDS_RECONNECT : HD_SEND_OUTCOME_WAITING,
                 g_steal_pointer (&sentence), NULL, 0);
  }
  lane_forget_current (lane);
  lane_stop (lane);
}

static void
keep_record_key (Lane       *lane,
                 HdChange   *change,
                 const char *record_key)
{
  g_autoptr(GError) error = NULL;

  if (change == NULL || record_key == NULL)
    return;

  /* At once, in a transaction of its own: a restart after this must find it. */
  if (!hd_store_set_change_record_key (lane_sender (lane)->store, change->id, record_key,
                                       &error))
    g_warning ("Could not keep what %s made for the post: %s",
               hd_channel_kind_to_label (hd_channel_get_kind (lane->channel)), error->message);
  else
    {
      g_free (change->record_key);
      change->record_key = g_strdup (record_key);
    }
}

static void
on_record_key_made (const char *record_key,
                    gpointer    user_data)
{
  Lane *lane = user_data;

  keep_record_key (lane, lane->change, record_key);
}

static HdProviderPost *
build_request (HdStore   *store,
               HdChange  *change,
               HdPost    *post,
               GError   **error)
{
  g_autoptr(HdProviderPost) request = NULL;
  HdVariant *variant = hd_post_find_variant (post, change->channel_id);
  const char * const *media;

  if (variant == NULL)
    {
      g_set_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID,
                   _("The post no longer goes to this channel."));
      return NULL;
    }

  request = hd_provider_post_new (post, variant, change->idempotency_key);
  /* The queue time and key make Bluesky's record key: the same on every retry. */
  request->queued_at = change->created_at;
  request->retry = change->attempts > 0 || change->state == HD_OUTBOX_STATE_UNCONFIRMED;
  request->record_key = g_strdup (change->record_key);

  media = hd_variant_get_media (variant);
  for (guint i = 0; media != NULL && media[i] != NULL; i++)
    {
      g_autoptr(HdMedia) item = hd_store_load_media (store, media[i], error);

      if (item == NULL)
        return NULL;
      hd_provider_post_add_media (request, item);
    }

  return g_steal_pointer (&request);
}

/* What is to be done with @change, without doing it; @post and @request are what was loaded and
 * built for it on the way. */
static LaneStep
lane_plan (const Planner   *planner,
           HdChange        *change,
           HdPost         **post,
           HdProviderPost **request,
           GError         **error)
{
  gint64 now = planner->now;
  gint64 instant;

  if (g_strcmp0 (change->operation, HD_OUTBOX_OPERATION_DELETE) == 0)
    {
      /* The post may be gone; the row carries the remote id. Deleting twice is harmless,
       * so an unconfirmed delete is simply sent again. */
      *post = hd_store_load_post (planner->store, change->subject_id, NULL);
      if (change->remote_id == NULL)
        {
          g_set_error_literal (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID,
                               _("Herald does not know which post to delete."));
          return LANE_STEP_REFUSE;
        }
      return LANE_STEP_SEND;
    }

  if (g_hash_table_contains (planner->blocked_posts, change->subject_id))
    {
      g_debug ("Holding back change %s until the platform's earlier copy is deleted",
               change->id);
      return LANE_STEP_SKIP;
    }

  *post = hd_store_load_post (planner->store, change->subject_id, error);
  if (*post == NULL)
    return g_error_matches (*error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND)
           ? LANE_STEP_REFUSE : LANE_STEP_STORE_FAILED;

  *request = build_request (planner->store, change, *post, error);
  if (*request == NULL)
    return (*error)->domain == HD_STORE_ERROR ? LANE_STEP_STORE_FAILED : LANE_STEP_REFUSE;

  /* An edit of a post that is out has no instant to wait for, and sending the same text twice
   * is harmless, so an unconfirmed one is simply sent again. */
  if (g_strcmp0 (change->operation, HD_OUTBOX_OPERATION_UPDATE) == 0)
    {
      if (change->remote_id == NULL)
        {
          g_set_error_literal (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID,
                               _("Herald does not know which post to edit."));
          return LANE_STEP_REFUSE;
        }
      return LANE_STEP_SEND;
    }

  instant = hd_post_get_scheduled_at (*post);
  if (instant > now && planner->provider == NULL)
    return LANE_STEP_UNDECIDED;
  if (instant > now && hd_provider_can_schedule_at (planner->provider, instant, now))
    (*request)->scheduled_at = instant;

  if (change->state == HD_OUTBOX_STATE_UNCONFIRMED)
    return LANE_STEP_LOOK_UP;

  /* Not this platform's to hold after all: it goes at its time. */
  if (instant > now && (*request)->scheduled_at == 0)
    return LANE_STEP_SKIP;

  /* Missed only when its time had passed by more than the grace before Herald came back: a
   * post held back since by rate limits or failures while Herald ran is simply late. */
  if ((*request)->scheduled_at == 0 && !change->send_late &&
      planner->awake_since - instant > planner->late_grace)
    return LANE_STEP_MISSED;

  return LANE_STEP_SEND;
}

/* Decides on the main thread, with everything the lane knows. */
static void
lane_planner (Lane    *lane,
              Planner *planner)
{
  HdSender *self = lane_sender (lane);

  planner->store = self->store;
  planner->provider = lane->provider;
  planner->blocked_posts = lane->blocked_posts;
  planner->now = lane->run->now;
  planner->awake_since = self->awake_since;
  planner->late_grace = self->late_grace;
}

static void
lane_next (Lane *lane)
{
  g_autoptr(GError) error = NULL;
  Planner planner;
  HdChange *change;

  /* Sent already, behind the row just dealt with. */
  if (lane_take_following (lane))
    return;

  if (lane->stopping || g_cancellable_is_cancelled (lane_cancellable (lane)))
    {
      run_lane_done (lane);
      return;
    }

  /* Made ready, and in flight on disk, while the row before it was on its way. */
  if (!g_queue_is_empty (&lane->ahead))
    {
      Ready *ready = g_queue_pop_head (&lane->ahead);

      lane->change = g_steal_pointer (&ready->change);
      lane->post = g_steal_pointer (&ready->post);
      lane->request = g_steal_pointer (&ready->request);
      ready_free (ready);
      lane_start_request (lane);
      return;
    }

  /* The catch-up may be making the next rows ready. */
  if (lane->catching_up)
    {
      lane_after_catch_up (lane, next_after_catch_up_cb, NULL, NULL);
      return;
    }

  /* What comes next is told after the rows answered before it. */
  lane_record_answered (lane);

  if (lane->next >= lane->changes->len)
    {
      run_lane_done (lane);
      return;
    }

  change = g_ptr_array_index (lane->changes, lane->next++);
  lane->change = hd_change_copy (change);
  lane_planner (lane, &planner);

  switch (lane_plan (&planner, lane->change, &lane->post, &lane->request, &error))
    {
    case LANE_STEP_SEND:
      lane_send (lane);
      break;

    case LANE_STEP_LOOK_UP:
      lane_watch_current (lane);
      hd_provider_lookup_async (lane->provider, lane->request, lane_cancellable (lane),
                                looked_up_cb, lane);
      break;

    case LANE_STEP_SKIP:
      lane->run->n_total = MAX (lane->run->n_total, 1) - 1;
      lane_forget_current (lane);
      lane_next (lane);
      break;

    case LANE_STEP_MISSED:
      lane_missed (lane);
      break;

    case LANE_STEP_REFUSE:
      lane_stop_on_failure (lane, error);
      break;

    case LANE_STEP_STORE_FAILED:
      lane_store_failed (lane, g_steal_pointer (&error));
      break;

    default:
      g_assert_not_reached ();
    }
}

static Lane *
find_lane (GPtrArray  *lanes,
           const char *channel_id)
{
  for (guint i = 0; i < lanes->len; i++)
    {
      Lane *lane = g_ptr_array_index (lanes, i);

      if (g_strcmp0 (hd_channel_get_id (lane->channel), channel_id) == 0)
        return lane;
    }

  return NULL;
}

/* Puts each row listed in its channel's lane and starts the lanes; FALSE when the round is
 * over already, its task returned. */
static gboolean
start_lanes (HdSender  *self,
             Run       *run,
             GPtrArray *changes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) hold = NULL;
  GTask *task = run->task;
  gint64 now = run->now;

  for (guint i = 0; i < changes->len; i++)
    {
      HdChange *change = g_ptr_array_index (changes, i);
      Lane *lane = find_lane (run->lanes, change->channel_id);

      if (lane == NULL)
        {
          g_autoptr(HdChannel) channel = NULL;
          g_autoptr(GError) provider_error = NULL;

          channel = hd_store_load_channel (self->store, change->channel_id, &error);
          if (channel == NULL)
            {
              g_task_return_error (task, g_steal_pointer (&error));
              return FALSE;
            }

          lane = g_new0 (Lane, 1);
          lane->run = run;
          lane->channel = g_steal_pointer (&channel);
          lane->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_change_free);
          lane->items = g_array_new (FALSE, TRUE, sizeof (HdSendItem));
          lane->blocked_posts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_array_set_clear_func (lane->items, (GDestroyNotify) send_item_clear);
          lane->provider = hd_provider_new_for_channel (self->http, self->store, lane->channel,
                                                        &provider_error);
          if (lane->provider == NULL)
            g_info ("Not sending to channel %s: %s", hd_channel_get_id (lane->channel),
                    provider_error->message);
          else if (!hd_store_channel_waits (self->store, change->channel_id, now,
                                           &lane->waiting, &error))
            {
              g_task_return_error (task, g_steal_pointer (&error));
              return FALSE;
            }
          g_ptr_array_add (run->lanes, lane);
        }

      /* A channel Herald cannot post to keeps its rows as they are; one whose first row waits
       * (rate-limited, or the platform failing) keeps the rest behind it, in order. */
      if (lane->provider != NULL &&
          (change->state == HD_OUTBOX_STATE_UNCONFIRMED || !lane->waiting))
        {
          g_ptr_array_add (lane->changes, hd_change_copy (change));
          run->n_total++;
        }
    }

  if (run->lanes->len == 0)
    {
      g_task_return_boolean (task, TRUE);
      return FALSE;
    }

  /* A lane may end at once, and the last to end returns the task, which frees the run: the
   * loop holds it until every lane has started. */
  hold = g_object_ref (task);
  run->n_running = run->lanes->len;
  for (guint i = 0; i < run->lanes->len; i++)
    lane_next (g_ptr_array_index (run->lanes, i));

  return TRUE;
}

/* The rows due, listed on the worker's connection: on a busy store the listing alone takes
 * longer than several frames. */
typedef struct
{
  Worker *worker;
  gint64  now;
} Listing;

static void
listing_free (Listing *listing)
{
  g_clear_pointer (&listing->worker, worker_release);
  g_free (listing);
}

static void
list_due_in_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  Listing *listing = task_data;
  GPtrArray *changes;
  GError *error = NULL;

  g_mutex_lock (&listing->worker->lock);
  changes = hd_store_list_changes_to_send (listing->worker->store, listing->now, &error);
  /* The listing reads every row waiting once; the catch-ups need few of those pages. */
  hd_store_release_memory (listing->worker->store);
  g_mutex_unlock (&listing->worker->lock);

  if (changes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, changes, (GDestroyNotify) g_ptr_array_unref);
}

/* Starts the round on the rows listed, or ends it with @error when they could not be. */
static void
start_listed (GTask     *task,
              GPtrArray *changes,
              GError    *error)
{
  HdSender *self = g_task_get_source_object (task);

  if (changes == NULL)
    g_task_return_error (task, error);
  if (changes == NULL || !start_lanes (self, g_task_get_task_data (task), changes))
    {
      self->running = FALSE;
      g_object_unref (task);
    }
}

static void
due_listed_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GPtrArray) changes = NULL;
  GError *error = NULL;

  changes = g_task_propagate_pointer (G_TASK (result), &error);
  start_listed (user_data, changes, error);
}

void
hd_sender_send_due_async (HdSender            *self,
                          gint64               now,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  GTask *task;
  Run *run;

  g_return_if_fail (HD_IS_SENDER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hd_sender_send_due_async);

  run = g_new0 (Run, 1);
  run->task = task;
  run->now = now;
  run->report = _hd_send_report_new ();
  run->lanes = g_ptr_array_new_with_free_func ((GDestroyNotify) lane_free);
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);

  if (self->running)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("Herald is sending already."));
      g_object_unref (task);
      return;
    }

  /* A gap between rounds longer than the grace (the process stopped, the laptop slept) means
   * Herald was away: what fell due in it may have missed its time. */
  if (self->last_run_at == 0 || now - self->last_run_at > MAX (self->late_grace, MIN_ROUND_GAP))
    self->awake_since = now;
  self->last_run_at = MAX (self->last_run_at, now);

  if (!take_lock (self, FALSE, NULL, &error) ||
      !hd_store_settle_handed_over (self->store, now, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  /* Running from here on: a second round asked for while the rows are listed waits. */
  self->running = TRUE;

  if (ensure_worker (self, &error))
    {
      g_autoptr(GTask) listing_task = NULL;
      Listing *listing = g_new0 (Listing, 1);

      listing->worker = g_rc_box_acquire (self->worker);
      listing->now = now;
      /* Not the sender's, like a catch-up: the worker thread may let go of it last. */
      listing_task = g_task_new (NULL, NULL, due_listed_cb, task);
      g_task_set_source_tag (listing_task, list_due_in_thread);
      g_task_set_task_data (listing_task, listing, (GDestroyNotify) listing_free);
      g_task_run_in_thread (listing_task, list_due_in_thread);
      return;
    }

  /* Without a second connection, the rows are listed here. */
  g_debug ("Listing the rows to send on the main connection: %s", error->message);
  g_clear_error (&error);
  changes = hd_store_list_changes_to_send (self->store, now, &error);
  start_listed (task, changes, g_steal_pointer (&error));
}

gboolean
hd_sender_send_due_finish (HdSender      *self,
                           GAsyncResult  *result,
                           HdSendReport **report,
                           GError       **error)
{
  Run *run;

  g_return_val_if_fail (HD_IS_SENDER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  run = g_task_get_task_data (G_TASK (result));
  if (report != NULL)
    *report = hd_send_report_ref (run->report);

  return g_task_propagate_boolean (G_TASK (result), error);
}
