/* hd-fake-server.h: an HTTP server on 127.0.0.1 for the channel tests, which records every
 * request and answers with the faults a test scripts before handing over to the platform
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef enum
{
  /* answer @status with @body and @headers instead of the platform */
  HD_FAKE_FAULT_STATUS,
  /* the platform's answer, @delay_ms late */
  HD_FAKE_FAULT_SLOW,
  /* status 200, a Content-Length longer than the body, then the connection closes */
  HD_FAKE_FAULT_TRUNCATED,
  /* status 200 and a body that is not JSON */
  HD_FAKE_FAULT_MALFORMED,
  /* the platform handles the request, but the answer never arrives: the connection closes */
  HD_FAKE_FAULT_LOST_ANSWER,
  /* the connection closes before the platform sees the request */
  HD_FAKE_FAULT_RESET,
  /* the platform handles the request, then answers 200 with a body that is not JSON */
  HD_FAKE_FAULT_MALFORMED_AFTER,
  /* the platform handles the request, then answers 200 with @body (by default `[]`): JSON,
   * but not the shape the API documents */
  HD_FAKE_FAULT_WRONG_SHAPE,
  /* the platform handles the request, then answers 200 with a JSON object that never
   * closes, streamed without a length until the client stops reading (or 64 MiB went) */
  HD_FAKE_FAULT_HUGE,
  /* the platform handles the request; its status and headers leave @delay_ms later, and its
   * body @delay_ms after them */
  HD_FAKE_FAULT_BODY_LATE,
  /* the platform handles the request; its status and headers leave @delay_ms later, and
   * @delay_ms after them the connection closes without the body */
  HD_FAKE_FAULT_BODY_CUT,
} HdFakeFaultKind;

typedef struct
{
  char               *method;
  char               *path;
  char               *query;
  SoupMessageHeaders *headers;
  GBytes             *body;
} HdFakeRequest;

typedef struct _HdFakeServer HdFakeServer;

/* Handles a request the faults let through; @request is what was recorded. */
typedef void (*HdFakeHandler) (HdFakeServer      *server,
                               SoupServerMessage *message,
                               HdFakeRequest     *request,
                               gpointer           user_data);

HdFakeServer  *hd_fake_server_new            (HdFakeHandler        handler,
                                              gpointer             user_data);
void           hd_fake_server_free           (HdFakeServer        *self);
const char    *hd_fake_server_get_url        (HdFakeServer        *self);
void           hd_fake_server_set_clock      (HdFakeServer        *self,
                                              const gint64        *now);

void           hd_fake_server_add_fault      (HdFakeServer        *self,
                                              const char          *method,
                                              const char          *path_prefix,
                                              HdFakeFaultKind      kind,
                                              guint                status,
                                              const char          *body,
                                              const char * const  *headers,
                                              guint                delay_ms);
/* The request at @index (counted from 0 since the server was made or its requests were last
 * cleared) gets this fault, whatever its method and path; indexed faults come first. */
void           hd_fake_server_add_fault_at   (HdFakeServer        *self,
                                              guint                index,
                                              HdFakeFaultKind      kind,
                                              guint                status,
                                              const char          *body,
                                              const char * const  *headers,
                                              guint                delay_ms);
/* Every request matching @method and @path_prefix gets this fault, with the chance
 * @percent in 100, drawn from @rand; scripted faults come first. */
void           hd_fake_server_set_random_fault (HdFakeServer      *self,
                                                const char        *method,
                                                const char        *path_prefix,
                                                HdFakeFaultKind    kind,
                                                guint              percent,
                                                GRand             *rand);
/* Faults scripted but not yet used. */
guint          hd_fake_server_get_n_faults   (HdFakeServer        *self);
/* Answers held back by HD_FAKE_FAULT_SLOW, BODY_LATE or BODY_CUT that have not gone out
 * whole yet. */
guint          hd_fake_server_get_n_delayed  (HdFakeServer        *self);
/* FALSE closes the listening socket, so that connections are refused as when the network
 * is gone; TRUE listens again on the same port. */
void           hd_fake_server_set_listening  (HdFakeServer        *self,
                                              gboolean             listening);

GPtrArray     *hd_fake_server_get_requests   (HdFakeServer        *self);
guint          hd_fake_server_count          (HdFakeServer        *self,
                                              const char          *method,
                                              const char          *path_prefix);
HdFakeRequest *hd_fake_server_last           (HdFakeServer        *self,
                                              const char          *method,
                                              const char          *path_prefix);
void           hd_fake_server_clear_requests (HdFakeServer        *self);

JsonNode      *hd_fake_request_get_json      (HdFakeRequest       *request);
GHashTable    *hd_fake_request_get_form      (HdFakeRequest       *request);

void           hd_fake_respond_json          (SoupServerMessage   *message,
                                              guint                status,
                                              const char          *json);
void           hd_fake_respond_node          (SoupServerMessage   *message,
                                              guint                status,
                                              JsonNode            *node);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdFakeServer, hd_fake_server_free)

G_END_DECLS
