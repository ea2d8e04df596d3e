/* hd-store.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hd-core-enums.h"
#include "hd-store-private.h"

/* Long enough to ride out another connection's short write, short enough that a database held
 * by another program is reported while the user is still looking. */
#define BUSY_TIMEOUT_MS 1000

/* The connection that long reads run on, opened by the first of them, and the lock that lets
 * one read at a time use it. Shared by reference with the reads running: a worker thread may
 * let go of its read a little after the read is over, and the store may be gone by then. */
typedef struct
{
  GMutex   lock;
  char    *path;
  HdStore *connection;
} Reader;

static void
reader_clear (Reader *reader)
{
  g_mutex_clear (&reader->lock);
  g_clear_object (&reader->connection);
  g_free (reader->path);
}

static void
reader_release (Reader *reader)
{
  g_rc_box_release_full (reader, (GDestroyNotify) reader_clear);
}

struct _HdStore
{
  GObject parent_instance;

  /* owned */
  char *path;
  sqlite3 *db;

  /* Statements run on every calendar refresh, keyed by their SQL text (static strings). */
  GHashTable *statements;

  /* transaction state */
  guint depth;
  GPtrArray *changed_families; /* interned strings, emitted on the outermost commit */

  /* Where long reads run, on worker threads; made by the first of them. */
  Reader *reader;
};

G_DEFINE_FINAL_TYPE (HdStore, hd_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (hd-store-error-quark, hd_store_error)

enum
{
  PROP_0,
  PROP_PATH,
  N_PROPS
};

enum
{
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
hd_store_finalize (GObject *object)
{
  HdStore *self = (HdStore *)object;

  if (self->depth > 0)
    {
      g_critical ("The store at %s was freed inside a transaction; rolling it back", self->path);
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
    }

  g_clear_pointer (&self->reader, reader_release);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->changed_families, g_ptr_array_unref);

  G_OBJECT_CLASS (hd_store_parent_class)->finalize (object);
}

static void
hd_store_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  HdStore *self = HD_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_store_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  HdStore *self = HD_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_store_class_init (HdStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hd_store_finalize;
  object_class->get_property = hd_store_get_property;
  object_class->set_property = hd_store_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HdStore::changed:
   * @family: the table family written, such as "posts"
   *
   * Emitted once a committed transaction has written to @family; detailed by the same name.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
hd_store_init (HdStore *self)
{
  self->changed_families = g_ptr_array_new ();
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, finalize_statement);
}

char *
hd_store_default_dir (void)
{
  const char *override = g_getenv ("HERALD_DATA_DIR");

  if (override != NULL && override[0] != '\0')
    return g_strdup (override);

  return g_build_filename (g_get_user_data_dir (), "herald", NULL);
}

char *
hd_store_default_path (void)
{
  g_autofree char *dir = hd_store_default_dir ();

  return g_build_filename (dir, "herald.db", NULL);
}

char *
hd_store_sample_path (void)
{
  g_autofree char *dir = hd_store_default_dir ();

  return g_build_filename (dir, "sample.db", NULL);
}

/* Permission bits, not only access(2): a file its owner made read-only stays read-only for
 * Herald even when it runs with privileges that would let it write anyway. */
static gboolean
path_is_writable (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return FALSE;

  if (st.st_uid == geteuid ())
    return (st.st_mode & S_IWUSR) != 0;

  return g_access (path, W_OK) == 0;
}

static void
set_open_error (GError     **error,
                const char  *path,
                int          code,
                const char  *detail)
{
  switch (code)
    {
    case HD_STORE_ERROR_CORRUPT:
      g_set_error (error, HD_STORE_ERROR, code,
                   _("Herald’s database at “%s” is damaged, so Herald left it untouched. "
                     "Move it aside to start afresh, or restore a backup."), path);
      break;

    case HD_STORE_ERROR_TOO_NEW:
      g_set_error (error, HD_STORE_ERROR, code,
                   _("Herald’s database at “%s” was last used by a newer version of Herald, "
                     "so this version left it untouched. Update Herald to open it."), path);
      break;

    case HD_STORE_ERROR_LOCKED:
      g_set_error (error, HD_STORE_ERROR, code,
                   _("Herald’s database at “%s” is in use by another program, perhaps another "
                     "copy of Herald, so Herald left it untouched. Close the other program and "
                     "try again."), path);
      break;

    case HD_STORE_ERROR_READ_ONLY:
      g_set_error (error, HD_STORE_ERROR, code,
                   _("Herald may not write to its database at “%s”, so it left it untouched. "
                     "Check that you may write to the file and to its folder."), path);
      break;

    case HD_STORE_ERROR_DISK_FULL:
      g_set_error (error, HD_STORE_ERROR, code,
                   _("The disk holding Herald’s database at “%s” is full, so Herald left the "
                     "database untouched. Free some space on that disk and try again."), path);
      break;

    default:
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_FAILED,
                   _("Herald could not open its database at “%s” (%s). Check the file and its "
                     "folder, then try again."), path, detail != NULL ? detail : "");
      break;
    }
}

static int
code_from_sqlite (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      return HD_STORE_ERROR_DISK_FULL;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return HD_STORE_ERROR_LOCKED;

    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
    case SQLITE_AUTH:
      return HD_STORE_ERROR_READ_ONLY;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return HD_STORE_ERROR_CORRUPT;

    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_TOOBIG:
    case SQLITE_RANGE:
      return HD_STORE_ERROR_INVALID;

    default:
      return HD_STORE_ERROR_FAILED;
    }
}

static int
code_from_errno (int saved_errno)
{
  switch (saved_errno)
    {
    case EACCES:
    case EPERM:
    case EROFS:
      return HD_STORE_ERROR_READ_ONLY;

    case ENOSPC:
    case EDQUOT:
    case EFBIG:
      return HD_STORE_ERROR_DISK_FULL;

    default:
      return HD_STORE_ERROR_FAILED;
    }
}

/* SQLite says SQLITE_FULL only when write(2) itself reports ENOSPC. A quota, a file size limit,
 * a short disk met while growing the shared memory file or a file system gone read-only come
 * back as one of the SQLITE_IOERR codes, and the user needs to hear the reason, not "disk I/O
 * error". SQLite keeps that reason in sqlite3_system_errno() on some paths only (not on the
 * write of a COMMIT), so @saved_errno, errno as the failed call left it, is asked first. */
static int
code_from_result (sqlite3 *db,
                  int      rc,
                  int      saved_errno)
{
  int code = code_from_sqlite (rc);

  if (code == HD_STORE_ERROR_FAILED && (rc & 0xff) == SQLITE_IOERR)
    {
      int errno_code = code_from_errno (saved_errno);

      if (errno_code == HD_STORE_ERROR_FAILED && db != NULL)
        errno_code = code_from_errno (sqlite3_system_errno (db));

      if (errno_code != HD_STORE_ERROR_FAILED)
        code = errno_code;
    }

  return code;
}

void
_hd_store_set_error (HdStore     *self,
                     GError     **error,
                     int          rc,
                     const char  *action)
{
  /* Read first: anything below may make system calls of its own. */
  int saved_errno = errno;
  const char *detail = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);
  int code = code_from_result (self->db, rc, saved_errno);

  switch (code)
    {
    case HD_STORE_ERROR_DISK_FULL:
      g_set_error (error, HD_STORE_ERROR, code,
                   _("The disk holding Herald’s database at “%s” is full, so Herald could not "
                     "%s. Free some space on that disk and try again."), self->path, action);
      break;

    case HD_STORE_ERROR_LOCKED:
      g_set_error (error, HD_STORE_ERROR, code,
                   _("Herald’s database at “%s” is busy in another program, perhaps another copy "
                     "of Herald, so Herald could not %s. Close the other program and try again."),
                   self->path, action);
      break;

    case HD_STORE_ERROR_READ_ONLY:
      g_set_error (error, HD_STORE_ERROR, code,
                   _("Herald may not write to its database at “%s”, so it could not %s. Check "
                     "that you may write to the file and to its folder."), self->path, action);
      break;

    case HD_STORE_ERROR_CORRUPT:
      g_set_error (error, HD_STORE_ERROR, code,
                   _("Herald’s database at “%s” is damaged, so Herald could not %s. Move it "
                     "aside to start afresh, or restore a backup."), self->path, action);
      break;

    case HD_STORE_ERROR_INVALID:
      g_set_error (error, HD_STORE_ERROR, code,
                   _("Herald could not %s because part of it is missing or not accepted (%s). "
                     "Check what was entered and try again."), action, detail);
      break;

    default:
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_FAILED,
                   _("Herald could not %s in its database at “%s” (%s). Try again, and restore "
                     "a backup if it keeps happening."), action, self->path, detail);
      break;
    }
}

static void
remove_database_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

/* Read-only checks, made before anything is written so a file that fails them stays as it
 * was. Returns an HdStoreError code, or -1 when the file may be opened. */
static int
check_database (sqlite3 *db,
                char   **detail)
{
  sqlite3_stmt *stmt = NULL;
  int saved_errno;
  int rc;
  int code = -1;

  errno = 0;
  rc = sqlite3_prepare_v2 (db, "SELECT count(*) FROM sqlite_master", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  stmt = NULL;
  if (rc != SQLITE_ROW)
    goto failed;

  rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) > HD_STORE_SCHEMA_VERSION)
    code = HD_STORE_ERROR_TOO_NEW;
  sqlite3_finalize (stmt);
  stmt = NULL;
  if (code >= 0)
    return code;
  if (rc != SQLITE_ROW)
    goto failed;

  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && g_strcmp0 ((const char *)sqlite3_column_text (stmt, 0), "ok") != 0)
    code = HD_STORE_ERROR_CORRUPT;
  sqlite3_finalize (stmt);
  stmt = NULL;
  if (code >= 0)
    return code;
  if (rc != SQLITE_ROW)
    goto failed;

  /* Taking the write lock writes nothing, and tells us now rather than at the first edit
   * that another program holds it. */
  rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    goto failed;
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);

  return -1;

failed:
  saved_errno = errno;
  *detail = g_strdup (sqlite3_errmsg (db));
  code = code_from_result (db, rc, saved_errno);
  /* A schema the checks cannot even read is as good as damaged. */
  return code == HD_STORE_ERROR_INVALID ? HD_STORE_ERROR_CORRUPT : code;
}

static gboolean
exec_pragma (sqlite3    *db,
             const char *sql,
             const char *expected)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        ok = expected == NULL;
      else if (rc == SQLITE_ROW)
        ok = expected == NULL ||
             g_ascii_strcasecmp ((const char *)sqlite3_column_text (stmt, 0), expected) == 0;
    }
  sqlite3_finalize (stmt);

  return ok;
}

static gboolean
create_parent (const char  *dir,
               GError     **error,
               const char  *path)
{
  g_autofree char *ancestor = NULL;

  if (g_file_test (dir, G_FILE_TEST_IS_DIR))
    return TRUE;

  ancestor = g_strdup (dir);
  while (!g_file_test (ancestor, G_FILE_TEST_EXISTS))
    {
      char *parent = g_path_get_dirname (ancestor);

      g_free (ancestor);
      ancestor = parent;
    }

  if (!path_is_writable (ancestor))
    {
      set_open_error (error, path, HD_STORE_ERROR_READ_ONLY, NULL);
      return FALSE;
    }

  /* The folder holds the user's drafts and plans: nobody else needs to list it. */
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      set_open_error (error, path, code_from_errno (saved_errno), g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

static gboolean
create_file (const char  *path,
             GError     **error)
{
  int fd = g_open (path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

  if (fd < 0 || fchmod (fd, 0600) != 0)
    {
      int saved_errno = errno;

      if (fd >= 0)
        close (fd);
      set_open_error (error, path, code_from_errno (saved_errno), g_strerror (saved_errno));
      return FALSE;
    }

  close (fd);

  return TRUE;
}

/* hd_contains (haystack, needle): whether @needle, already case-folded, occurs in @haystack
 * folded the same way. SQLite's own lower() and LIKE fold ASCII only, and a search for
 * "café" must find "CAFÉ". */
static void
contains_casefolded (sqlite3_context  *context,
                     int               argc,
                     sqlite3_value   **argv)
{
  const char *haystack = (const char *)sqlite3_value_text (argv[0]);
  const char *needle = (const char *)sqlite3_value_text (argv[1]);
  g_autofree char *folded = NULL;

  if (haystack == NULL || needle == NULL)
    {
      sqlite3_result_int (context, 0);
      return;
    }

  folded = g_utf8_casefold (haystack, -1);
  sqlite3_result_int (context, strstr (folded, needle) != NULL);
}

/* What every connection of Herald's sets once the file is known good. @cache_pragma sets the
 * size of its page cache. */
static void
configure_connection (sqlite3    *db,
                      const char *cache_pragma)
{
  /* In WAL mode NORMAL loses no committed transaction on a crash, only on power loss. */
  exec_pragma (db, "PRAGMA synchronous = NORMAL", NULL);
  /* Savepoint journals and sorts stay in memory: a large import would otherwise write every
   * page it touches to a temporary file as well. */
  exec_pragma (db, "PRAGMA temp_store = MEMORY", NULL);
  exec_pragma (db, cache_pragma, NULL);

  sqlite3_create_function (db, "hd_contains", 2,
                           SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                           contains_casefolded, NULL, NULL);
}

static gboolean
open_database (HdStore  *self,
               GError  **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  g_autofree char *detail = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean created = FALSE;
  int code;
  int rc;

  if (!create_parent (dir, error, self->path))
    return FALSE;

  if (g_file_test (self->path, G_FILE_TEST_EXISTS))
    {
      /* SQLite needs the folder too, for the write-ahead log beside the file. */
      if (!path_is_writable (self->path) || !path_is_writable (dir))
        {
          set_open_error (error, self->path, HD_STORE_ERROR_READ_ONLY, NULL);
          return FALSE;
        }
    }
  else
    {
      if (!path_is_writable (dir))
        {
          set_open_error (error, self->path, HD_STORE_ERROR_READ_ONLY, NULL);
          return FALSE;
        }
      if (!create_file (self->path, error))
        return FALSE;
      created = TRUE;
    }

  errno = 0;
  rc = sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      int saved_errno = errno;

      detail = g_strdup (self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      code = code_from_result (self->db, rc, saved_errno);
      goto failed;
    }

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  /* The check reads every page of the file once: kept in the cache, they would take the
   * room of the pages the window reads next, and the memory to hold them would stay with
   * Herald after they were let go of. The migrations after it get the store's own size. */
  exec_pragma (self->db, "PRAGMA cache_size = -" G_STRINGIFY (HD_STORE_CHECK_CACHE_KIB), NULL);
  code = check_database (self->db, &detail);
  if (code >= 0)
    goto failed;
  exec_pragma (self->db, "PRAGMA cache_size = -" G_STRINGIFY (HD_STORE_CACHE_KIB), NULL);

  if (!exec_pragma (self->db, "PRAGMA foreign_keys = ON", NULL))
    {
      detail = g_strdup (sqlite3_errmsg (self->db));
      code = HD_STORE_ERROR_FAILED;
      goto failed;
    }

  /* Migrating before switching to WAL keeps an old file byte-for-byte as it was should a
   * step fail: the rollback journal undoes it completely. */
  if (!_hd_store_migrate_to (self->db, HD_STORE_SCHEMA_VERSION, &local_error))
    {
      detail = g_strdup (local_error->message);
      code = local_error->code == HD_STORE_ERROR_INVALID ? HD_STORE_ERROR_FAILED
                                                         : local_error->code;
      goto failed;
    }

  errno = 0;
  if (!exec_pragma (self->db, "PRAGMA journal_mode = WAL", "wal"))
    {
      int saved_errno = errno;

      detail = g_strdup (sqlite3_errmsg (self->db));
      code = code_from_result (self->db, sqlite3_extended_errcode (self->db), saved_errno);
      if (code == HD_STORE_ERROR_INVALID)
        code = HD_STORE_ERROR_FAILED;
      goto failed;
    }

  /* A month of the calendar fits; what else is read comes from the system's file cache,
   * shared with the rest of the desktop, rather than from pages each connection keeps. An
   * import asks for more while it runs (see hd-store-import.c). */
  configure_connection (self->db, "PRAGMA cache_size = -" G_STRINGIFY (HD_STORE_CACHE_KIB));

  return TRUE;

failed:
  g_clear_pointer (&self->db, sqlite3_close_v2);
  if (created)
    remove_database_files (self->path);
  set_open_error (error, self->path, code, detail);

  return FALSE;
}

HdStore *
hd_store_open (const char  *path,
               GError     **error)
{
  g_autoptr(HdStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (HD_TYPE_STORE, "path", path, NULL);
  if (!open_database (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

static void
open_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  const char *path = task_data;
  GError *error = NULL;
  HdStore *store = hd_store_open (path, &error);

  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

/**
 * hd_store_open_async:
 * @path: the database file
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the calling thread's main context once the store is open or refused
 * @user_data: data for @callback
 *
 * Does what hd_store_open() does, on a thread of its own: the quick check of a large file
 * takes far longer than a frame. The connection is handed over whole once the check, the
 * migrations and the switch to WAL are done, and from then on belongs to the thread that
 * finishes the call; nothing else has it meanwhile, so nothing can write to a file that has not
 * passed the check. A cancelled open still runs to its end (SQLite cannot stop a check half
 * way), then closes what it opened.
 */
void
hd_store_open_async (const char          *path,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, hd_store_open_async);
  g_task_set_task_data (task, g_strdup (path), g_free);

  /* A connection may change threads unless SQLite was built without any locking at all. */
  if (sqlite3_threadsafe () != 0)
    g_task_run_in_thread (task, open_in_thread);
  else
    open_in_thread (task, NULL, g_task_get_task_data (task), cancellable);
}

/**
 * hd_store_open_finish:
 * @result: the result passed to the callback of hd_store_open_async()
 *
 * Returns: (transfer full): the open store, or %NULL with @error set as hd_store_open() sets
 *   it, or to %G_IO_ERROR_CANCELLED
 */
HdStore *
hd_store_open_finish (GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == hd_store_open_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static HdStore *
open_another (const char  *path,
              GError     **error)
{
  g_autoptr(HdStore) other = NULL;
  int rc;

  other = g_object_new (HD_TYPE_STORE, "path", path, NULL);
  errno = 0;
  rc = sqlite3_open_v2 (other->path, &other->db, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      int saved_errno = errno;
      g_autofree char *detail = g_strdup (other->db != NULL ? sqlite3_errmsg (other->db)
                                                           : sqlite3_errstr (rc));

      set_open_error (error, other->path, code_from_result (other->db, rc, saved_errno),
                      detail);
      return NULL;
    }

  sqlite3_extended_result_codes (other->db, 1);
  sqlite3_busy_timeout (other->db, BUSY_TIMEOUT_MS);
  exec_pragma (other->db, "PRAGMA foreign_keys = ON", NULL);
  /* Another connection does long reads (a sync round's listings, a report) that go through
   * most pages once: a cache of the everyday size would only fill with pages that are not
   * read again, several MB while the read lasts. A small one still keeps the b-trees' inner
   * pages, which every lookup passes through; the rest come from the system's file cache. */
  configure_connection (other->db, "PRAGMA cache_size = -" G_STRINGIFY (HD_STORE_WORKER_CACHE_KIB));

  return g_steal_pointer (&other);
}

/**
 * hd_store_open_another:
 * @self: a store opened with hd_store_open()
 *
 * Opens a second connection to the same file, for long work on another thread. The file was
 * checked and brought to the current schema when @self opened it, so neither is done again:
 * on a large store the check alone takes seconds.
 *
 * Returns: (transfer full): the new connection, or %NULL with @error set
 */
HdStore *
hd_store_open_another (HdStore  *self,
                       GError  **error)
{
  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return open_another (self->path, error);
}

/**
 * hd_store_release_memory:
 * @self: a store
 *
 * Gives back the pages of the database the connection keeps and no statement is using: after
 * a sync round has read through many posts, those pages would otherwise stay until the cache
 * is reused, which on a quiet day is never.
 */
void
hd_store_release_memory (HdStore *self)
{
  g_return_if_fail (HD_IS_STORE (self));

  if (self->db != NULL)
    sqlite3_db_release_memory (self->db);

  /* A read running on it keeps what it uses; the next call lets go of it. */
  if (self->reader != NULL && g_mutex_trylock (&self->reader->lock))
    {
      if (self->reader->connection != NULL)
        sqlite3_db_release_memory (self->reader->connection->db);
      g_mutex_unlock (&self->reader->lock);
    }
}

typedef struct
{
  Reader         *reader;
  HdStoreReadFunc func;
  gpointer        data;
  GDestroyNotify  data_free;
  GDestroyNotify  result_free;
} Read;

static void
read_free (Read *read)
{
  if (read->data_free != NULL)
    g_clear_pointer (&read->data, read->data_free);
  g_clear_pointer (&read->reader, reader_release);
  g_free (read);
}

static void
read_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Read *read = task_data;
  Reader *reader = read->reader;
  GError *error = NULL;
  gpointer result = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  g_mutex_lock (&reader->lock);
  if (reader->connection == NULL)
    reader->connection = open_another (reader->path, &error);
  if (reader->connection != NULL)
    {
      result = read->func (reader->connection, read->data, &error);
      /* A long read goes through many pages once: the file system's cache keeps them for the
       * next, not this connection's, which would hold them until the process ends. */
      hd_store_release_memory (reader->connection);
    }
  g_mutex_unlock (&reader->lock);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, read->result_free);
}

void
_hd_store_read_async (HdStore             *self,
                      HdStoreReadFunc      func,
                      gpointer             data,
                      GDestroyNotify       data_free,
                      GDestroyNotify       result_free,
                      gpointer             source_tag,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Read *read;

  g_return_if_fail (HD_IS_STORE (self));
  g_return_if_fail (func != NULL);

  if (self->reader == NULL)
    {
      self->reader = g_rc_box_new0 (Reader);
      g_mutex_init (&self->reader->lock);
      self->reader->path = g_strdup (self->path);
    }

  read = g_new0 (Read, 1);
  read->reader = g_rc_box_acquire (self->reader);
  read->func = func;
  read->data = data;
  read->data_free = data_free;
  read->result_free = result_free;

  /* Not the store's: the worker thread may let go of the task last. */
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, read, (GDestroyNotify) read_free);
  g_task_run_in_thread (task, read_in_thread);
}

gpointer
_hd_store_read_finish (HdStore       *self,
                       GAsyncResult  *result,
                       gpointer       source_tag,
                       GError       **error)
{
  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
hd_store_get_path (HdStore *self)
{
  g_return_val_if_fail (HD_IS_STORE (self), NULL);

  return self->path;
}

int
hd_store_get_schema_version (HdStore *self)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  g_return_val_if_fail (HD_IS_STORE (self), -1);

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return version;
}

sqlite3 *
_hd_store_get_db (HdStore *self)
{
  g_return_val_if_fail (HD_IS_STORE (self), NULL);

  return self->db;
}

gint64
_hd_store_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

sqlite3_stmt *
_hd_store_prepare (HdStore     *self,
                   const char  *sql,
                   const char  *action,
                   GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _hd_store_set_error (self, error, rc, action);
      sqlite3_finalize (stmt);
      return NULL;
    }

  return stmt;
}

sqlite3_stmt *
_hd_store_prepare_cached (HdStore     *self,
                          const char  *sql,
                          const char  *action,
                          GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  stmt = _hd_store_prepare (self, sql, action, error);
  if (stmt != NULL)
    g_hash_table_insert (self->statements, (gpointer)sql, stmt);

  return stmt;
}

gboolean
_hd_store_step (HdStore       *self,
                sqlite3_stmt  *stmt,
                const char    *action,
                GError       **error)
{
  int rc;

  /* So that errno after a failed step tells why, and not some earlier call. */
  errno = 0;
  rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _hd_store_set_error (self, error, rc, action);
      return FALSE;
    }

  return TRUE;
}

gboolean
_hd_store_exec (HdStore     *self,
                const char  *sql,
                const char  *action,
                GError     **error)
{
  int rc;

  errno = 0;
  rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _hd_store_set_error (self, error, sqlite3_extended_errcode (self->db), action);
      return FALSE;
    }

  return TRUE;
}

gboolean
_hd_store_check_changed_one (HdStore     *self,
                             const char  *action,
                             GError     **error)
{
  if (sqlite3_changes (self->db) > 0)
    return TRUE;

  g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
               _("Herald could not %s because it no longer exists. It may have been deleted in "
                 "another window; reload the page to see what is there now."), action);
  return FALSE;
}

static void
emit_changed (HdStore    *self,
              const char *family)
{
  g_signal_emit (self, signals[CHANGED], g_quark_from_string (family), family);
}

void
_hd_store_mark_changed (HdStore    *self,
                        const char *family)
{
  const char *interned = g_intern_string (family);

  if (self->depth == 0)
    {
      emit_changed (self, interned);
      return;
    }

  if (!g_ptr_array_find (self->changed_families, interned, NULL))
    g_ptr_array_add (self->changed_families, (gpointer)interned);
}

gboolean
hd_store_begin (HdStore  *self,
                GError  **error)
{
  g_autofree char *savepoint = NULL;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);

  if (self->depth == 0)
    {
      if (!_hd_store_exec (self, "BEGIN IMMEDIATE", _("start saving changes"), error))
        return FALSE;
    }
  else
    {
      /* After SQLITE_FULL and the like SQLite may have ended the outer transaction by
       * itself; writing on would land outside it, one statement at a time. */
      if (sqlite3_get_autocommit (self->db) != 0)
        {
          g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_FAILED,
                       _("Herald could not save the changes to its database at “%s” because an "
                         "earlier step failed. Try again."), self->path);
          return FALSE;
        }

      savepoint = g_strdup_printf ("SAVEPOINT hd_%u", self->depth);
      if (!_hd_store_exec (self, savepoint, _("start saving changes"), error))
        return FALSE;
    }

  self->depth++;

  return TRUE;
}

gboolean
hd_store_commit (HdStore  *self,
                 GError  **error)
{
  g_autoptr(GPtrArray) families = NULL;
  g_autofree char *release = NULL;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (self->depth > 1)
    {
      release = g_strdup_printf ("RELEASE hd_%u", self->depth - 1);
      if (!_hd_store_exec (self, release, _("save the changes"), error))
        return FALSE;
      self->depth--;
      return TRUE;
    }

  if (sqlite3_get_autocommit (self->db) != 0)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_FAILED,
                   _("Herald could not save the changes to its database at “%s” because an "
                     "earlier step failed. Try again."), self->path);
      hd_store_rollback (self);
      return FALSE;
    }

  if (!_hd_store_exec (self, "COMMIT", _("save the changes"), error))
    {
      hd_store_rollback (self);
      return FALSE;
    }

  self->depth = 0;
  families = g_steal_pointer (&self->changed_families);
  self->changed_families = g_ptr_array_new ();

  /* Handlers may start new transactions of their own, so emit only once all is settled. */
  g_object_ref (self);
  for (guint i = 0; i < families->len; i++)
    emit_changed (self, g_ptr_array_index (families, i));
  g_object_unref (self);

  return TRUE;
}

void
hd_store_rollback (HdStore *self)
{
  g_return_if_fail (HD_IS_STORE (self));
  g_return_if_fail (self->depth > 0);

  if (self->depth > 1)
    {
      g_autofree char *sql = g_strdup_printf ("ROLLBACK TO hd_%u; RELEASE hd_%u",
                                              self->depth - 1, self->depth - 1);

      /* After SQLITE_FULL and the like SQLite may have ended the whole transaction. */
      if (sqlite3_get_autocommit (self->db) == 0 &&
          sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        g_warning ("Could not roll back to a savepoint: %s", sqlite3_errmsg (self->db));
      self->depth--;
      return;
    }

  /* SQLite may already have rolled back by itself after an error such as SQLITE_FULL. */
  if (sqlite3_get_autocommit (self->db) == 0)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->depth = 0;
  g_ptr_array_set_size (self->changed_families, 0);
}

gboolean
hd_store_is_empty (HdStore   *self,
                   gboolean  *empty,
                   GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("check whether the workspace is empty");

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (empty != NULL, FALSE);

  stmt = _hd_store_prepare (self,
                            "SELECT NOT (EXISTS (SELECT 1 FROM posts) OR"
                            "            EXISTS (SELECT 1 FROM channels) OR"
                            "            EXISTS (SELECT 1 FROM labels) OR"
                            "            EXISTS (SELECT 1 FROM campaigns) OR"
                            "            EXISTS (SELECT 1 FROM audiences) OR"
                            "            EXISTS (SELECT 1 FROM media))",
                            action, error);
  if (stmt == NULL || !_hd_store_step (self, stmt, action, error))
    return FALSE;

  *empty = sqlite3_column_int (stmt, 0) != 0;

  return TRUE;
}

gboolean
_hd_store_set_max_page_count (HdStore  *self,
                              int       pages,
                              GError  **error)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA max_page_count = %d", pages);

  return _hd_store_exec (self, sql, "limit the database size", error);
}

void
_hd_bind_text (sqlite3_stmt *stmt,
               int           index,
               const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

void
_hd_bind_instant (sqlite3_stmt *stmt,
                  int           index,
                  gint64        instant)
{
  if (instant == 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, instant);
}

void
_hd_bind_enum (sqlite3_stmt *stmt,
               int           index,
               GType         enum_type,
               int           value)
{
  _hd_bind_text (stmt, index, hd_enum_to_nick (enum_type, value));
}

const char *
_hd_column_text (sqlite3_stmt *stmt,
                 int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;

  return (const char *)sqlite3_column_text (stmt, column);
}

int
_hd_column_enum (sqlite3_stmt *stmt,
                 int           column,
                 GType         enum_type)
{
  int value = 0;

  /* The CHECK constraints keep unknown nicks out, so the fallback is only for a damaged row. */
  if (!hd_enum_from_nick (enum_type, _hd_column_text (stmt, column), &value))
    g_debug ("Unknown %s value in the database", g_type_name (enum_type));

  return value;
}
