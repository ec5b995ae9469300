// xmlsec (Debian's libxmlsec1 with its OpenSSL engine, on libxml2) for Swift: the library's headers, plus inline
// helpers for what Swift cannot call directly (macros, libxml2's allocator, per-thread error handlers, the parser's
// DTD hook).
#ifndef CXMLSEC_SHIM_H
#define CXMLSEC_SHIM_H

// The definitions `pkg-config --cflags xmlsec1-openssl` gives on Debian 12, which SwiftPM does not pass on (it takes
// only -I and -L from pkg-config). They must match how the library was built: they select the OpenSSL engine and
// xmlsec's ABI (XMLSEC_NO_SIZE_T makes xmlSecSize an unsigned int). NvidiaRIMTests compares them with pkg-config.
#define __XMLSEC_FUNCTION__ __func__
#define XMLSEC_NO_SIZE_T 1
#define XMLSEC_OPENSSL3_ENGINES 1
#define XMLSEC_NO_GOST 1
#define XMLSEC_NO_GOST2012 1
#define XMLSEC_NO_CRYPTO_DYNAMIC_LOADING 1
#define XMLSEC_CRYPTO_OPENSSL 1

#include <libxml/xmlversion.h>
// Debian's libxml2 is built with ICU, whose headers (for the last fields of xmlCharEncodingHandler, which is only
// ever handled through pointers here) clash with Foundation's own ICU module: leave them out.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <xmlsec/xmlsec.h>
#include <xmlsec/xmltree.h>
#include <xmlsec/xmldsig.h>
#include <xmlsec/transforms.h>
#include <xmlsec/membuf.h>
#include <xmlsec/nodeset.h>
#include <xmlsec/errors.h>
#include <xmlsec/io.h>
#include <xmlsec/crypto.h>

/// What `cxmlsec_initialize` did not manage, or 0 when the library is ready.
enum cxmlsec_init_status {
    cxmlsec_init_ok = 0,
    cxmlsec_init_xmlsec = 1,
    cxmlsec_init_version = 2,
    cxmlsec_init_crypto_app = 3,
    cxmlsec_init_crypto = 4,
};

/// Initialises libxml2, xmlsec and its OpenSSL engine once per process (the caller serialises this): checks that the
/// loaded library is ABI-compatible with these headers, keeps xmlsec's errors off stderr, and drops xmlsec's URI
/// input callbacks (file, HTTP, FTP), so that no transform can ever read anything but the document in memory.
static inline int cxmlsec_initialize(void) {
    xmlInitParser();
    if (xmlSecInit() < 0) return cxmlsec_init_xmlsec;
    if (xmlSecCheckVersion() != 1) return cxmlsec_init_version;
    if (xmlSecCryptoAppInit(NULL) < 0) return cxmlsec_init_crypto_app;
    if (xmlSecCryptoInit() < 0) return cxmlsec_init_crypto;
    xmlSecErrorsDefaultCallbackEnableOutput(0);
    xmlSecIOCleanupCallbacks();
    return cxmlsec_init_ok;
}

static inline void cxmlsec_ignore_generic_error(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}

static inline void cxmlsec_ignore_structured_error(void *context, xmlErrorPtr error) {
    (void)context;
    (void)error;
}

/// Keeps libxml2's errors (C14N, tree) off stderr on the calling thread: libxml2's handlers are per thread.
static inline void cxmlsec_silence_thread_errors(void) {
    xmlSetGenericErrorFunc(NULL, cxmlsec_ignore_generic_error);
    xmlSetStructuredErrorFunc(NULL, cxmlsec_ignore_structured_error);
}

static inline void cxmlsec_stop_at_doctype(void *context, const xmlChar *name, const xmlChar *externalID,
                                           const xmlChar *systemID) {
    (void)name;
    (void)externalID;
    (void)systemID;
    xmlStopParser((xmlParserCtxtPtr)context);
}

/// A parser context that stops at a `<!DOCTYPE`, before any entity or external subset is declared, so that a
/// document with a DTD never gets as far as entity expansion. NULL when out of memory.
static inline xmlParserCtxtPtr cxmlsec_new_parser_without_dtd(void) {
    xmlParserCtxtPtr context = xmlNewParserCtxt();
    if (context != NULL && context->sax != NULL) context->sax->internalSubset = cxmlsec_stop_at_doctype;
    return context;
}

/// Frees memory libxml2 allocated (attribute values, text content).
static inline void cxmlsec_free(void *pointer) { xmlFree(pointer); }

/// Allows `transform` in a transform context (by default every registered transform is allowed).
static inline int cxmlsec_enable_transform(xmlSecTransformCtxPtr context, xmlSecTransformId transform) {
    return xmlSecPtrListAdd(&(context->enabledTransforms), (void *)transform);
}

/// The SHA-384 digest transform of the OpenSSL engine (a macro in xmlsec's headers).
static inline xmlSecTransformId cxmlsec_sha384(void) { return xmlSecTransformSha384Id; }

#endif
