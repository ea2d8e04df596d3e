/* hd-inbox-puller.c: reads what came back from each connected channel into the inbox
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-inbox-puller.h"
#include "hd-store-channels.h"
#include "hd-store-inbox.h"

struct _HdInboxPuller
{
  GObject   parent_instance;

  /* owned references */
  HdStore  *store;
  HdHttp   *http;

  gboolean  running;
};

G_DEFINE_FINAL_TYPE (HdInboxPuller, hd_inbox_puller, G_TYPE_OBJECT)

typedef struct
{
  gint64             now;
  HdInboxPullReport *report;

  /* HdChannel, connected */
  GPtrArray         *channels;
  guint              channel_index;
  HdProvider        *provider;
} Run;

void
hd_inbox_pull_report_free (HdInboxPullReport *report)
{
  if (report == NULL)
    return;

  g_clear_pointer (&report->problems, g_ptr_array_unref);
  g_clear_pointer (&report->notices, g_ptr_array_unref);
  g_free (report);
}

char *
hd_inbox_pull_describe_new (guint n_new)
{
  /* Mentions and replies are comments too, to the person reading them. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new comment", "%u new comments",
                                       n_new),
                          n_new);
}

static void
run_free (Run *run)
{
  hd_inbox_pull_report_free (run->report);
  g_clear_pointer (&run->channels, g_ptr_array_unref);
  g_clear_object (&run->provider);
  g_free (run);
}

static void
hd_inbox_puller_finalize (GObject *object)
{
  HdInboxPuller *self = HD_INBOX_PULLER (object);

  g_clear_object (&self->store);
  g_clear_object (&self->http);

  G_OBJECT_CLASS (hd_inbox_puller_parent_class)->finalize (object);
}

static void
hd_inbox_puller_class_init (HdInboxPullerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hd_inbox_puller_finalize;
}

static void
hd_inbox_puller_init (HdInboxPuller *self)
{
}

HdInboxPuller *
hd_inbox_puller_new (HdStore *store,
                     HdHttp  *http)
{
  HdInboxPuller *self;

  g_return_val_if_fail (HD_IS_STORE (store), NULL);
  g_return_val_if_fail (HD_IS_HTTP (http), NULL);

  self = g_object_new (HD_TYPE_INBOX_PULLER, NULL);
  self->store = g_object_ref (store);
  self->http = g_object_ref (http);

  return self;
}

/* Steps */

static void next_channel (GTask *task);

static HdChannel *
current_channel (Run *run)
{
  return g_ptr_array_index (run->channels, run->channel_index);
}

static char *
describe_for_channel (HdChannel  *channel,
                      const char *sentence)
{
  const char *name = hd_channel_get_display_name (channel);

  if (name == NULL || *name == '\0')
    name = hd_channel_kind_to_label (hd_channel_get_kind (channel));

  /* Translators: the first %s is a channel's name, the second says what happened. */
  return g_strdup_printf (_("%s: %s"), name, sentence);
}

static void
fail (GTask  *task,
      GError *error)
{
  g_task_return_error (task, error);
  g_object_unref (task);
}

/* The provider usually did this already; the stored row is what the Channels page reads. */
static void
mark_needs_reconnect (HdInboxPuller *self,
                      HdChannel     *channel)
{
  g_autoptr(HdChannel) stored = NULL;
  g_autoptr(GError) error = NULL;

  stored = hd_store_load_channel (self->store, hd_channel_get_id (channel), &error);
  if (stored == NULL || hd_channel_get_state (stored) == HD_CHANNEL_STATE_NEEDS_RECONNECT)
    return;

  hd_channel_set_state (stored, HD_CHANNEL_STATE_NEEDS_RECONNECT);
  if (!hd_store_save_channel (self->store, stored, &error))
    g_warning ("Could not mark channel %s as needing to reconnect: %s",
               hd_channel_get_id (stored), error->message);
}

/* Keeps what one look found; the cursor moves in the same transaction. */
static gboolean
record (HdInboxPuller    *self,
        Run              *run,
        HdProviderInbox  *inbox,
        const char       *notice,
        GError          **error)
{
  HdChannel *channel = current_channel (run);
  guint n_new = 0;

  if (!hd_store_record_inbox_pull (self->store, hd_channel_get_id (channel),
                                   inbox != NULL ? inbox->items : NULL,
                                   inbox != NULL ? inbox->deleted : NULL,
                                   inbox != NULL ? inbox->cursor : NULL, notice, run->now,
                                   &n_new, error))
    return FALSE;

  run->report->n_new += n_new;
  if (notice != NULL)
    g_ptr_array_add (run->report->notices, describe_for_channel (channel, notice));
  else
    run->report->n_read++;

  return TRUE;
}

static void
pulled_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  HdInboxPuller *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  HdChannel *channel = current_channel (run);
  g_autoptr(HdProviderInbox) inbox = NULL;
  GError *error = NULL;

  inbox = hd_provider_pull_inbox_finish (HD_PROVIDER (object), result, &error);
  if (inbox != NULL)
    {
      if (!record (self, run, inbox, inbox->notice, &error))
        {
          fail (task, error);
          return;
        }
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      fail (task, error);
      return;
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
    {
      /* A platform Herald reads no inbox from: said once on the channel, not a failure. */
      g_autoptr(GError) not_supported = error;

      if (!record (self, run, NULL, not_supported->message, &error))
        {
          fail (task, error);
          return;
        }
    }
  else
    {
      /* Signed out, over the rate limit, or unreachable: the channel waits for the next
       * round and reads from the same place then; the others go on. */
      if (g_error_matches (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_AUTH))
        mark_needs_reconnect (self, channel);
      g_ptr_array_add (run->report->problems, describe_for_channel (channel, error->message));
      g_error_free (error);
    }

  run->channel_index++;
  next_channel (task);
}

static void
next_channel (GTask *task)
{
  HdInboxPuller *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *cursor = NULL;
  HdChannel *channel;
  GError *error = NULL;
  gint64 since = 0;

  g_clear_object (&run->provider);

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  if (run->channel_index >= run->channels->len)
    {
      g_task_return_pointer (task, g_steal_pointer (&run->report),
                             (GDestroyNotify) hd_inbox_pull_report_free);
      g_object_unref (task);
      return;
    }

  channel = current_channel (run);
  run->provider = hd_provider_new_for_channel (self->http, self->store, channel, &local_error);
  if (run->provider == NULL)
    {
      g_ptr_array_add (run->report->problems,
                       describe_for_channel (channel, local_error->message));
      run->channel_index++;
      next_channel (task);
      return;
    }

  if (!hd_store_get_inbox_cursor (self->store, hd_channel_get_id (channel), &since, &cursor,
                                  NULL, &error))
    {
      fail (task, error);
      return;
    }

  hd_provider_pull_inbox_async (run->provider, since, cursor, g_task_get_cancellable (task),
                                pulled_cb, task);
}

static void
on_task_completed (GTask         *task,
                   GParamSpec    *pspec,
                   HdInboxPuller *self)
{
  self->running = FALSE;
}

void
hd_inbox_puller_pull_async (HdInboxPuller       *self,
                            gint64               now,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GListModel) channels = NULL;
  g_autoptr(GError) error = NULL;
  GTask *task;
  Run *run;

  g_return_if_fail (HD_IS_INBOX_PULLER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hd_inbox_puller_pull_async);

  if (self->running)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("Herald is already reading the inbox."));
      g_object_unref (task);
      return;
    }

  channels = hd_store_list_channels (self->store, &error);
  if (channels == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  run = g_new0 (Run, 1);
  run->now = now;
  run->report = g_new0 (HdInboxPullReport, 1);
  run->report->problems = g_ptr_array_new_with_free_func (g_free);
  run->report->notices = g_ptr_array_new_with_free_func (g_free);
  run->channels = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (channels); i++)
    {
      g_autoptr(HdChannel) channel = g_list_model_get_item (channels, i);

      if (hd_channel_get_state (channel) == HD_CHANNEL_STATE_CONNECTED)
        g_ptr_array_add (run->channels, g_steal_pointer (&channel));
    }
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);

  self->running = TRUE;
  g_signal_connect_object (task, "notify::completed", G_CALLBACK (on_task_completed), self, 0);
  next_channel (task);
}

HdInboxPullReport *
hd_inbox_puller_pull_finish (HdInboxPuller  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (HD_IS_INBOX_PULLER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
