/* hd-change-set.h: waiting changes written to a file and read back on another computer, so
 * an owner can review what someone else prepared without a server
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hd-store.h"
#include "hd-store-changes.h"

G_BEGIN_DECLS

#define HD_CHANGE_SET_ERROR (hd_change_set_error_quark ())

typedef enum
{
  /* not a change file, damaged, or asks for more than Herald accepts */
  HD_CHANGE_SET_ERROR_INVALID,
  /* written by a newer Herald */
  HD_CHANGE_SET_ERROR_TOO_NEW,
  /* the change cannot be applied on this computer */
  HD_CHANGE_SET_ERROR_NOT_APPLICABLE,
} HdChangeSetError;

GQuark hd_change_set_error_quark (void);

/* The document: {"format": "herald-changes", "version": 1, "exported_at": <Unix seconds>,
 * "changes": [...], "media": [...]}. Each change names its channel by kind and handle (never
 * by a local id, token or address) and carries the post it needs; pictures are embedded once
 * in "media" as base64 with their SHA-256, MIME type and alt text. */
#define HD_CHANGE_SET_FORMAT  "herald-changes"
#define HD_CHANGE_SET_VERSION 1

/* Limits a file must keep to be read at all. */
#define HD_CHANGE_SET_MAX_BYTES       (96 * 1024 * 1024)
#define HD_CHANGE_SET_MAX_MEDIA_BYTES (16 * 1024 * 1024)
#define HD_CHANGE_SET_MAX_CHANGES     1000
#define HD_CHANGE_SET_MAX_TEXT        (64 * 1024)

/* One change read from a file. */
typedef struct
{
  char           *id;
  char           *operation;
  HdChangeKind    kind;

  HdChannelKind   channel_kind;
  char           *channel_handle;
  char           *channel_name;
  /* where the post is on the platform, for a change or a removal */
  char           *remote_id;

  char           *post_id;
  char           *text;
  char           *variant_text;
  char           *first_comment;
  gint64          scheduled_at;
  char           *time_zone;
  char          **labels;
  char           *notes;
  /* SHA-256 of each picture, in order; each is in the file */
  char          **media;

  /* the first words of the text that goes to the channel */
  char           *excerpt;
} HdIncomingChange;

#define HD_TYPE_CHANGE_SET (hd_change_set_get_type ())
G_DECLARE_FINAL_TYPE (HdChangeSet, hd_change_set, HD, CHANGE_SET, GObject)

/* Writes the changes with ids @change_ids (every waiting post change when NULL) as a
 * document. Reads no secret. */
GBytes                 *hd_change_set_export          (HdStore           *store,
                                                       const char * const *change_ids,
                                                       guint             *n_changes,
                                                       GError           **error);
/* The same into @file, which only its owner may read. */
gboolean                hd_change_set_export_to_file  (HdStore           *store,
                                                       const char * const *change_ids,
                                                       GFile             *file,
                                                       guint             *n_changes,
                                                       GCancellable      *cancellable,
                                                       GError           **error);

/* Reads a document without touching any store: anything damaged, hostile, too big or too
 * new is refused with one sentence. */
HdChangeSet            *hd_change_set_parse           (GBytes            *bytes,
                                                       GError           **error);
HdChangeSet            *hd_change_set_load            (GFile             *file,
                                                       GCancellable      *cancellable,
                                                       GError           **error);

guint                   hd_change_set_get_n_changes   (HdChangeSet       *self);
const HdIncomingChange *hd_change_set_get_change      (HdChangeSet       *self,
                                                       guint              index);
/* The position of the change with @id, or -1. */
int                     hd_change_set_find_change     (HdChangeSet       *self,
                                                       const char        *id);

/* The channel of @store with the change's kind and handle, or NULL when this computer has no
 * such channel ("not connected here"). */
HdChannel              *hd_change_set_find_channel    (HdChangeSet       *self,
                                                       guint              index,
                                                       HdStore           *store);
/* Applies the change to @store through the normal post save, so the outbox queues it as if
 * it had been written here; pictures are imported after their SHA-256 is checked. A change
 * whose channel is not here, or a removal of a post this computer does not hold, is
 * HD_CHANGE_SET_ERROR_NOT_APPLICABLE and nothing changes. */
gboolean                hd_change_set_accept          (HdChangeSet       *self,
                                                       guint              index,
                                                       HdStore           *store,
                                                       GError           **error);

G_END_DECLS
