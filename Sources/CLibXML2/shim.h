#ifndef KDPIPE_CLIBXML2_SHIM_H
#define KDPIPE_CLIBXML2_SHIM_H

/* Debian builds libxml2 with ICU; its headers then drag ICU types that clash with
   Foundation's own ICU module. kdpipe never uses libxml2's ICU entry points. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlmemory.h>
#include <libxml/parserInternals.h>

/* xmlFree is a C global function pointer, which Swift 6 rejects as shared mutable state. */
static inline void kd_xmlFree(void *pointer) { xmlFree(pointer); }

/* xmlParserVersion is a macro over a function; expose the compile-time version string. */
static inline const char *kd_libxml_dotted_version(void) { return LIBXML_DOTTED_VERSION; }

/* Some of libxml2's schema code reports an internal state it does not handle ("Unimplemented block at
   xmlschemas.c:…") straight to the thread's generic error channel, a printf-like function Swift cannot
   write. These lines say nothing to an analyst (the fault that led there is a diagnostic already), and
   kdpipe's standard error holds only its own lines: this thread's channel is set to drop them. */
static inline void kd_drop_generic_error(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}
static inline void kd_drop_generic_errors_on_this_thread(void) { xmlSetGenericErrorFunc(NULL, kd_drop_generic_error); }

#endif
