/* hd-store-list.c: a list model that follows the store.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-store"

#include "config.h"

#include "hd-store-private.h"

#define HD_TYPE_STORE_LIST (hd_store_list_get_type ())
G_DECLARE_FINAL_TYPE (HdStoreList, hd_store_list, HD, STORE_LIST, GObject)

struct _HdStoreList
{
  GObject parent_instance;

  GType item_type;
  GPtrArray *items;

  /* The lists live in the interface, which may outlive a store it has closed. */
  GWeakRef store;

  HdStoreQuery query;
  gpointer user_data;
  GDestroyNotify destroy;
};

static GType
hd_store_list_get_item_type (GListModel *model)
{
  return HD_STORE_LIST (model)->item_type;
}

static guint
hd_store_list_get_n_items (GListModel *model)
{
  return HD_STORE_LIST (model)->items->len;
}

static gpointer
hd_store_list_get_item (GListModel *model,
                        guint       position)
{
  HdStoreList *self = HD_STORE_LIST (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = hd_store_list_get_item_type;
  iface->get_n_items = hd_store_list_get_n_items;
  iface->get_item = hd_store_list_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (HdStoreList, hd_store_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
hd_store_list_finalize (GObject *object)
{
  HdStoreList *self = (HdStoreList *)object;

  if (self->destroy != NULL)
    g_clear_pointer (&self->user_data, self->destroy);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_weak_ref_clear (&self->store);

  G_OBJECT_CLASS (hd_store_list_parent_class)->finalize (object);
}

static void
hd_store_list_class_init (HdStoreListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hd_store_list_finalize;
}

static void
hd_store_list_init (HdStoreList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  g_weak_ref_init (&self->store, NULL);
}

static gboolean
refresh (HdStoreList  *self,
         GError      **error)
{
  g_autoptr(HdStore) store = g_weak_ref_get (&self->store);
  g_autoptr(GPtrArray) old_items = NULL;
  GPtrArray *items;

  if (store == NULL)
    return TRUE;

  items = self->query (store, self->user_data, error);
  if (items == NULL)
    return FALSE;

  old_items = g_steal_pointer (&self->items);
  self->items = items;

  if (old_items->len > 0 || items->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_items->len, items->len);

  return TRUE;
}

static void
on_store_changed (HdStoreList *self,
                  const char  *family,
                  HdStore     *store)
{
  g_autoptr(GError) error = NULL;

  /* The list keeps what it showed; the edit itself has already been committed. */
  if (!refresh (self, &error))
    g_warning ("Could not refresh a list after a change to %s: %s", family, error->message);
}

GListModel *
_hd_store_list_new (HdStore             *store,
                    GType                item_type,
                    const char * const  *families,
                    HdStoreQuery         query,
                    gpointer             user_data,
                    GDestroyNotify       destroy,
                    GError             **error)
{
  g_autoptr(HdStoreList) self = NULL;

  g_return_val_if_fail (HD_IS_STORE (store), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  self = g_object_new (HD_TYPE_STORE_LIST, NULL);
  self->item_type = item_type;
  self->query = query;
  self->user_data = user_data;
  self->destroy = destroy;
  g_weak_ref_set (&self->store, store);

  if (!refresh (self, error))
    return NULL;

  for (guint i = 0; families[i] != NULL; i++)
    {
      g_autofree char *signal = g_strconcat ("changed::", families[i], NULL);

      g_signal_connect_object (store, signal, G_CALLBACK (on_store_changed), self,
                               G_CONNECT_SWAPPED);
    }

  return G_LIST_MODEL (g_steal_pointer (&self));
}
