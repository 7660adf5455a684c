/* status.c - messages for vns_status, generated from the X-macro table, and
 * the helpers that fill a vns_err. */
#include "status.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const messages[] = {
#define VNS_STATUS_MSG(code, msg) msg,
	VNS_STATUS_MAP(VNS_STATUS_MSG)
#undef VNS_STATUS_MSG
};

static const char *const names[] = {
#define VNS_STATUS_NAME(code, msg) #code,
	VNS_STATUS_MAP(VNS_STATUS_NAME)
#undef VNS_STATUS_NAME
};

const char *vns_strerror(vns_status code)
{
	if ((unsigned)code >= VNS_STATUS_COUNT)
		return "unknown status";
	return messages[code];
}

const char *vns_status_name(vns_status code)
{
	if ((unsigned)code >= VNS_STATUS_COUNT)
		return "VNS_UNKNOWN";
	return names[code];
}

void vns_err_clear(vns_err *err)
{
	if (!err)
		return;
	err->code = VNS_OK;
	err->msg[0] = '\0';
}

vns_status vns_err_set(vns_err *err, vns_status code, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	return code;
}

void vns_err_prefix(vns_err *err, const char *fmt, ...)
{
	char head[VNS_ERR_MSG_MAX];
	char old[VNS_ERR_MSG_MAX];
	size_t n;
	va_list ap;

	if (!err)
		return;
	memcpy(old, err->msg, sizeof old);
	va_start(ap, fmt);
	vsnprintf(head, sizeof head, fmt, ap);
	va_end(ap);
	n = strlen(head);
	if (n >= sizeof err->msg)
		n = sizeof err->msg - 1;
	memcpy(err->msg, head, n);
	snprintf(err->msg + n, sizeof err->msg - n, "%s",
		 old[0] ? old : vns_strerror(err->code));
}

const char *vns_err_text(const vns_err *err)
{
	if (!err)
		return "unknown error";
	return err->msg[0] ? err->msg : vns_strerror(err->code);
}

const char *vns_version(void)
{
	return VNS_VERSION;
}
