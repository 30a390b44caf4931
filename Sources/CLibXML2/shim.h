#include <libxml/xmlversion.h>
/* Debian's libxml2 is built with ICU; its headers would then pull in the system ICU headers, which clash with
   Foundation's own ICU module. Parley never touches libxml2's encoding-handler internals (the only place the
   macro changes), so the headers are read without it. */
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
