/*
 * shim.h: the C side of TerminalUI's libedit line reader.
 *
 * libedit's configuration and history calls (el_set, el_get, history) are
 * variadic, and Swift cannot call C variadic functions. Each call TerminalUI
 * needs is wrapped here in a small non-variadic `static inline` function with
 * fixed argument types. Nothing else lives here: all logic stays in Swift.
 */
#ifndef IAMQUIZ_CEDITLINE_SHIM_H
#define IAMQUIZ_CEDITLINE_SHIM_H

#include <stdio.h>
#include <wchar.h>
#include <histedit.h>
#include <editline/readline.h>

/* A prompt function: returns the prompt to draw (a NUL-terminated C string). */
typedef char *(*iq_el_prompt_fn)(EditLine *);

/* An editor function bound to a key: returns one of the CC_* codes. */
typedef unsigned char (*iq_el_editor_fn)(EditLine *, int);

/* A character-read function: stores one character, returns 1, 0 at end of
   file, or -1 on an error (errno says which). */
typedef int (*iq_el_getc_fn)(EditLine *, wchar_t *);

/* ---- standard streams ------------------------------------------------- */

/* The C standard streams, as functions: Swift 6 rejects reading the global
   variables `stdin`, `stdout` and `stderr` as shared mutable state. */
static inline FILE *iq_stdin(void) { return stdin; }
static inline FILE *iq_stdout(void) { return stdout; }
static inline FILE *iq_stderr(void) { return stderr; }

/* ---- el_set / el_get -------------------------------------------------- */

/* Sets the prompt function; characters between two `esc` characters in the
   prompt are printed but take no room (for ANSI colour sequences). */
static inline int iq_el_set_prompt_esc(EditLine *el, iq_el_prompt_fn fn, char esc) {
    return el_set(el, EL_PROMPT_ESC, fn, esc);
}

/* Selects the key bindings: "emacs" or "vi". */
static inline int iq_el_set_editor(EditLine *el, const char *mode) {
    return el_set(el, EL_EDITOR, mode);
}

/* When on, libedit restores the terminal before a signal reaches the program. */
static inline int iq_el_set_signal(EditLine *el, int on) {
    return el_set(el, EL_SIGNAL, on);
}

/* Connects a history list to the editor (up/down arrows, Ctrl-P/Ctrl-N). */
static inline int iq_el_set_history(EditLine *el, History *h) {
    return el_set(el, EL_HIST, history, h);
}

/* Stores an opaque pointer that callbacks can fetch with iq_el_get_clientdata. */
static inline int iq_el_set_clientdata(EditLine *el, void *data) {
    return el_set(el, EL_CLIENTDATA, data);
}

/* Returns the pointer stored with iq_el_set_clientdata, or NULL. */
static inline void *iq_el_get_clientdata(EditLine *el) {
    void *data = NULL;
    if (el_get(el, EL_CLIENTDATA, &data) != 0)
        return NULL;
    return data;
}

/* Registers a named editor function. */
static inline int iq_el_add_function(EditLine *el, const char *name, const char *help,
                                     iq_el_editor_fn fn) {
    return el_set(el, EL_ADDFN, name, help, fn);
}

/* Binds a key sequence (such as "^I") to a named editor function. */
static inline int iq_el_bind(EditLine *el, const char *key, const char *function) {
    return el_set(el, EL_BIND, key, function, (const char *)NULL);
}

/* Reads characters with `fn` instead of libedit's own read(2); NULL puts
   libedit's own back. A -1 from `fn` makes el_gets return NULL with its errno
   (the line typed so far is dropped): the exam's reader ends a read on time. */
static inline int iq_el_set_getcfn(EditLine *el, iq_el_getc_fn fn) {
    return el_set(el, EL_GETCFN, fn);
}

/* Forgets what libedit believes is on screen and draws the prompt and the
   line again from the cursor (the caller first puts it at the prompt). */
static inline int iq_el_refresh(EditLine *el) {
    return el_set(el, EL_REFRESH);
}

/* ---- history ------------------------------------------------------------ */

/* Keeps at most `size` entries. */
static inline int iq_history_set_size(History *h, int size) {
    HistEvent ev;
    return history(h, &ev, H_SETSIZE, size);
}

/* When on, an entry equal to the previous one is not added again. */
static inline int iq_history_set_unique(History *h, int on) {
    HistEvent ev;
    return history(h, &ev, H_SETUNIQUE, on);
}

/* Appends a line to the history. */
static inline int iq_history_enter(History *h, const char *line) {
    HistEvent ev;
    return history(h, &ev, H_ENTER, line);
}

/* Loads entries from a history file; returns -1 when it cannot be read. */
static inline int iq_history_load(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_LOAD, path);
}

/* Writes all entries to a history file; returns -1 on failure. */
static inline int iq_history_save(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_SAVE, path);
}

/* Returns the number of entries. */
static inline int iq_history_count(History *h) {
    HistEvent ev;
    if (history(h, &ev, H_GETSIZE) < 0)
        return 0;
    return ev.num;
}

#endif /* IAMQUIZ_CEDITLINE_SHIM_H */
