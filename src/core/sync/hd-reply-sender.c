/* hd-reply-sender.c: sends the answers written in the inbox, and hides comments, through the
 * outbox
 *
 * Each row goes as the post sender's do: in flight committed before the request leaves,
 * done with the platform's id in one transaction, a passing failure back to pending with a
 * backoff (or the platform's Retry-After), refused credentials park the channel until it is
 * reconnected, a refusal for good fails the row with the platform's reason.
 *
 * An answer must not go out twice. What keeps a resend from doing so is the platform's own
 * guard where it has one: Mastodon's Idempotency-Key (the row's key, remembered by the
 * instance for an hour) and Bluesky's record key (derived from the row's key, refused when
 * used twice, after which the provider finds the record it made). Facebook, Instagram, X and
 * LinkedIn take no such key, so there the guard is the outbox state alone: an answer found in
 * flight after Herald stopped may have gone out, and it waits for the user (failed, with a
 * sentence saying so) instead of being sent again. A Mastodon answer left in flight longer
 * ago than the instance remembers its key waits for the user the same way. A failure within
 * a run (no connection, a 5xx) is tried again later on every platform, as for posts: the
 * network layer cannot tell a request that never left from an answer that was lost, and
 * holding every answer written offline for the user would defeat writing them offline.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-reply-sender.h"
#include "hd-sender-private.h"
#include "hd-store-channels.h"
#include "hd-store-inbox.h"
#include "hd-store-outbox.h"

#define EXCERPT_CHARS 60

struct _HdReplySender
{
  GObject   parent_instance;

  /* owned references */
  HdSender *sender;

  gboolean  running;
};

G_DEFINE_FINAL_TYPE (HdReplySender, hd_reply_sender, G_TYPE_OBJECT)

typedef struct
{
  gint64        now;
  HdSendReport *report;
  /* HdChange, by channel */
  GPtrArray    *changes;
  guint         index;
  /* channels that stopped for this run: a row waits, so none behind it goes first */
  GHashTable   *stopped;

  /* the row being sent */
  HdChange     *change;
  HdChannel    *channel;
  HdProvider   *provider;
  HdInboxItem  *item;
  char         *excerpt;
} Run;

static void
run_forget_current (Run *run)
{
  run->change = NULL;
  g_clear_object (&run->channel);
  g_clear_object (&run->provider);
  g_clear_object (&run->item);
  g_clear_pointer (&run->excerpt, g_free);
}

static void
run_free (Run *run)
{
  run_forget_current (run);
  g_clear_pointer (&run->report, hd_send_report_unref);
  g_clear_pointer (&run->changes, g_ptr_array_unref);
  g_clear_pointer (&run->stopped, g_hash_table_unref);
  g_free (run);
}

static void
hd_reply_sender_finalize (GObject *object)
{
  HdReplySender *self = HD_REPLY_SENDER (object);

  g_clear_object (&self->sender);

  G_OBJECT_CLASS (hd_reply_sender_parent_class)->finalize (object);
}

static void
hd_reply_sender_class_init (HdReplySenderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hd_reply_sender_finalize;
}

static void
hd_reply_sender_init (HdReplySender *self)
{
}

/**
 * hd_reply_sender_new:
 *
 * Returns: (transfer full): a sender of answers that sends under @sender's lock
 */
HdReplySender *
hd_reply_sender_new (HdSender *sender)
{
  HdReplySender *self;

  g_return_val_if_fail (HD_IS_SENDER (sender), NULL);

  self = g_object_new (HD_TYPE_REPLY_SENDER, NULL);
  self->sender = g_object_ref (sender);

  return self;
}

gboolean
hd_reply_sender_get_running (HdReplySender *self)
{
  g_return_val_if_fail (HD_IS_REPLY_SENDER (self), FALSE);

  return self->running;
}

static HdStore *
sender_store (HdReplySender *self)
{
  return hd_sender_get_store (self->sender);
}

static char *
excerpt_of (const char *text)
{
  g_autofree char *flat = g_strdup (text != NULL ? text : "");

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
  const char *name = channel != NULL ? hd_channel_get_display_name (channel) : NULL;

  if (channel != NULL && (name == NULL || *name == '\0'))
    name = hd_channel_get_handle (channel);
  if (channel != NULL && (name == NULL || *name == '\0'))
    name = hd_channel_kind_to_label (hd_channel_get_kind (channel));

  return name != NULL ? name : "";
}

static const char *
platform_name (Run *run)
{
  return run->channel != NULL ? hd_channel_kind_to_label (hd_channel_get_kind (run->channel))
                              : "";
}

/* Takes @sentence. */
static void
report (Run           *run,
        HdSendOutcome  outcome,
        char          *sentence,
        gint64         next_attempt_at)
{
  HdSendItem item = { 0, };

  item.change_id = g_strdup (run->change->id);
  item.post_id = g_strdup (run->item != NULL ? hd_inbox_item_get_post_id (run->item) : NULL);
  item.channel_id = g_strdup (run->change->channel_id);
  item.excerpt = g_strdup (run->excerpt != NULL ? run->excerpt : "");
  item.channel_name = g_strdup (channel_name (run->channel));
  item.outcome = outcome;
  item.sentence = sentence;
  item.next_attempt_at = next_attempt_at;
  _hd_send_report_append (run->report, &item);
}

static void next_change (GTask *task);

static void
fail (GTask  *task,
      GError *error)
{
  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
mark_needs_reconnect (HdReplySender *self,
                      HdChannel     *channel)
{
  g_autoptr(HdChannel) stored = NULL;
  g_autoptr(GError) error = NULL;

  stored = hd_store_load_channel (sender_store (self), hd_channel_get_id (channel), &error);
  if (stored == NULL || hd_channel_get_state (stored) == HD_CHANNEL_STATE_NEEDS_RECONNECT)
    return;

  hd_channel_set_state (stored, HD_CHANNEL_STATE_NEEDS_RECONNECT);
  if (!hd_store_save_channel (sender_store (self), stored, &error))
    g_warning ("Could not mark channel %s as needing to reconnect: %s",
               hd_channel_get_id (stored), error->message);
}

/* The row failed for good with @reason: it waits for the user. */
static gboolean
fail_row (HdReplySender  *self,
          Run            *run,
          const char     *reason,
          GError        **error)
{
  if (!hd_store_fail_change (sender_store (self), run->change->id, reason, error))
    return FALSE;

  report (run, HD_SEND_OUTCOME_FAILED, g_strdup_printf (_("Failed: %s"), reason), 0);
  return TRUE;
}

/* What the platform said decides the row's fate, as for posts. FALSE only when the store
 * failed; the run then ends with @error. */
static gboolean
after_failure (HdReplySender  *self,
               Run            *run,
               const GError   *failure,
               GError        **error)
{
  HdStore *store = sender_store (self);
  HdChange *change = run->change;
  gint64 next;

  if (g_error_matches (failure, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID) ||
      g_error_matches (failure, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_CONFLICT) ||
      g_error_matches (failure, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_NOT_FOUND) ||
      g_error_matches (failure, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
    return fail_row (self, run, failure->message, error);

  /* The rest of the channel waits behind this row, to keep the order it was written in. */
  g_hash_table_add (run->stopped, g_strdup (change->channel_id));

  if (g_error_matches (failure, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_AUTH))
    {
      if (!hd_store_defer_change (store, change->id, 0, failure->message, error))
        return FALSE;
      mark_needs_reconnect (self, run->channel);
      report (run, HD_SEND_OUTCOME_NEEDS_RECONNECT,
              g_strdup_printf (_("Not sent: the channel needs reconnecting. %s"),
                               failure->message),
              0);
      return TRUE;
    }

  if (g_error_matches (failure, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_RATE_LIMITED) &&
      hd_provider_error_get_retry_after (failure) > 0)
    next = run->now + hd_provider_error_get_retry_after (failure);
  else
    next = run->now + hd_sender_backoff (change->attempts + 1);

  if (!hd_store_defer_change (store, change->id, next, failure->message, error))
    return FALSE;

  report (run, HD_SEND_OUTCOME_WAITING, _hd_sender_describe_waiting (failure, next - run->now),
          next);
  return TRUE;
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  HdReplySender *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(HdProviderResult) answer = NULL;
  g_autoptr(GError) failure = NULL;
  GError *error = NULL;
  gboolean is_reply = g_strcmp0 (run->change->operation, HD_OUTBOX_OPERATION_REPLY) == 0;
  gboolean ok;

  if (is_reply)
    {
      answer = hd_provider_reply_finish (HD_PROVIDER (object), result, &failure);
      ok = answer != NULL;
    }
  else
    {
      ok = hd_provider_hide_finish (HD_PROVIDER (object), result, &failure);
    }

  if (ok)
    {
      if (!hd_store_complete_inbox_reply (sender_store (self), run->change->id,
                                          answer != NULL ? answer->remote_id : NULL, &error))
        {
          fail (task, error);
          return;
        }
      report (run, HD_SEND_OUTCOME_SENT,
              is_reply ? g_strdup (_("Answer sent.")) : g_strdup (_("Done.")), 0);
    }
  else if (g_error_matches (failure, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Stopped mid-request: like a lost answer, the next run decides what to do. */
      if (!hd_store_set_change_state (sender_store (self), run->change->id,
                                      HD_OUTBOX_STATE_UNCONFIRMED, NULL, &error))
        g_clear_error (&error);
      fail (task, g_steal_pointer (&failure));
      return;
    }
  else if (!after_failure (self, run, failure, &error))
    {
      fail (task, error);
      return;
    }

  run_forget_current (run);
  run->index++;
  next_change (task);
}

/* Whether an answer found in flight after a stop may go again (see the top of the file). */
static gboolean
may_resend (Run                 *run,
            const HdInboxStatus *status)
{
  const HdProviderCaps *caps = hd_provider_get_caps (run->provider);

  /* Hiding twice is hiding. */
  if (g_strcmp0 (run->change->operation, HD_OUTBOX_OPERATION_REPLY) != 0)
    return TRUE;

  switch (caps->idempotency)
    {
    case HD_PROVIDER_IDEMPOTENCY_RECORD_KEY:
      return TRUE;
    case HD_PROVIDER_IDEMPOTENCY_HEADER:
      return status->sent_at > 0 && run->now - status->sent_at < HD_REPLY_KEY_LIFETIME;
    case HD_PROVIDER_IDEMPOTENCY_NONE:
    case HD_PROVIDER_IDEMPOTENCY_CONTAINER:
    default:
      return FALSE;
    }
}

/* Loads what the row is about; FALSE with @error only when the store failed. A row whose
 * item went away is failed with a sentence and *@go is FALSE. */
static gboolean
prepare_row (HdReplySender  *self,
             Run            *run,
             HdInboxStatus  *status,
             HdInboxItem   **target,
             gboolean       *go,
             GError        **error)
{
  HdStore *store = sender_store (self);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(HdInboxItem) subject = NULL;
  const char *target_id;

  *go = FALSE;

  run->channel = hd_store_load_channel (store, run->change->channel_id, error);
  if (run->channel == NULL)
    return FALSE;

  subject = hd_store_load_inbox_item (store, run->change->subject_id, &local_error);
  if (subject == NULL || !hd_store_get_inbox_status (store, run->change->subject_id, status,
                                                     &local_error))
    {
      if (!g_error_matches (local_error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      return fail_row (self, run, _("The message was deleted in Herald before this could be "
                                    "sent."), error);
    }

  /* An answer goes to the item it answers; a hide row to the item itself. */
  run->excerpt = excerpt_of (hd_inbox_item_get_text (subject));
  run->item = g_object_ref (subject);
  target_id = g_strcmp0 (run->change->operation, HD_OUTBOX_OPERATION_REPLY) == 0
              ? status->reply_to : run->change->subject_id;
  if (target_id == NULL)
    return fail_row (self, run, _("Herald no longer knows which message this answers."), error);

  *target = hd_store_load_inbox_item (store, target_id, &local_error);
  if (*target == NULL)
    {
      if (!g_error_matches (local_error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      return fail_row (self, run, _("The message this answers was deleted in Herald."), error);
    }

  run->provider = hd_provider_new_for_channel (hd_sender_get_http (self->sender), store,
                                               run->channel, &local_error);
  if (run->provider == NULL)
    return fail_row (self, run, local_error->message, error);

  *go = TRUE;
  return TRUE;
}

static void
next_change (GTask *task)
{
  HdReplySender *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_auto(HdInboxStatus) status = { 0, };
  g_autoptr(HdInboxItem) target = NULL;
  GError *error = NULL;
  gboolean go = FALSE;

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  for (; run->index < run->changes->len; run->index++)
    {
      HdChange *change = g_ptr_array_index (run->changes, run->index);

      if (!g_hash_table_contains (run->stopped, change->channel_id))
        break;
    }

  if (run->index >= run->changes->len)
    {
      g_task_return_pointer (task, g_steal_pointer (&run->report),
                             (GDestroyNotify) hd_send_report_unref);
      g_object_unref (task);
      return;
    }

  run->change = g_ptr_array_index (run->changes, run->index);
  if (!prepare_row (self, run, &status, &target, &go, &error))
    {
      fail (task, error);
      return;
    }

  if (go && run->change->state == HD_OUTBOX_STATE_UNCONFIRMED && !may_resend (run, &status))
    {
      g_autofree char *reason = NULL;

      /* Translators: %s is the platform, such as "Mastodon". */
      reason = g_strdup_printf (_("Herald stopped while sending this answer and cannot tell "
                                  "whether it reached the platform (%s). Look at the "
                                  "conversation there: if the answer is missing, send it "
                                  "again."),
                                platform_name (run));
      go = FALSE;
      if (!fail_row (self, run, reason, &error))
        {
          fail (task, error);
          return;
        }
    }

  if (!go)
    {
      run_forget_current (run);
      run->index++;
      next_change (task);
      return;
    }

  if (!hd_store_begin_sending_inbox_change (sender_store (self), run->change->id, run->now,
                                            &error))
    {
      /* Someone withdrew it meanwhile: nothing to send. */
      if (g_error_matches (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID))
        {
          g_clear_error (&error);
          run_forget_current (run);
          run->index++;
          next_change (task);
          return;
        }
      fail (task, error);
      return;
    }

  if (g_strcmp0 (run->change->operation, HD_OUTBOX_OPERATION_REPLY) == 0)
    hd_provider_reply_async (run->provider, target, hd_inbox_item_get_text (run->item),
                             run->change->idempotency_key, g_task_get_cancellable (task),
                             sent_cb, task);
  else
    hd_provider_hide_async (run->provider, target, status.hidden,
                            g_task_get_cancellable (task), sent_cb, task);
}

static void
on_task_completed (GTask         *task,
                   GParamSpec    *pspec,
                   HdReplySender *self)
{
  self->running = FALSE;
}

void
hd_reply_sender_send_due_async (HdReplySender       *self,
                                gint64               now,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GError) error = NULL;
  GTask *task;
  Run *run;

  g_return_if_fail (HD_IS_REPLY_SENDER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hd_reply_sender_send_due_async);

  if (self->running)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("Herald is already sending the answers."));
      g_object_unref (task);
      return;
    }

  /* The lock says nobody else sends; a row still in flight from a process that stopped is
   * unconfirmed from here on. */
  if (!_hd_sender_hold_lock (self->sender, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  run = g_new0 (Run, 1);
  run->now = now;
  run->report = _hd_send_report_new ();
  run->stopped = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run->changes = hd_store_list_inbox_changes_to_send (sender_store (self), now, &error);
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);
  if (run->changes == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  self->running = TRUE;
  g_signal_connect_object (task, "notify::completed", G_CALLBACK (on_task_completed), self, 0);
  next_change (task);
}

gboolean
hd_reply_sender_send_due_finish (HdReplySender  *self,
                                 GAsyncResult   *result,
                                 HdSendReport  **report,
                                 GError        **error)
{
  g_autoptr(HdSendReport) sent = NULL;

  g_return_val_if_fail (HD_IS_REPLY_SENDER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  sent = g_task_propagate_pointer (G_TASK (result), error);
  if (sent == NULL)
    return FALSE;

  if (report != NULL)
    *report = g_steal_pointer (&sent);

  return TRUE;
}
