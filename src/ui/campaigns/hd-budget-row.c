/* hd-budget-row.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-campaigns"

#include "config.h"

#include <glib/gi18n.h>

#include "hd-budget.h"
#include "hd-money.h"
#include "campaigns/hd-budget-row.h"

struct _HdBudgetRow
{
  AdwBin parent_instance;

  /* widgets */
  GtkToggleButton *daily_button;
  GtkToggleButton *lifetime_button;
  AdwEntryRow     *amount_row;
  GtkLabel        *minor_label;
  GtkLabel        *forecast_label;
  GtkLabel        *minimum_label;
  GtkLabel        *note_label;

  /* owned references */
  HdAdAccount     *account;
  char            *currency;
  char            *billing_event;
  char            *time_zone;

  gint64           starts_at;
  gint64           ends_at;
  gboolean         lifetime_required;
  gboolean         updating;
};

G_DEFINE_FINAL_TYPE (HdBudgetRow, hd_budget_row, ADW_TYPE_BIN)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_text (GtkLabel   *label,
           const char *text)
{
  gtk_label_set_label (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

static gboolean
parse_amount (HdBudgetRow  *self,
              gint64       *minor,
              GError      **error)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->amount_row));

  *minor = 0;
  if (self->currency == NULL)
    {
      g_set_error_literal (error, HD_MONEY_ERROR, HD_MONEY_ERROR_UNKNOWN_CURRENCY,
                           _("Choose the ad account first: the budget is in its currency."));
      return FALSE;
    }

  return hd_money_parse (text, self->currency, NULL, minor, error);
}

static char *
describe_minor_units (HdBudgetRow *self,
                      gint64       minor)
{
  if (hd_money_get_exponent (self->currency) == 0)
    /* TRANSLATORS: the amount as Meta receives it, for a currency such as JPY without a
     * smaller unit: "Sent to Meta as 2000: JPY has no smaller unit" */
    return g_strdup_printf (_("Sent to Meta as %" G_GINT64_FORMAT ": %s has no smaller unit"),
                            minor, self->currency);

  /* TRANSLATORS: the amount as Meta receives it: "Sent to Meta as 2000 (hundredths of GBP)" */
  return g_strdup_printf (_("Sent to Meta as %" G_GINT64_FORMAT ", in the smallest unit of %s"),
                          minor, self->currency);
}

static void
update_sentences (HdBudgetRow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *minor_text = NULL;
  g_autofree char *forecast_text = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->amount_row));
  HdBudgetKind kind = hd_budget_row_get_kind (self);
  HdBudgetForecast forecast;
  guint days = 0;
  gint64 minor;

  gtk_widget_remove_css_class (GTK_WIDGET (self->amount_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->minimum_label), "error");
  show_text (self->minimum_label, NULL);

  if (text == NULL || *text == '\0')
    {
      show_text (self->minor_label, NULL);
      show_text (self->forecast_label, NULL);
      return;
    }

  if (!parse_amount (self, &minor, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->amount_row), "error");
      show_text (self->minor_label, error->message);
      show_text (self->forecast_label, NULL);
      return;
    }

  minor_text = describe_minor_units (self, minor);
  show_text (self->minor_label, minor_text);

  if (self->starts_at > 0 && self->ends_at > 0)
    days = hd_budget_count_days (self->starts_at, self->ends_at, self->time_zone);

  if (self->starts_at > 0 && self->ends_at > 0
      && hd_budget_forecast (kind, minor, self->starts_at, self->ends_at, self->time_zone,
                             &forecast, &error))
    forecast_text = hd_budget_describe_forecast (kind, &forecast, self->currency);
  else if (kind == HD_BUDGET_KIND_DAILY && self->ends_at == 0)
    {
      g_autofree char *money = hd_money_format (minor, self->currency, NULL);

      /* TRANSLATORS: a daily budget with no end date, "£20.00 a day until you stop the ads" */
      forecast_text = g_strdup_printf (_("%s a day until you stop the ads. Meta may spend up "
                                         "to 25%% more on a single day."), money);
    }
  else if (error != NULL)
    forecast_text = g_strdup (error->message);
  else
    forecast_text = g_strdup (_("Set when the ads start and end to see what the flight may "
                                "cost."));
  show_text (self->forecast_label, forecast_text);

  g_clear_error (&error);
  if (kind == HD_BUDGET_KIND_LIFETIME && days == 0)
    return;
  if (!hd_budget_check_minimum (self->account, kind, minor, self->currency,
                                self->billing_event, days, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->amount_row), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->minimum_label), "error");
      show_text (self->minimum_label, error->message);
    }
}

static void
update_title (HdBudgetRow *self)
{
  g_autofree char *title = NULL;

  if (self->currency == NULL)
    title = g_strdup (_("Amount"));
  else if (hd_budget_row_get_kind (self) == HD_BUDGET_KIND_DAILY)
    /* TRANSLATORS: the title of the budget entry, "Amount a day, in GBP" */
    title = g_strdup_printf (_("Amount a day, in %s"), self->currency);
  else
    /* TRANSLATORS: the title of the budget entry, "Amount for the whole flight, in GBP" */
    title = g_strdup_printf (_("Amount for the whole flight, in %s"), self->currency);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->amount_row), title);
}

static void
emit_changed (HdBudgetRow *self)
{
  update_title (self);
  update_sentences (self);
  if (!self->updating)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_kind_toggled (HdBudgetRow     *self,
                 GtkToggleButton *button)
{
  if (gtk_toggle_button_get_active (button))
    emit_changed (self);
}

GtkWidget *
hd_budget_row_new (void)
{
  return g_object_new (HD_TYPE_BUDGET_ROW, NULL);
}

void
hd_budget_row_set_account (HdBudgetRow *self,
                           HdAdAccount *account)
{
  g_return_if_fail (HD_IS_BUDGET_ROW (self));

  g_set_object (&self->account, account);
  if (account != NULL && hd_ad_account_get_currency (account) != NULL)
    hd_budget_row_set_currency (self, hd_ad_account_get_currency (account));
  else
    emit_changed (self);
}

const char *
hd_budget_row_get_currency (HdBudgetRow *self)
{
  g_return_val_if_fail (HD_IS_BUDGET_ROW (self), NULL);

  return self->currency;
}

void
hd_budget_row_set_currency (HdBudgetRow *self,
                            const char  *currency)
{
  g_return_if_fail (HD_IS_BUDGET_ROW (self));

  g_free (self->currency);
  self->currency = g_strdup (currency);
  emit_changed (self);
}

void
hd_budget_row_set_billing_event (HdBudgetRow *self,
                                 const char  *billing_event)
{
  g_return_if_fail (HD_IS_BUDGET_ROW (self));

  g_free (self->billing_event);
  self->billing_event = g_strdup (billing_event);
  update_sentences (self);
}

void
hd_budget_row_set_flight (HdBudgetRow *self,
                          gint64       starts_at,
                          gint64       ends_at,
                          const char  *time_zone)
{
  g_return_if_fail (HD_IS_BUDGET_ROW (self));

  self->starts_at = starts_at;
  self->ends_at = ends_at;
  g_free (self->time_zone);
  self->time_zone = g_strdup (time_zone);
  update_sentences (self);
}

HdBudgetKind
hd_budget_row_get_kind (HdBudgetRow *self)
{
  g_return_val_if_fail (HD_IS_BUDGET_ROW (self), HD_BUDGET_KIND_DAILY);

  return gtk_toggle_button_get_active (self->lifetime_button) ? HD_BUDGET_KIND_LIFETIME
                                                              : HD_BUDGET_KIND_DAILY;
}

void
hd_budget_row_set_kind (HdBudgetRow  *self,
                        HdBudgetKind  kind)
{
  g_return_if_fail (HD_IS_BUDGET_ROW (self));

  if (self->lifetime_required)
    kind = HD_BUDGET_KIND_LIFETIME;
  gtk_toggle_button_set_active (kind == HD_BUDGET_KIND_DAILY ? self->daily_button
                                                             : self->lifetime_button, TRUE);
}

gboolean
hd_budget_row_get_amount (HdBudgetRow *self,
                          gint64      *minor)
{
  g_return_val_if_fail (HD_IS_BUDGET_ROW (self), FALSE);
  g_return_val_if_fail (minor != NULL, FALSE);

  return parse_amount (self, minor, NULL);
}

void
hd_budget_row_set_amount (HdBudgetRow *self,
                          gint64       minor)
{
  g_autofree char *text = NULL;

  g_return_if_fail (HD_IS_BUDGET_ROW (self));

  if (minor > 0 && self->currency != NULL)
    {
      gint64 per_major = hd_money_get_minor_per_major (self->currency);
      int exponent = hd_money_get_exponent (self->currency);

      /* Plain digits parse in every locale; the formatted form goes under the entry. */
      if (exponent <= 0 || per_major <= 1)
        text = g_strdup_printf ("%" G_GINT64_FORMAT, minor);
      else if (minor % per_major == 0)
        text = g_strdup_printf ("%" G_GINT64_FORMAT, minor / per_major);
      else
        {
          HdMoneyStyle style;

          hd_money_style_for_locale (NULL, &style);
          text = g_strdup_printf ("%" G_GINT64_FORMAT "%s%0*" G_GINT64_FORMAT,
                                  minor / per_major, style.decimal_point, exponent,
                                  minor % per_major);
        }
    }

  gtk_editable_set_text (GTK_EDITABLE (self->amount_row), text != NULL ? text : "");
}

void
hd_budget_row_set_lifetime_required (HdBudgetRow *self,
                                     gboolean     required)
{
  g_return_if_fail (HD_IS_BUDGET_ROW (self));

  required = !!required;
  if (self->lifetime_required == required)
    return;

  self->lifetime_required = required;
  gtk_widget_set_sensitive (GTK_WIDGET (self->daily_button), !required);
  if (required)
    {
      gint64 per_day;

      /* Meta refuses an hour schedule on a daily budget; carry the money over so the
       * flight costs what it would have. */
      if (hd_budget_row_get_kind (self) == HD_BUDGET_KIND_DAILY)
        {
          guint days = self->starts_at > 0 && self->ends_at > 0
                       ? hd_budget_count_days (self->starts_at, self->ends_at, self->time_zone)
                       : 0;

          if (days > 0 && hd_budget_row_get_amount (self, &per_day) && per_day > 0)
            hd_budget_row_set_amount (self, per_day * days);
          gtk_toggle_button_set_active (self->lifetime_button, TRUE);
        }
      show_text (self->note_label,
                 _("Meta runs ads at chosen hours only with a budget for the whole flight, so "
                   "this budget is now for the whole flight."));
    }
  else
    {
      show_text (self->note_label, NULL);
    }
}

GtkEditable *
hd_budget_row_get_entry (HdBudgetRow *self)
{
  g_return_val_if_fail (HD_IS_BUDGET_ROW (self), NULL);

  return GTK_EDITABLE (self->amount_row);
}

const char *
hd_budget_row_get_forecast (HdBudgetRow *self)
{
  g_return_val_if_fail (HD_IS_BUDGET_ROW (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->forecast_label))
         ? gtk_label_get_label (self->forecast_label) : NULL;
}

const char *
hd_budget_row_get_minor_units_text (HdBudgetRow *self)
{
  g_return_val_if_fail (HD_IS_BUDGET_ROW (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->minor_label))
         ? gtk_label_get_label (self->minor_label) : NULL;
}

const char *
hd_budget_row_get_minimum_text (HdBudgetRow *self)
{
  g_return_val_if_fail (HD_IS_BUDGET_ROW (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->minimum_label))
         ? gtk_label_get_label (self->minimum_label) : NULL;
}

const char *
hd_budget_row_get_note (HdBudgetRow *self)
{
  g_return_val_if_fail (HD_IS_BUDGET_ROW (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->note_label))
         ? gtk_label_get_label (self->note_label) : NULL;
}

static void
hd_budget_row_dispose (GObject *object)
{
  HdBudgetRow *self = HD_BUDGET_ROW (object);

  g_clear_object (&self->account);

  G_OBJECT_CLASS (hd_budget_row_parent_class)->dispose (object);
}

static void
hd_budget_row_finalize (GObject *object)
{
  HdBudgetRow *self = HD_BUDGET_ROW (object);

  g_free (self->currency);
  g_free (self->billing_event);
  g_free (self->time_zone);

  G_OBJECT_CLASS (hd_budget_row_parent_class)->finalize (object);
}

static void
hd_budget_row_class_init (HdBudgetRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hd_budget_row_dispose;
  object_class->finalize = hd_budget_row_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static GtkLabel *
add_sentence (GtkWidget *box)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_visible (label, FALSE);
  gtk_box_append (GTK_BOX (box), label);

  return GTK_LABEL (label);
}

static void
hd_budget_row_init (HdBudgetRow *self)
{
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *kind_row = adw_action_row_new ();
  GtkWidget *toggles = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *sentences = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (kind_row), _("Budget"));
  gtk_widget_add_css_class (toggles, "linked");
  gtk_widget_set_valign (toggles, GTK_ALIGN_CENTER);
  self->daily_button = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_mnemonic (_("_Daily")));
  self->lifetime_button =
    GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_mnemonic (_("_Whole flight")));
  gtk_toggle_button_set_group (self->lifetime_button, self->daily_button);
  gtk_toggle_button_set_active (self->daily_button, TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->daily_button),
                               _("Spend up to the amount each day (Alt+D)"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->lifetime_button),
                               _("Spread the amount over the whole flight (Alt+W)"));
  gtk_box_append (GTK_BOX (toggles), GTK_WIDGET (self->daily_button));
  gtk_box_append (GTK_BOX (toggles), GTK_WIDGET (self->lifetime_button));
  adw_action_row_add_suffix (ADW_ACTION_ROW (kind_row), toggles);
  gtk_list_box_append (GTK_LIST_BOX (list), kind_row);

  self->amount_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  gtk_editable_set_alignment (GTK_EDITABLE (self->amount_row), 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->amount_row), "numeric");
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->amount_row));

  gtk_widget_add_css_class (sentences, "hd-budget-sentences");
  self->minor_label = add_sentence (sentences);
  gtk_widget_add_css_class (GTK_WIDGET (self->minor_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->minor_label), "caption");
  self->forecast_label = add_sentence (sentences);
  self->minimum_label = add_sentence (sentences);
  self->note_label = add_sentence (sentences);
  gtk_widget_add_css_class (GTK_WIDGET (self->note_label), "hd-note");

  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), sentences);
  adw_bin_set_child (ADW_BIN (self), box);

  g_signal_connect_object (self->amount_row, "changed", G_CALLBACK (emit_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->daily_button, "toggled", G_CALLBACK (on_kind_toggled), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->lifetime_button, "toggled", G_CALLBACK (on_kind_toggled),
                           self, G_CONNECT_SWAPPED);
  update_title (self);
}
