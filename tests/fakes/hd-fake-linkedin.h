/* hd-fake-linkedin.h: LinkedIn in the test process, speaking the wire format of
 * reference/channel-apis.md §5: the 3-legged and native PKCE sign-ins, OpenID userinfo,
 * organizationAcls, the Posts API with LinkedIn-Version and X-Restli-Protocol-Version, image
 * uploads, the little text format as LinkedIn renders it, the Comments API with its paging,
 * the counts of posts (organizationalEntityShareStatistics, socialActions summaries), a
 * Page's followers (networkSizes), and LinkedIn's error bodies
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hd-fake-server.h"

G_BEGIN_DECLS

#define HD_FAKE_LINKEDIN_ORGANIZATION "urn:li:organization:2414183"

/* What LinkedIn counts of a post; the share statistics and the socialActions summary are
 * made of it. */
typedef struct
{
  gint64 impressions;
  gint64 unique_impressions;
  gint64 clicks;
  gint64 likes;
  gint64 first_level_comments;
  /* with the answers under them */
  gint64 comments;
  gint64 shares;
} HdFakeLinkedInCounts;

typedef struct
{
  HdFakeServer *server;

  /* Unix seconds LinkedIn believes it is; 0 for the real time. */
  gint64        now;

  char         *client_id;
  char         *client_secret;
  /* The redirect URL registered with the app for the client-secret flow. */
  char         *registered_redirect;
  /* Refresh tokens go only to programmatic-refresh partners. */
  gboolean      issue_refresh_token;
  /* The app lacks the Community Management API: organizationAcls answers 403. */
  gboolean      organizations_forbidden;
  /* Calls left today; -1 for no limit. At 0 every /rest call answers 429. */
  gint          calls_left_today;
  /* The oldest LinkedIn-Version still served, YYYYMM. */
  guint         oldest_version;

  char         *member_sub;
  char         *access_token;
  gint64        access_expires_at;
  char         *refresh_token;
  guint         refreshes;

  char         *code;
  char         *code_challenge;
  char         *code_redirect;
  GHashTable   *authorize_query;

  /* JsonNode objects as LinkedIn keeps them, with "rendered": the text members see */
  GPtrArray    *posts;
  /* JsonNode comments as GET /rest/socialActions/{urn}/comments lists them, each with the
   * URN it is listed under in "~under" */
  GPtrArray    *comments;
  /* The app lacks r_organization_social: reading comments, and the socialActions summary of
   * a post, answers 403 ACCESS_DENIED. */
  gboolean      comments_forbidden;
  /* post URN → HdFakeLinkedInCounts; a post without counts is left out of the share
   * statistics, as LinkedIn leaves out those without activity or older than 12 months */
  GHashTable   *counts;
  /* The Page's followers, as networkSizes gives them. */
  gint64        followers;
  /* The app lacks rw_organization_admin: share statistics and networkSizes answer 403
   * ACCESS_DENIED. */
  gboolean      statistics_forbidden;
  /* image URN → owner URN, for the uploaded ones */
  GHashTable   *images;
  GHashTable   *pending_images;
  guint         next_id;
} HdFakeLinkedIn;

HdFakeLinkedIn *hd_fake_linkedin_new          (void);
void            hd_fake_linkedin_free         (HdFakeLinkedIn *self);
const char     *hd_fake_linkedin_get_url      (HdFakeLinkedIn *self);
gint64          hd_fake_linkedin_now          (HdFakeLinkedIn *self);
JsonObject     *hd_fake_linkedin_find_post    (HdFakeLinkedIn *self,
                                               const char     *urn);
char           *hd_fake_linkedin_render       (const char     *commentary);
/* A comment under @under (a post URN, or the comment URN it answers); returns its URN. */
char           *hd_fake_linkedin_add_comment  (HdFakeLinkedIn *self,
                                               const char     *under,
                                               const char     *actor,
                                               const char     *text,
                                               gint64          created_ms);
void            hd_fake_linkedin_remove_comment (HdFakeLinkedIn *self,
                                                 const char     *urn);
void            hd_fake_linkedin_set_counts   (HdFakeLinkedIn *self,
                                               const char     *post_urn,
                                               const HdFakeLinkedInCounts *counts);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdFakeLinkedIn, hd_fake_linkedin_free)

G_END_DECLS
