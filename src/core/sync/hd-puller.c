/* hd-puller.c: reads the posts Herald sent back from the platforms
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-puller.h"

struct _HdPuller
{
  GObject   parent_instance;

  /* owned references */
  HdStore  *store;
  HdHttp   *http;

  guint     max_per_channel;
  gboolean  running;
};

G_DEFINE_FINAL_TYPE (HdPuller, hd_puller, G_TYPE_OBJECT)

typedef struct
{
  gint64           now;
  HdPullReport    *report;

  /* HdChannel, connected */
  GPtrArray       *channels;
  guint            channel_index;
  HdProvider      *provider;

  /* HdRemoteVariant of the current channel */
  GPtrArray       *targets;
  guint            target_index;
} Run;

void
hd_pull_report_free (HdPullReport *report)
{
  if (report == NULL)
    return;

  g_clear_pointer (&report->conflicts, g_ptr_array_unref);
  g_clear_pointer (&report->problems, g_ptr_array_unref);
  g_free (report);
}

static void
run_free (Run *run)
{
  hd_pull_report_free (run->report);
  g_clear_pointer (&run->channels, g_ptr_array_unref);
  g_clear_object (&run->provider);
  g_clear_pointer (&run->targets, g_ptr_array_unref);
  g_free (run);
}

static void
hd_puller_finalize (GObject *object)
{
  HdPuller *self = HD_PULLER (object);

  g_clear_object (&self->store);
  g_clear_object (&self->http);

  G_OBJECT_CLASS (hd_puller_parent_class)->finalize (object);
}

static void
hd_puller_class_init (HdPullerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hd_puller_finalize;
}

static void
hd_puller_init (HdPuller *self)
{
  self->max_per_channel = 20;
}

HdPuller *
hd_puller_new (HdStore *store,
               HdHttp  *http)
{
  HdPuller *self;

  g_return_val_if_fail (HD_IS_STORE (store), NULL);
  g_return_val_if_fail (HD_IS_HTTP (http), NULL);

  self = g_object_new (HD_TYPE_PULLER, NULL);
  self->store = g_object_ref (store);
  self->http = g_object_ref (http);

  return self;
}

void
hd_puller_set_max_per_channel (HdPuller *self,
                               guint     max)
{
  g_return_if_fail (HD_IS_PULLER (self));
  g_return_if_fail (max > 0);

  self->max_per_channel = max;
}

/* The start of @text on one line, at most @max characters, with an ellipsis when cut. */
static char *
excerpt_of (const char *text,
            glong       max)
{
  g_autofree char *line = hd_provider_normalize_text (text);

  if (g_utf8_strlen (line, -1) <= max)
    return g_steal_pointer (&line);

  *g_utf8_offset_to_pointer (line, max - 1) = '\0';
  return g_strconcat (line, "…", NULL);
}

char *
hd_pull_conflict_describe (const HdRemoteVariant *conflict)
{
  g_autofree char *excerpt = NULL;
  const char *channel;

  g_return_val_if_fail (conflict != NULL, NULL);

  excerpt = excerpt_of (conflict->text, 40);
  channel = conflict->channel_name != NULL && *conflict->channel_name != '\0'
            ? conflict->channel_name : hd_channel_kind_to_label (conflict->channel_kind);

  if (conflict->conflict == HD_CONFLICT_DELETED)
    /* Translators: the first %s is the start of a post, the second a channel's name. */
    return g_strdup_printf (_("“%s” on %s was deleted there. Keep yours to post it again, or "
                              "take theirs to leave it gone."), excerpt, channel);

  /* Translators: the first %s is the start of a post, the second a channel's name. */
  return g_strdup_printf (_("“%s” on %s was edited there. Keep yours or take theirs."),
                          excerpt, channel);
}

/* Steps */

static void next_channel (GTask *task);
static void next_target (GTask *task);

static HdRemoteVariant *
current_target (Run *run)
{
  return g_ptr_array_index (run->targets, run->target_index);
}

static void
add_problem (Run        *run,
             HdChannel  *channel,
             const char *sentence)
{
  const char *name = hd_channel_get_display_name (channel);

  if (name == NULL || *name == '\0')
    name = hd_channel_kind_to_label (hd_channel_get_kind (channel));

  /* Translators: the first %s is a channel's name, the second says what went wrong. */
  g_ptr_array_add (run->report->problems, g_strdup_printf (_("%s: %s"), name, sentence));
}

static gboolean
record (GTask    *task,
        gboolean  ok,
        GError   *error)
{
  if (!ok)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
    }

  return ok;
}

static gboolean
note_conflict (GTask            *task,
               HdRemoteVariant  *target,
               HdConflictKind    kind,
               const char       *remote_text)
{
  HdPuller *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  GError *error = NULL;
  HdRemoteVariant *found;

  if (!record (task, hd_store_note_conflict (self->store, target->variant_id, kind, remote_text,
                                             run->now, &error), error))
    return FALSE;

  found = hd_remote_variant_copy (target);
  found->conflict = kind;
  g_free (found->remote_text);
  found->remote_text = kind == HD_CONFLICT_EDITED ? g_strdup (remote_text) : NULL;
  g_ptr_array_add (run->report->conflicts, found);

  return TRUE;
}

/* Compares what the platform holds with Herald's text. */
static gboolean
compare (GTask            *task,
         HdRemoteVariant  *target,
         HdProviderResult *held)
{
  HdPuller *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  GError *error = NULL;

  if (held->text != NULL && !hd_provider_same_text (run->provider, target->text, held->text))
    return note_conflict (task, target, HD_CONFLICT_EDITED, held->text);

  return record (task, hd_store_note_pulled (self->store, target->variant_id, run->now, &error),
                 error);
}

/* Stops the channel for this run when the platform says to wait or to sign in again. */
static gboolean
stops_channel (const GError *error)
{
  return g_error_matches (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_AUTH)
         || g_error_matches (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_RATE_LIMITED)
         || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
}

static void
after_failure (GTask        *task,
               const GError *error)
{
  Run *run = g_task_get_task_data (task);

  add_problem (run, hd_provider_get_channel (run->provider), error->message);
  if (stops_channel (error))
    {
      run->channel_index++;
      next_channel (task);
      return;
    }

  run->target_index++;
  next_target (task);
}

static void
published_lookup_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  HdPuller *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  HdRemoteVariant *target = current_target (run);
  g_autoptr(HdProviderResult) found = NULL;
  g_autoptr(GError) error = NULL;
  GError *store_error = NULL;

  found = hd_provider_lookup_finish (HD_PROVIDER (object), result, &error);
  if (found == NULL && g_error_matches (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_NOT_FOUND))
    {
      /* Its time came and nothing went out: someone withdrew it on the platform. */
      if (!note_conflict (task, target, HD_CONFLICT_DELETED, NULL))
        return;
    }
  else if (found == NULL)
    {
      after_failure (task, error);
      return;
    }
  else
    {
      if (!record (task, hd_store_note_published_remote (self->store, target->variant_id,
                                                         found->remote_id, found->remote_url,
                                                         run->now, &store_error),
                   store_error))
        return;
      run->report->n_published++;
    }

  run->target_index++;
  next_target (task);
}

/* A post the platform held for later is no longer held: it went out at its time under an id
 * of its own, found the way a lost answer is found, by its text around its time. */
static void
find_published (GTask           *task,
                HdRemoteVariant *target)
{
  HdPuller *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(HdPost) post = NULL;
  g_autoptr(HdVariant) variant = NULL;
  g_autoptr(HdProviderPost) wanted = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *variants;

  post = hd_store_load_post (self->store, target->post_id, &error);
  if (post == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  variants = hd_post_get_variants (post);
  for (guint i = 0; variants != NULL && i < g_list_model_get_n_items (variants); i++)
    {
      g_autoptr(HdVariant) candidate = g_list_model_get_item (variants, i);

      if (g_strcmp0 (hd_variant_get_channel_id (candidate), target->channel_id) == 0)
        variant = g_steal_pointer (&candidate);
    }

  /* Without the held id the provider searches what the account has published. */
  if (variant != NULL)
    hd_variant_set_remote_id (variant, NULL);
  wanted = hd_provider_post_new (post, variant, target->variant_id);
  wanted->queued_at = target->scheduled_at;
  wanted->scheduled_at = 0;

  hd_provider_lookup_async (run->provider, wanted, g_task_get_cancellable (task),
                            published_lookup_cb, task);
}

static void
fetch_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);
  HdRemoteVariant *target = current_target (run);
  g_autoptr(HdProviderResult) held = NULL;
  g_autoptr(GError) error = NULL;

  held = hd_provider_fetch_post_finish (HD_PROVIDER (object), result, &error);
  run->report->n_checked += held != NULL
                            || g_error_matches (error, HD_PROVIDER_ERROR,
                                                HD_PROVIDER_ERROR_NOT_FOUND);

  if (held != NULL)
    {
      if (!compare (task, target, held))
        return;
    }
  else if (g_error_matches (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_NOT_FOUND))
    {
      if (target->handed_over && target->scheduled_at <= run->now)
        {
          find_published (task, target);
          return;
        }

      if (!note_conflict (task, target, HD_CONFLICT_DELETED, NULL))
        return;
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  else
    {
      after_failure (task, error);
      return;
    }

  run->target_index++;
  next_target (task);
}

static void
next_target (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  HdRemoteVariant *target;

  if (run->target_index >= run->targets->len)
    {
      run->channel_index++;
      next_channel (task);
      return;
    }

  target = current_target (run);
  hd_provider_fetch_post_async (run->provider, target->remote_id,
                                target->handed_over ? HD_PROVIDER_FETCH_SCHEDULED
                                                    : HD_PROVIDER_FETCH_NONE,
                                g_task_get_cancellable (task), fetch_cb, task);
}

static void targets_listed_cb (GObject      *object,
                               GAsyncResult *result,
                               gpointer      user_data);

static void
next_channel (GTask *task)
{
  HdPuller *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  HdChannel *channel;

  g_clear_object (&run->provider);
  g_clear_pointer (&run->targets, g_ptr_array_unref);
  run->target_index = 0;

  if (run->channel_index >= run->channels->len)
    {
      self->running = FALSE;
      g_task_return_pointer (task, g_steal_pointer (&run->report),
                             (GDestroyNotify) hd_pull_report_free);
      g_object_unref (task);
      return;
    }

  /* Choosing them weighs the channel's whole window: longer than a frame on a busy store. */
  channel = g_ptr_array_index (run->channels, run->channel_index);
  hd_store_list_variants_to_pull_async (self->store, hd_channel_get_id (channel),
                                        run->now - HD_PULLER_WINDOW, self->max_per_channel,
                                        g_task_get_cancellable (task), targets_listed_cb, task);
}

static void
targets_listed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  HdPuller *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  HdChannel *channel = g_ptr_array_index (run->channels, run->channel_index);

  run->targets = hd_store_list_variants_to_pull_finish (self->store, result, &error);
  if (run->targets == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  if (run->targets->len > 0)
    {
      run->provider = hd_provider_new_for_channel (self->http, self->store, channel, &error);
      if (run->provider == NULL)
        add_problem (run, channel, error->message);
      else if (!hd_provider_can_fetch_post (run->provider))
        add_problem (run, channel,
                     _("this platform offers no way to read a post back, so Herald cannot see "
                       "changes made there."));
      else
        {
          next_target (task);
          return;
        }
    }

  run->channel_index++;
  next_channel (task);
}

static void
on_task_completed (GTask      *task,
                   GParamSpec *pspec,
                   HdPuller   *self)
{
  self->running = FALSE;
}

void
hd_puller_pull_async (HdPuller            *self,
                      gint64               now,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GListModel) channels = NULL;
  g_autoptr(GError) error = NULL;
  GTask *task;
  Run *run;

  g_return_if_fail (HD_IS_PULLER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hd_puller_pull_async);

  if (self->running)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("Herald is already reading posts back."));
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
  run->report = g_new0 (HdPullReport, 1);
  run->report->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                           hd_remote_variant_free);
  run->report->problems = g_ptr_array_new_with_free_func (g_free);
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

HdPullReport *
hd_puller_pull_finish (HdPuller      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (HD_IS_PULLER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
