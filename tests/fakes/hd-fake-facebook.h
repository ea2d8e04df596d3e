/* hd-fake-facebook.h: Graph API for Facebook Pages in the test process, speaking the wire
 * format of reference/channel-apis.md §3: the login dialog and token endpoints, the long-lived
 * token exchange, /me/accounts, Page feed, photos and scheduled posts, Graph's error envelope
 * and usage headers. A request that differs from the documented format is refused with a 400
 * naming the problem.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hd-fake-server.h"

G_BEGIN_DECLS

#define HD_FAKE_FACEBOOK_VERSION "v24.0"

typedef struct _HdFakeFacebook HdFakeFacebook;

/* Handles what the Facebook part does not know; returns FALSE to let it answer 400. */
typedef gboolean (*HdFakeGraphExtension) (HdFakeFacebook    *fake,
                                          SoupServerMessage *message,
                                          HdFakeRequest     *request,
                                          const char        *path,
                                          gpointer           user_data);

struct _HdFakeFacebook
{
  HdFakeServer         *server;
  /* Unix seconds the platform believes it is; 0 for the real time. */
  gint64                now;

  char                 *client_id;
  char                 *client_secret;
  char                 *code;
  char                 *code_redirect;
  GHashTable           *authorize_query;
  char                 *short_token;
  char                 *user_token;

  char                 *page_id;
  char                 *page_name;
  char                 *page_token;
  char                 *second_page_id;
  char                 *second_page_token;

  /* X-App-Usage call_count in percent sent with every answer; -1 for none */
  int                   app_usage;
  /* estimated_time_to_regain_access in X-Business-Use-Case-Usage, minutes */
  int                   regain_minutes;

  /* JsonNode objects: published posts, scheduled posts, photos */
  GPtrArray            *posts;
  GPtrArray            *scheduled;
  GPtrArray            *photos;
  /* JsonNode objects: comments on posts and answers to comments */
  GPtrArray            *comments;
  /* "object-id/metric" → value of GET /{object-id}/insights */
  JsonObject           *insights;
  /* metric names Graph answers with its "invalid metric" error */
  GHashTable           *retired_metrics;
  char                 *last_message;
  guint                 next_id;

  HdFakeGraphExtension  extension;
  gpointer              extension_data;
};

HdFakeFacebook *hd_fake_facebook_new             (void);
void            hd_fake_facebook_free            (HdFakeFacebook *self);
/* The Graph base with the version, for the channel's base URL. */
char           *hd_fake_facebook_get_graph_base  (HdFakeFacebook *self);
char           *hd_fake_facebook_get_dialog_url  (HdFakeFacebook *self);
gint64          hd_fake_facebook_now             (HdFakeFacebook *self);
char           *hd_fake_facebook_next_id         (HdFakeFacebook *self);
JsonObject     *hd_fake_facebook_find            (GPtrArray      *objects,
                                                  const char     *id);
/* TRUE when the request carries "Authorization: Bearer @token". */
gboolean        hd_fake_facebook_authorized      (HdFakeRequest  *request,
                                                  const char     *token);
void            hd_fake_facebook_respond_error   (HdFakeFacebook    *self,
                                                  SoupServerMessage *message,
                                                  guint              status,
                                                  int                code,
                                                  int                subcode,
                                                  const char        *text);
void            hd_fake_facebook_respond         (HdFakeFacebook    *self,
                                                  SoupServerMessage *message,
                                                  const char        *json);
/* "fields=" and the decoded fields parameter when it is the query's only one, else NULL. */
const char     *hd_fake_facebook_fields          (HdFakeRequest  *request);
/* The fields of a form or multipart body, and the parameters of the query. */
GHashTable     *hd_fake_facebook_params          (HdFakeRequest  *request);
/* Refuses (400, naming it) a parameter not in @allowed; returns FALSE when it did. */
gboolean        hd_fake_facebook_check_params    (HdFakeFacebook    *self,
                                                  SoupServerMessage *message,
                                                  GHashTable        *params,
                                                  const char * const *allowed,
                                                  const char        *endpoint);
/* The file part named @name of a multipart body, or NULL. */
GBytes         *hd_fake_facebook_file_part       (HdFakeRequest  *request,
                                                  const char     *name,
                                                  char          **content_type);

/* Comments: @object_id is a post, or a comment to answer. Returns the new comment's id,
 * owned by the fake. */
const char     *hd_fake_facebook_add_comment     (HdFakeFacebook *self,
                                                  const char     *object_id,
                                                  const char     *from_id,
                                                  const char     *from_name,
                                                  const char     *text,
                                                  gint64          created);
JsonObject     *hd_fake_facebook_find_comment    (HdFakeFacebook *self,
                                                  const char     *id);
/* As when its author deletes it on Facebook. */
void            hd_fake_facebook_delete_comment  (HdFakeFacebook *self,
                                                  const char     *id);
void            hd_fake_facebook_set_insight     (HdFakeFacebook *self,
                                                  const char     *object_id,
                                                  const char     *metric,
                                                  gint64          value);
/* From now on @metric gets Graph's "invalid metric" error, as after Meta retired it. */
void            hd_fake_facebook_retire_metric   (HdFakeFacebook *self,
                                                  const char     *metric);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdFakeFacebook, hd_fake_facebook_free)

G_END_DECLS
