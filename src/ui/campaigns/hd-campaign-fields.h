/* hd-campaign-fields.h: the campaign editor's rows, each with room for what Check says of it
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Field names are Meta's ("daily_budget"), as Check names them; "" is the object itself. */
typedef struct _HdCampaignFields HdCampaignFields;

HdCampaignFields *hd_campaign_fields_new        (void);
void              hd_campaign_fields_free       (HdCampaignFields *fields);
/* Adds @row to @group, and a hidden row under it for the problems of each of @field_names
 * (NULL-terminated). */
void              hd_campaign_fields_add        (HdCampaignFields    *fields,
                                                 AdwPreferencesGroup *group,
                                                 GtkWidget           *row,
                                                 const char * const  *field_names);
/* A problem row of its own, for fields without a row and for the object itself. */
void              hd_campaign_fields_add_general (HdCampaignFields    *fields,
                                                  AdwPreferencesGroup *group);
void              hd_campaign_fields_clear      (HdCampaignFields    *fields);
/* Shows @sentence by the row of @field (or with the object's own problems when no row shows
 * that field); FALSE if there is no place for it at all. */
gboolean          hd_campaign_fields_show       (HdCampaignFields    *fields,
                                                 const char          *field,
                                                 const char          *sentence);
/* The sentences shown by @field now, one a line, or NULL. */
const char       *hd_campaign_fields_get_shown  (HdCampaignFields    *fields,
                                                 const char          *field);
/* A combo row of @labels whose choices stand for @values (both NULL-terminated, same
 * length); a value the list does not have is added when set. */
GtkWidget        *hd_campaign_choice_new        (const char          *title,
                                                 const char * const  *labels,
                                                 const char * const  *values);
void              hd_campaign_choice_append     (GtkWidget           *row,
                                                 const char          *label,
                                                 const char          *value);
/* The value of the chosen item; NULL for an item whose value is NULL ("Choose…"). */
const char       *hd_campaign_choice_get        (GtkWidget           *row);
void              hd_campaign_choice_set        (GtkWidget           *row,
                                                 const char          *value);
/* A titled row for a sentence, in the warning colours; starts hidden. */
GtkWidget        *hd_campaign_problem_row_new   (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdCampaignFields, hd_campaign_fields_free)

G_END_DECLS
