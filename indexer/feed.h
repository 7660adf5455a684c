/* feed.h - the feed reader: an RSS 2.0 (or 1.0) or Atom file becomes one
 * document per item, parsed with libxml2 (no network, no external
 * entities). Each item's id is its guid / Atom id, else its link, else
 * the file id + "#" + the item's number. HTML in descriptions and content
 * is turned into text; an item without text is reported with its line. */
#ifndef VNS_FEED_H
#define VNS_FEED_H

#include <stddef.h>

#include "readers.h"
#include "status.h"

/* Most items taken from one feed; the rest is reported once. */
#ifndef VNS_FEED_MAX_ITEMS
#define VNS_FEED_MAX_ITEMS 100000
#endif

/* Parse len bytes of a feed named path (for ids and reports) and hand its
 * items to sink. VNS_ERECORD when it is not well-formed XML or not a
 * feed (err says where); a status from the sink stops it. */
vns_status vns_feed_parse(const char *data, size_t len, const char *path,
			  const vns_sink *sink, vns_err *err);

/* Read the feed at path (.rss, .atom, .xml). Problems with the file as a
 * whole go to sink->bad. */
vns_status vns_read_feed(const char *path, const vns_sink *sink,
			 vns_err *err);

#endif
