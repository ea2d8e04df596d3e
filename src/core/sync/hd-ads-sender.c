/* hd-ads-sender.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-ads-sender.h"
#include "hd-sender-private.h"
#include "hd-media-library.h"
#include "hd-meta-ads.h"
#include "hd-store-ads-outbox.h"

#define BACKOFF_MAX (60 * 60)
#define BACKOFF_JITTER 0.2

/* The sender */

struct _HdAdsSender
{
  GObject   parent_instance;

  /* owned references */
  HdSender *sender;
  GRand    *jitter;

  gboolean  running;
};

G_DEFINE_FINAL_TYPE (HdAdsSender, hd_ads_sender, G_TYPE_OBJECT)

enum {
  ITEM_DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
hd_ads_sender_dispose (GObject *object)
{
  HdAdsSender *self = (HdAdsSender *)object;

  g_clear_object (&self->sender);

  G_OBJECT_CLASS (hd_ads_sender_parent_class)->dispose (object);
}

static void
hd_ads_sender_finalize (GObject *object)
{
  HdAdsSender *self = (HdAdsSender *)object;

  g_clear_pointer (&self->jitter, g_rand_free);

  G_OBJECT_CLASS (hd_ads_sender_parent_class)->finalize (object);
}

static void
hd_ads_sender_class_init (HdAdsSenderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hd_ads_sender_dispose;
  object_class->finalize = hd_ads_sender_finalize;

  /**
   * HdAdsSender::item-done:
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
hd_ads_sender_init (HdAdsSender *self)
{
  self->jitter = g_rand_new ();
}

/**
 * hd_ads_sender_new:
 *
 * Returns: (transfer full): a sender of ad changes that sends under @sender's lock
 */
HdAdsSender *
hd_ads_sender_new (HdSender *sender)
{
  HdAdsSender *self;

  g_return_val_if_fail (HD_IS_SENDER (sender), NULL);

  self = g_object_new (HD_TYPE_ADS_SENDER, NULL);
  self->sender = g_object_ref (sender);

  return self;
}

/**
 * hd_ads_sender_get_sender:
 *
 * Returns: (transfer none): the post sender whose lock and session this one uses
 */
HdSender *
hd_ads_sender_get_sender (HdAdsSender *self)
{
  g_return_val_if_fail (HD_IS_ADS_SENDER (self), NULL);

  return self->sender;
}

gboolean
hd_ads_sender_get_running (HdAdsSender *self)
{
  g_return_val_if_fail (HD_IS_ADS_SENDER (self), FALSE);

  return self->running;
}

void
hd_ads_sender_set_jitter_seed (HdAdsSender *self,
                               guint32      seed)
{
  g_return_if_fail (HD_IS_ADS_SENDER (self));

  g_rand_set_seed (self->jitter, seed);
}

static gint64
jittered_backoff (HdAdsSender *self,
                  guint        attempts)
{
  gint64 wait = hd_sender_backoff (attempts);
  double spread = g_rand_double_range (self->jitter, 1.0 - BACKOFF_JITTER, 1.0 + BACKOFF_JITTER);

  return CLAMP ((gint64) (wait * spread + 0.5), 1, BACKOFF_MAX);
}

static HdStore *
sender_store (HdAdsSender *self)
{
  return hd_sender_get_store (self->sender);
}

/* One run */

typedef struct
{
  GTask        *task;
  gint64        now;
  GPtrArray    *changes;
  guint         next;
  guint         n_done;
  guint         n_total;
  HdSendReport  *report;
  GError       *store_error;
  /* channel id → HdMetaAds */
  GHashTable   *clients;
  /* channels whose remaining rows wait: order is kept within a channel */
  GHashTable   *held_channels;

  /* the row being sent */
  HdChange     *change;
  HdMetaAds    *client;
  JsonObject   *params;
  char         *account_id;
  char         *parent_id;
  char         *name;
  char         *excerpt;
  char         *channel_name;
  gboolean      may_exist;
} Run;

static void
run_forget_current (Run *run)
{
  g_clear_pointer (&run->change, hd_change_free);
  g_clear_object (&run->client);
  g_clear_pointer (&run->params, json_object_unref);
  g_clear_pointer (&run->account_id, g_free);
  g_clear_pointer (&run->parent_id, g_free);
  g_clear_pointer (&run->name, g_free);
  g_clear_pointer (&run->excerpt, g_free);
  g_clear_pointer (&run->channel_name, g_free);
  run->may_exist = FALSE;
}

static void
run_free (Run *run)
{
  run_forget_current (run);
  g_clear_pointer (&run->changes, g_ptr_array_unref);
  g_clear_pointer (&run->report, hd_send_report_unref);
  g_clear_pointer (&run->clients, g_hash_table_unref);
  g_clear_pointer (&run->held_channels, g_hash_table_unref);
  g_clear_error (&run->store_error);
  g_free (run);
}

static HdAdsSender *
run_sender (Run *run)
{
  return g_task_get_source_object (run->task);
}

static GCancellable *
run_cancellable (Run *run)
{
  return g_task_get_cancellable (run->task);
}

static HdMetaAdsKind
meta_kind_of (const char *subject_kind)
{
  if (g_strcmp0 (subject_kind, HD_OUTBOX_SUBJECT_CAMPAIGN) == 0)
    return HD_META_ADS_KIND_CAMPAIGN;
  if (g_strcmp0 (subject_kind, HD_OUTBOX_SUBJECT_AD_SET) == 0)
    return HD_META_ADS_KIND_AD_SET;

  return HD_META_ADS_KIND_AD;
}

static void run_next (Run *run);

static void
run_finish (Run *run)
{
  HdAdsSender *self = run_sender (run);
  GTask *task = run->task;

  self->running = FALSE;

  if (run->store_error != NULL)
    g_task_return_error (task, g_steal_pointer (&run->store_error));
  else
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
run_report (Run           *run,
            HdSendOutcome  outcome,
            char          *sentence,
            gint64         next_attempt_at)
{
  HdSendItem item = { 0, };

  item.change_id = g_strdup (run->change->id);
  item.channel_id = g_strdup (run->change->channel_id);
  item.excerpt = g_strdup (run->excerpt);
  item.channel_name = g_strdup (run->channel_name);
  item.outcome = outcome;
  item.sentence = sentence;
  item.next_attempt_at = next_attempt_at;
  _hd_send_report_append (run->report, &item);

  run->n_done++;
  g_signal_emit (run_sender (run), signals[ITEM_DONE], 0,
                 hd_send_report_get_item (run->report,
                                          hd_send_report_get_n_items (run->report) - 1),
                 run->n_done, MAX (run->n_done, run->n_total));
}

/* The database itself failed: what is committed stands, and the run stops. */
static void
run_store_failed (Run    *run,
                  GError *error)
{
  g_warning ("Sending ads stopped: %s", error->message);
  if (run->store_error == NULL)
    run->store_error = error;
  else
    g_error_free (error);

  run_forget_current (run);
  run_finish (run);
}

static void
run_hold_channel (Run *run)
{
  g_hash_table_add (run->held_channels, g_strdup (run->change->channel_id));
}

/* Records the row as done, with the remote id and what Meta holds now, in one transaction,
 * and goes on. @sentence is NULL for the usual one. */
static void
run_succeeded (Run           *run,
               const char    *remote_id,
               HdSendOutcome  outcome,
               char          *sentence)
{
  HdAdsSender *self = run_sender (run);
  g_autoptr(JsonObject) everything = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *synced = NULL;
  GError *error = NULL;

  /* What Meta holds now is every parameter as Herald has it: the ones sent, and the others,
   * which were the same already. */
  everything = hd_store_ad_object_params (sender_store (self), run->change->subject_kind,
                                          run->change->subject_id, &error);
  if (everything == NULL)
    {
      g_free (sentence);
      run_store_failed (run, error);
      return;
    }
  node = json_node_init_object (json_node_alloc (), everything);
  synced = json_to_string (node, FALSE);

  if (!hd_store_complete_ad_change (sender_store (self), run->change->id, remote_id, synced,
                                    run->now, &error))
    {
      g_free (sentence);
      run_store_failed (run, error);
      return;
    }

  if (sentence != NULL)
    ;
  else if (outcome == HD_SEND_OUTCOME_CONFIRMED)
    sentence = g_strdup (_("Meta had it already from an earlier try; not sent again."));
  else if (g_strcmp0 (run->change->operation, HD_OUTBOX_OPERATION_UPDATE) == 0)
    sentence = g_strdup (_("Changed on Meta."));
  else
    /* TRANSLATORS: %s is Meta's id of the new object */
    sentence = g_strdup_printf (_("Created on Meta as %s."), remote_id);

  run_report (run, outcome, sentence, 0);
  run_forget_current (run);
  run_next (run);
}

static void
run_failed (Run          *run,
            const GError *failure)
{
  HdAdsSender *self = run_sender (run);
  HdChange *change = run->change;
  GError *error = NULL;
  gint64 next;
  char *sentence;

  if (g_error_matches (failure, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Stopped mid-request: like a lost answer, so the next run looks first. */
      if (!hd_store_set_change_state (sender_store (self), change->id,
                                      HD_OUTBOX_STATE_UNCONFIRMED, NULL, &error))
        {
          run_store_failed (run, error);
          return;
        }
      run_forget_current (run);
      run_finish (run);
      return;
    }

  if (g_error_matches (failure, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID) ||
      g_error_matches (failure, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_CONFLICT) ||
      g_error_matches (failure, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_NOT_FOUND))
    {
      /* Meta's sentence is kept on the row for the Changes view. */
      if (!hd_store_fail_change (sender_store (self), change->id, failure->message, &error))
        {
          run_store_failed (run, error);
          return;
        }

      sentence = g_strdup_printf (_("Failed: %s"), failure->message);
      run_report (run, HD_SEND_OUTCOME_FAILED, sentence, 0);
      run_forget_current (run);
      run_next (run);
      return;
    }

  if (g_error_matches (failure, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_AUTH))
    {
      /* The client marked the channel as needing to reconnect already; its rows wait. */
      if (!hd_store_defer_change (sender_store (self), change->id, 0, failure->message, &error))
        {
          run_store_failed (run, error);
          return;
        }

      run_hold_channel (run);
      sentence = g_strdup_printf (_("Not sent: the channel needs reconnecting. %s"),
                                  failure->message);
      run_report (run, HD_SEND_OUTCOME_NEEDS_RECONNECT, sentence, 0);
      run_forget_current (run);
      run_next (run);
      return;
    }

  if (g_error_matches (failure, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_RATE_LIMITED) &&
      hd_provider_error_get_retry_after (failure) > 0)
    next = run->now + hd_provider_error_get_retry_after (failure);
  else
    next = run->now + jittered_backoff (self, change->attempts + 1);

  if (!hd_store_defer_change (sender_store (self), change->id, next, failure->message, &error))
    {
      run_store_failed (run, error);
      return;
    }

  sentence = _hd_sender_describe_waiting (failure, next - run->now);
  run_hold_channel (run);
  run_report (run, HD_SEND_OUTCOME_WAITING, sentence, next);
  run_forget_current (run);
  run_next (run);
}

/* Creating */

static void
created_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Run *run = user_data;
  g_autofree char *remote_id = NULL;
  g_autoptr(GError) error = NULL;

  remote_id = hd_meta_ads_create_finish (HD_META_ADS (object), result, &error);
  if (remote_id == NULL)
    {
      run_failed (run, error);
      return;
    }

  run_succeeded (run, remote_id, HD_SEND_OUTCOME_SENT, NULL);
}

static void
create_object (Run *run)
{
  hd_meta_ads_create_async (run->client, run->account_id, meta_kind_of (run->change->subject_kind),
                            run->params, run_cancellable (run), created_cb, run);
}

/* The ad, once its creative exists: its parameters now name the creative. */
static void
create_ad (Run *run)
{
  HdAdsSender *self = run_sender (run);
  GError *error = NULL;

  g_clear_pointer (&run->params, json_object_unref);
  run->params = hd_store_ad_object_params (sender_store (self), run->change->subject_kind,
                                           run->change->subject_id, &error);
  if (run->params == NULL)
    {
      run_store_failed (run, error);
      return;
    }

  create_object (run);
}

static gboolean
record_creative (Run         *run,
                 const char  *creative_id)
{
  HdAdsSender *self = run_sender (run);
  GError *error = NULL;

  /* At once, in a transaction of its own: a retry after this reuses it. */
  if (!hd_store_set_ad_change_creative (sender_store (self), run->change->id,
                                        run->change->subject_id, creative_id, &error))
    {
      run_store_failed (run, error);
      return FALSE;
    }

  g_free (run->change->record_key);
  run->change->record_key = g_strdup (creative_id);

  return TRUE;
}

static void
creative_created_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Run *run = user_data;
  g_autofree char *creative_id = NULL;
  g_autoptr(GError) error = NULL;

  creative_id = hd_meta_ads_create_finish (HD_META_ADS (object), result, &error);
  if (creative_id == NULL)
    {
      run_failed (run, error);
      return;
    }

  if (record_creative (run, creative_id))
    create_ad (run);
}

/* The creative as Meta's AdCreative takes it: a link post on the Page, made of the ad's text,
 * link, headline, call to action and picture. object_story_spec holds page_id and link_data
 * (developers.facebook.com/docs/marketing-api/reference/ad-creative-object-story-spec);
 * link_data takes message, link, name, image_hash and call_to_action {type, value {link}}
 * (…/reference/ad-creative-link-data, …/reference/ad-creative-link-data-call-to-action-value,
 * whose link must be the link of the creative). */
static JsonObject *
build_creative (Run         *run,
                const char  *image_hash,
                GError     **error)
{
  HdAdsSender *self = run_sender (run);
  g_autoptr(HdAd) ad = NULL;
  g_autoptr(HdPost) post = NULL;
  JsonObject *params;
  JsonObject *story;
  JsonObject *link_data;
  const char *page_id;
  const char *message;
  const char *link;
  const char *call_to_action;

  ad = hd_store_load_ad (sender_store (self), run->change->subject_id, error);
  if (ad == NULL)
    return NULL;

  message = hd_ad_get_body (ad);
  if ((message == NULL || *message == '\0') && hd_ad_get_post_id (ad) != NULL)
    {
      post = hd_store_load_post (sender_store (self), hd_ad_get_post_id (ad), NULL);
      if (post != NULL)
        message = hd_post_get_text (post);
    }

  page_id = hd_ad_get_page_remote_id (ad);
  if (page_id == NULL || *page_id == '\0')
    page_id = hd_channel_get_remote_account_id (hd_meta_ads_get_channel (run->client));

  link = hd_ad_get_link (ad);
  call_to_action = hd_ad_get_call_to_action (ad);

  link_data = json_object_new ();
  if (message != NULL && *message != '\0')
    json_object_set_string_member (link_data, "message", message);
  if (link != NULL && *link != '\0')
    json_object_set_string_member (link_data, "link", link);
  if (hd_ad_get_headline (ad) != NULL && *hd_ad_get_headline (ad) != '\0')
    json_object_set_string_member (link_data, "name", hd_ad_get_headline (ad));
  if (image_hash != NULL)
    json_object_set_string_member (link_data, "image_hash", image_hash);
  if (call_to_action != NULL && *call_to_action != '\0')
    {
      JsonObject *button = json_object_new ();

      json_object_set_string_member (button, "type", call_to_action);
      if (link != NULL && *link != '\0')
        {
          JsonObject *value = json_object_new ();

          json_object_set_string_member (value, "link", link);
          json_object_set_object_member (button, "value", value);
        }
      json_object_set_object_member (link_data, "call_to_action", button);
    }

  story = json_object_new ();
  if (page_id != NULL && *page_id != '\0')
    json_object_set_string_member (story, "page_id", page_id);
  json_object_set_object_member (story, "link_data", link_data);

  params = json_object_new ();
  if (run->name != NULL)
    json_object_set_string_member (params, "name", run->name);
  json_object_set_object_member (params, "object_story_spec", story);

  return params;
}

static void
create_creative (Run        *run,
                 const char *image_hash)
{
  g_autoptr(JsonObject) creative = NULL;
  g_autoptr(GError) error = NULL;

  creative = build_creative (run, image_hash, &error);
  if (creative == NULL)
    {
      run_store_failed (run, g_steal_pointer (&error));
      return;
    }

  hd_meta_ads_create_async (run->client, run->account_id, HD_META_ADS_KIND_AD_CREATIVE, creative,
                            run_cancellable (run), creative_created_cb, run);
}

static void
image_uploaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Run *run = user_data;
  g_autofree char *image_hash = NULL;
  g_autoptr(GError) error = NULL;

  /* The hash is the picture's: uploading it again after a lost answer gives the same one. */
  image_hash = hd_meta_ads_upload_image_finish (HD_META_ADS (object), result, &error);
  if (image_hash == NULL)
    {
      run_failed (run, error);
      return;
    }

  create_creative (run, image_hash);
}

static void
image_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = NULL;

  bytes = g_file_load_bytes_finish (G_FILE (object), result, NULL, &error);
  if (bytes == NULL)
    {
      g_autoptr(GError) invalid = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          run_failed (run, error);
          return;
        }
      invalid = g_error_new (HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID,
                             _("Herald could not read the ad’s picture (%s). Choose the "
                               "picture again."), error->message);
      run_failed (run, invalid);
      return;
    }

  basename = g_file_get_basename (G_FILE (object));
  hd_meta_ads_upload_image_async (run->client, run->account_id, bytes, basename,
                                  run_cancellable (run), image_uploaded_cb, run);
}

/* The creative first (its picture uploaded before it), then the ad naming it. */
static void
create_creative_then_ad (Run *run)
{
  HdAdsSender *self = run_sender (run);
  g_autoptr(HdAd) ad = NULL;
  g_autoptr(HdMedia) media = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  GError *error = NULL;

  ad = hd_store_load_ad (sender_store (self), run->change->subject_id, &error);
  if (ad == NULL)
    {
      run_store_failed (run, error);
      return;
    }

  if (hd_ad_get_image_sha256 (ad) == NULL)
    {
      create_creative (run, NULL);
      return;
    }

  media = hd_store_load_media (sender_store (self), hd_ad_get_image_sha256 (ad), &error);
  if (media == NULL)
    {
      run_store_failed (run, error);
      return;
    }

  path = hd_store_get_media_file_path (sender_store (self), media);
  file = g_file_new_for_path (path);
  g_file_load_bytes_async (file, run_cancellable (run), image_loaded_cb, run);
}

static void
creative_found_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Run *run = user_data;
  g_autofree char *creative_id = NULL;
  g_autoptr(GError) error = NULL;

  creative_id = hd_meta_ads_find_by_name_finish (HD_META_ADS (object), result, &error);
  if (error != NULL)
    {
      run_failed (run, error);
      return;
    }

  if (creative_id == NULL)
    {
      create_creative_then_ad (run);
      return;
    }

  if (record_creative (run, creative_id))
    create_ad (run);
}

static void
create_ad_with_creative (Run *run)
{
  if (run->change->record_key != NULL || json_object_has_member (run->params, "creative"))
    {
      /* Made on an earlier try, and kept. */
      if (run->change->record_key != NULL && !json_object_has_member (run->params, "creative") &&
          !record_creative (run, run->change->record_key))
        return;
      create_ad (run);
      return;
    }

  if (run->may_exist && run->name != NULL)
    {
      hd_meta_ads_find_by_name_async (run->client, run->account_id, HD_META_ADS_KIND_AD_CREATIVE,
                                      run->name, run_cancellable (run), creative_found_cb, run);
      return;
    }

  create_creative_then_ad (run);
}

static void
create_now (Run *run)
{
  if (meta_kind_of (run->change->subject_kind) == HD_META_ADS_KIND_AD)
    create_ad_with_creative (run);
  else
    create_object (run);
}

static void
found_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Run *run = user_data;
  g_autofree char *remote_id = NULL;
  g_autoptr(GError) error = NULL;

  remote_id = hd_meta_ads_find_by_name_finish (HD_META_ADS (object), result, &error);
  if (error != NULL)
    {
      run_failed (run, error);
      return;
    }

  if (remote_id != NULL)
    {
      run_succeeded (run, remote_id, HD_SEND_OUTCOME_CONFIRMED, NULL);
      return;
    }

  /* Meta never got it: now it may go, once. */
  create_now (run);
}

/* Updating */

static void
updated_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *remote_id = NULL;

  if (!hd_meta_ads_update_finish (HD_META_ADS (object), result, &error))
    {
      run_failed (run, error);
      return;
    }

  remote_id = g_strdup (run->parent_id);
  run_succeeded (run, remote_id, HD_SEND_OUTCOME_SENT, NULL);
}

/* The row's object as it stands: its name (for the report and the lookup by name) and its
 * remote id. */
static gboolean
load_object (Run     *run,
             char   **remote_id,
             GError **error)
{
  HdAdsSender *self = run_sender (run);
  HdStore *store = sender_store (self);
  const char *kind = run->change->subject_kind;
  const char *id = run->change->subject_id;

  if (g_strcmp0 (kind, HD_OUTBOX_SUBJECT_CAMPAIGN) == 0)
    {
      g_autoptr(HdCampaign) campaign = hd_store_load_campaign (store, id, error);

      if (campaign == NULL)
        return FALSE;
      run->name = g_strdup (hd_campaign_get_name (campaign));
      *remote_id = g_strdup (hd_campaign_get_remote_id (campaign));
    }
  else if (g_strcmp0 (kind, HD_OUTBOX_SUBJECT_AD_SET) == 0)
    {
      g_autoptr(HdAdSet) ad_set = hd_store_load_ad_set (store, id, error);

      if (ad_set == NULL)
        return FALSE;
      run->name = g_strdup (hd_ad_set_get_name (ad_set));
      *remote_id = g_strdup (hd_ad_set_get_remote_id (ad_set));
    }
  else
    {
      g_autoptr(HdAd) ad = hd_store_load_ad (store, id, error);

      if (ad == NULL)
        return FALSE;
      run->name = g_strdup (hd_ad_get_name (ad));
      *remote_id = g_strdup (hd_ad_get_remote_id (ad));
    }

  if (run->name != NULL && *run->name == '\0')
    g_clear_pointer (&run->name, g_free);
  run->excerpt = hd_ad_object_describe (kind, run->name);

  return TRUE;
}

static HdMetaAds *
client_for (Run         *run,
            const char  *channel_id,
            GError     **error)
{
  HdAdsSender *self = run_sender (run);
  HdMetaAds *client = g_hash_table_lookup (run->clients, channel_id);
  g_autoptr(HdChannel) channel = NULL;

  if (client != NULL)
    return g_object_ref (client);

  channel = hd_store_load_channel (sender_store (self), channel_id, error);
  if (channel == NULL)
    return NULL;

  client = hd_meta_ads_new (hd_sender_get_http (self->sender), sender_store (self), channel);
  g_hash_table_insert (run->clients, g_strdup (channel_id), client);

  return g_object_ref (client);
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

/* A row that cannot go yet stays pending, saying why, and the run goes on. */
static void
run_wait_for_parent (Run  *run,
                     char *reason)
{
  HdAdsSender *self = run_sender (run);
  GError *error = NULL;

  if (!hd_store_defer_change (sender_store (self), run->change->id, 0, reason, &error))
    {
      g_free (reason);
      run_store_failed (run, error);
      return;
    }

  run_report (run, HD_SEND_OUTCOME_WAITING, reason, 0);
  run_forget_current (run);
  run_next (run);
}

static void
run_send (Run *run)
{
  HdAdsSender *self = run_sender (run);
  HdStore *store = sender_store (self);
  HdChange *change = run->change;
  g_autofree char *remote_id = NULL;
  g_autofree char *reason = NULL;
  gboolean update = g_strcmp0 (change->operation, HD_OUTBOX_OPERATION_UPDATE) == 0;
  GError *error = NULL;

  if (!load_object (run, &remote_id, &error))
    {
      if (g_error_matches (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND))
        {
          g_autoptr(GError) gone = NULL;

          /* Deleted here since it was queued: nothing to send, and nothing to wait for. */
          gone = g_error_new_literal (HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID,
                                      error->message);
          g_error_free (error);
          run->excerpt = hd_ad_object_describe (change->subject_kind, NULL);
          run_failed (run, gone);
          return;
        }
      run_store_failed (run, error);
      return;
    }

  if (!hd_store_ad_change_waits (store, change, &reason, &error))
    {
      run_store_failed (run, error);
      return;
    }
  if (reason != NULL)
    {
      run_wait_for_parent (run, g_steal_pointer (&reason));
      return;
    }

  if (!hd_store_ad_change_parents (store, change, &run->parent_id, &run->account_id, &error))
    {
      run_store_failed (run, error);
      return;
    }

  if (run->account_id == NULL || !g_str_has_prefix (run->account_id, "act_"))
    {
      g_autoptr(GError) invalid =
        g_error_new_literal (HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID,
                             _("The campaign has no ad account on Meta. Choose the ad account "
                               "it runs on."));

      run_failed (run, invalid);
      return;
    }

  if (update)
    {
      if (remote_id == NULL)
        {
          run_wait_for_parent (run, g_strdup (_("Waiting for Meta to confirm that it has the "
                                                "object before changing it.")));
          return;
        }

      run->params = hd_store_ad_object_changed_fields (store, change->subject_kind,
                                                       change->subject_id, &error);
      if (run->params == NULL)
        {
          run_store_failed (run, error);
          return;
        }

      /* Meta holds every field as Herald has it already: nothing to send. */
      if (json_object_get_size (run->params) == 0)
        {
          run_succeeded (run, remote_id, HD_SEND_OUTCOME_SENT,
                         g_strdup (_("Meta has these values already; nothing was sent.")));
          return;
        }

      /* The update goes to the object itself; its id stands in for the parent's. */
      g_free (run->parent_id);
      run->parent_id = g_steal_pointer (&remote_id);
    }
  else
    {
      run->params = hd_store_ad_object_params (store, change->subject_kind, change->subject_id,
                                               &error);
      if (run->params == NULL)
        {
          run_store_failed (run, error);
          return;
        }
    }

  /* Meta has no idempotency key: a row that may have got there before is looked for first. */
  run->may_exist = change->state == HD_OUTBOX_STATE_UNCONFIRMED || change->attempts > 0;

  /* In flight must be on disk before the request leaves. */
  if (!hd_store_begin_sending_change (store, change->id, &error))
    {
      if (g_error_matches (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID))
        {
          /* Someone else is sending it, or it was withdrawn: not ours to touch. */
          g_debug ("Skipping change %s: %s", change->id, error->message);
          g_error_free (error);
          run->n_total = MAX (run->n_total, 1) - 1;
          run_forget_current (run);
          run_next (run);
          return;
        }
      run_store_failed (run, error);
      return;
    }

  if (update)
    {
      /* Sending the same values twice is harmless. */
      hd_meta_ads_update_async (run->client, run->parent_id, run->params, run_cancellable (run),
                                updated_cb, run);
      return;
    }

  if (run->may_exist && run->name != NULL && run->parent_id != NULL)
    {
      hd_meta_ads_find_by_name_async (run->client, run->parent_id,
                                      meta_kind_of (change->subject_kind), run->name,
                                      run_cancellable (run), found_cb, run);
      return;
    }

  create_now (run);
}

static void
run_next (Run *run)
{
  g_autoptr(HdMetaAds) client = NULL;
  g_autoptr(GError) error = NULL;
  HdChange *change;

  if (g_cancellable_is_cancelled (run_cancellable (run)) || run->next >= run->changes->len)
    {
      run_finish (run);
      return;
    }

  change = g_ptr_array_index (run->changes, run->next++);
  if (g_hash_table_contains (run->held_channels, change->channel_id))
    {
      run->n_total = MAX (run->n_total, 1) - 1;
      run_next (run);
      return;
    }

  client = client_for (run, change->channel_id, &error);
  if (client == NULL)
    {
      run_store_failed (run, g_steal_pointer (&error));
      return;
    }

  run->change = hd_change_copy (change);
  run->client = g_steal_pointer (&client);
  run->channel_name = g_strdup (channel_name (hd_meta_ads_get_channel (run->client)));

  run_send (run);
}

void
hd_ads_sender_send_due_async (HdAdsSender         *self,
                              gint64               now,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GError) error = NULL;
  GTask *task;
  Run *run;

  g_return_if_fail (HD_IS_ADS_SENDER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hd_ads_sender_send_due_async);

  run = g_new0 (Run, 1);
  run->task = task;
  run->now = now;
  run->report = _hd_send_report_new ();
  run->clients = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  run->held_channels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);

  if (self->running)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("Herald is sending already."));
      g_object_unref (task);
      return;
    }

  /* Only the process that holds the right to send sends; taking it, a row left in flight by
   * one that stopped becomes unconfirmed, and is looked for on Meta before anything else. */
  if (!_hd_sender_hold_lock (self->sender, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  run->changes = hd_store_list_ad_changes_to_send (sender_store (self), now, &error);
  if (run->changes == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  run->n_total = run->changes->len;
  self->running = TRUE;
  run_next (run);
}

gboolean
hd_ads_sender_send_due_finish (HdAdsSender   *self,
                               GAsyncResult  *result,
                               HdSendReport  **report,
                               GError       **error)
{
  Run *run;

  g_return_val_if_fail (HD_IS_ADS_SENDER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  run = g_task_get_task_data (G_TASK (result));
  if (report != NULL)
    *report = hd_send_report_ref (run->report);

  return g_task_propagate_boolean (G_TASK (result), error);
}
