/* hd-linkedin-provider.h: posting as a LinkedIn member or an organization they administer
 * through the Posts API, reading and answering the comments under those posts through
 * the Comments API, and reading their counts and a Page's followers
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hd-provider.h"

G_BEGIN_DECLS

/* The one LinkedIn-Version Herald sends on every call. LinkedIn sunsets a version about a
 * year after its release (202508 was sunset on 2026-08-17): bump this before mid-2027, after
 * checking the Posts API changes of the versions in between. */
#define HD_LINKEDIN_VERSION "202607"
#define HD_LINKEDIN_RESTLI_PROTOCOL_VERSION "2.0.0"

#define HD_TYPE_LINKEDIN_PROVIDER (hd_linkedin_provider_get_type ())

G_DECLARE_FINAL_TYPE (HdLinkedInProvider, hd_linkedin_provider, HD, LINKEDIN_PROVIDER, GObject)

HdLinkedInProvider *hd_linkedin_provider_new              (HdHttp      *http,
                                                           HdStore     *store,
                                                           HdChannel   *channel);
void                hd_linkedin_provider_set_token_endpoint (HdLinkedInProvider *self,
                                                             const char         *uri);

char               *hd_linkedin_escape_commentary         (const char  *text);
gint64              hd_linkedin_next_utc_midnight         (gint64       now);

/* Parsers of LinkedIn's answers, where the fuzz target reaches them; each takes any JSON
 * and returns NULL or FALSE for what it cannot use. */
char               *_hd_linkedin_parse_userinfo           (JsonNode    *node,
                                                           char       **name,
                                                           char       **picture);
gboolean            _hd_linkedin_parse_upload             (JsonNode    *node,
                                                           char       **upload_url,
                                                           char       **image_urn);
GPtrArray          *_hd_linkedin_parse_organization_acls  (JsonNode    *node);
gboolean            _hd_linkedin_parse_organization       (JsonNode    *node,
                                                           char       **name,
                                                           char       **vanity_name);
HdProviderResult   *_hd_linkedin_parse_post               (JsonNode    *node,
                                                           const char  *urn);

gboolean            hd_linkedin_is_comment_urn            (const char  *urn);
char               *hd_linkedin_comment_thread            (const char  *comment_urn);

/* The Comments API: a page of comments on a post (@parent_urn NULL) or of the answers under
 * one comment, and the URN of a comment a POST created. */
GPtrArray          *_hd_linkedin_parse_comments           (HdChannel   *channel,
                                                           const char  *post_urn,
                                                           const char  *local_post_id,
                                                           const char  *parent_urn,
                                                           JsonNode    *node,
                                                           gint64       since,
                                                           GHashTable  *known,
                                                           GPtrArray   *threads,
                                                           guint       *next_start);
char               *_hd_linkedin_parse_created_comment    (JsonNode    *node,
                                                           const char  *restli_id,
                                                           const char  *thread);

/* Counts: the metrics LinkedIn has names for, all "not available", and what share
 * statistics, a socialActions summary and a network size give of them. */
GPtrArray          *_hd_linkedin_new_metrics              (HdChannel   *channel,
                                                           gboolean     of_account,
                                                           const char  *subject_id,
                                                           gint64       measured_at);
gboolean            _hd_linkedin_parse_share_statistics   (JsonNode    *node,
                                                           const char  *post_urn,
                                                           GPtrArray   *metrics,
                                                           gboolean    *found);
gboolean            _hd_linkedin_parse_social_actions     (JsonNode    *node,
                                                           GPtrArray   *metrics);
gboolean            _hd_linkedin_parse_network_size       (JsonNode    *node,
                                                           GPtrArray   *metrics);

G_END_DECLS
