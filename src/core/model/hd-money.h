/* hd-money.h: amounts of money in integer minor units, shown and typed in the user's locale.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define HD_MONEY_ERROR (hd_money_error_quark ())

typedef enum
{
  HD_MONEY_ERROR_UNKNOWN_CURRENCY,
  HD_MONEY_ERROR_EMPTY,
  HD_MONEY_ERROR_INVALID,
  HD_MONEY_ERROR_NEGATIVE,
  HD_MONEY_ERROR_TOO_PRECISE,
  HD_MONEY_ERROR_TOO_LARGE,
} HdMoneyError;

/* How a locale writes money: separators and where the currency symbol goes. */
typedef struct
{
  char     decimal_point[8];
  char     thousands_sep[8];
  gboolean symbol_first;
  gboolean symbol_separated;
} HdMoneyStyle;

GQuark       hd_money_error_quark           (void);

gboolean     hd_money_currency_is_known     (const char         *currency);
/* Digits after the decimal point of the minor unit Herald stores and Meta expects for
 * @currency (2 for GBP: 2000 is £20.00; 0 for JPY: 2000 is ¥2,000), or -1 if unknown. */
int          hd_money_get_exponent          (const char         *currency);
/* The exponent in ISO 4217, which differs from Meta's for a few currencies (HUF, TWD...). */
int          hd_money_get_iso_exponent      (const char         *currency);
/* "£", "€", "¥", or NULL when the code itself is shown ("CHF 20.00"). */
const char  *hd_money_get_symbol            (const char         *currency);

/* The style of @locale_name ("de_DE.UTF-8"), or of the user's LC_MONETARY when NULL.
 * FALSE if the locale is not installed. A locale that says nothing about money (C, POSIX)
 * gets "1,234.50" with the symbol in front. */
gboolean     hd_money_style_for_locale      (const char         *locale_name,
                                             HdMoneyStyle       *style);

/* "£20.00", "¥2,000", "1.234,50 €": @style NULL means the user's locale. */
char        *hd_money_format                (gint64              minor,
                                             const char         *currency,
                                             const HdMoneyStyle *style);
/* A user-typed amount ("20", "£1,234.5", "1.234,50 €") in minor units: refuses more
 * decimals than the currency has, negative amounts and overflow, with a sentence. */
gboolean     hd_money_parse                 (const char         *text,
                                             const char         *currency,
                                             const HdMoneyStyle *style,
                                             gint64             *minor,
                                             GError            **error);
/* 10 to the power of the exponent: the minor units in one major unit (100 for GBP). */
gint64       hd_money_get_minor_per_major   (const char         *currency);

G_END_DECLS
