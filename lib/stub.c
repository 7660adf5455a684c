/* stub.c - reading Xapian stub files (see stub.h). */
#include "stub.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

vns_status vns_stub_each(const char *path,
			 int (*fn)(void *ctx, vns_stub_kind kind,
				   const char *name, const char *line),
			 void *ctx, vns_err *err)
{
	FILE *f = fopen(path, "r");
	char line[1024];

	if (!f)
		return vns_err_set(err, VNS_EIO, "'%s': %s", path,
				   strerror(errno));
	while (fgets(line, sizeof line, f)) {
		const char *name = line;
		vns_stub_kind kind = VNS_STUB_LOCAL;

		line[strcspn(line, "\r\n")] = '\0';
		if (!*line || *line == '#')
			continue;
		if (!strncmp(line, "remote", 6))
			kind = VNS_STUB_REMOTE;
		else if (!strncmp(line, "auto ", 5) ||
			 !strncmp(line, "glass ", 6))
			name = strchr(line, ' ') + 1;
		if (fn(ctx, kind, name, line))
			break;
	}
	fclose(f);
	return VNS_OK;
}
